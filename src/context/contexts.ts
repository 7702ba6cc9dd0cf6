import { createContext } from '@lit/context';
import type { ApiClient } from '../client/api-client.js';

/**
 * Context keys are `Symbol.for(...)` with a version, so elements from separately loaded bundles
 * (the script tag and an ES module per element) still find each other's provider.
 */

/** The provider's API client (and through it, its single token manager). */
export const clientContext = createContext<ApiClient | undefined>(Symbol.for('avara.client.v1'));

/** The selected Express customer id; '' means all the user's customers. */
export const customerContext = createContext<string | undefined>(Symbol.for('avara.customer.v1'));

/** The selected study id; '' when none. */
export const studyContext = createContext<string | undefined>(Symbol.for('avara.study.v1'));

/** The provider's locale (BCP 47); '' to follow the page's `lang`. */
export const localeContext = createContext<string | undefined>(Symbol.for('avara.locale.v1'));
