import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiClient } from '../client/api-client.js';
import { AvaraApiError } from '../client/errors.js';
import { TokenManager, type FetchToken } from '../client/token-manager.js';
import { AvaraAuthErrorEvent } from '../events/auth-error.js';
import { AvaraTokenRefreshedEvent } from '../events/token-refreshed.js';
import { pickMessages, resolveLocale, type MessageTable } from '../format/locale.js';
import { clientContext, localeContext } from './contexts.js';

/** What an element exposes so it can also work standalone, outside `<avara-provider>`. */
export interface StandaloneHost extends ReactiveControllerHost, HTMLElement {
  apiBase: string;
  token: string;
  fetchToken?: FetchToken;
  locale: string;
}

/**
 * The token manager of a provider or a standalone element: it fires `avara-token-refreshed` and
 * `avara-auth-error` on `host`.
 */
export const tokenManagerFor = (host: EventTarget): TokenManager =>
  new TokenManager({
    onRefreshed: (expiresAt) => host.dispatchEvent(new AvaraTokenRefreshedEvent({ expiresAt })),
    onAuthError: (error) => host.dispatchEvent(new AvaraAuthErrorEvent({ error })),
  });

/**
 * Gives an element its API client: the provider's when it is inside `<avara-provider>`, else its
 * own, built from its `api-base`, `token` and `fetchToken`. Either way there is one token manager.
 * Also its locale and strings: its own `locale`, else the provider's, else the page's.
 */
export class SessionController implements ReactiveController {
  #host: StandaloneHost;
  #consumer: ContextConsumer<typeof clientContext, StandaloneHost>;
  #own: ApiClient | undefined;
  #ownTokens: TokenManager;
  /** The token manager's `recoveries` when the client was made. */
  #recoveries = 0;
  #providedLocale: ContextConsumer<typeof localeContext, StandaloneHost>;

  constructor(host: StandaloneHost) {
    this.#host = host;
    this.#consumer = new ContextConsumer(host, { context: clientContext, subscribe: true });
    this.#ownTokens = tokenManagerFor(host);
    this.#ownTokens.onTokenChange(() => host.requestUpdate());
    this.#providedLocale = new ContextConsumer(host, { context: localeContext, subscribe: true });
    host.addController(this);
  }

  /** The client to use now, or undefined when there is neither a provider nor api-base + credentials. */
  get client(): ApiClient | undefined {
    const provided = this.#consumer.value;
    if (provided) return provided;
    const { apiBase, token, fetchToken } = this.#host;
    // The host's token and callback are handed over only when they change: the token manager
    // keeps the newer token it fetched itself. A new credential after an authentication failure
    // (from the host, or fetched on a Retry) gives a new client, so every task that shows the
    // failure runs again.
    const tokens = this.#ownTokens;
    tokens.setToken(token ?? '');
    tokens.setFetchToken(fetchToken);
    if (!apiBase || (!token && !fetchToken)) return undefined;
    if (this.#own?.apiBase !== apiBase || tokens.recoveries !== this.#recoveries) {
      this.#recoveries = tokens.recoveries;
      this.#own = new ApiClient(apiBase, tokens);
    }
    return this.#own;
  }

  /** The token manager of the client in use (the provider's or this element's own). */
  /** The element's locale: its own `locale`, else the provider's, else the nearest `lang`, else the browser's. */
  get locale(): string {
    return resolveLocale(this.#host, this.#host.locale, this.#providedLocale.value);
  }

  /** The element's strings in its locale's language (English until a language file is loaded). */
  messages<T>(table: MessageTable<T>): T {
    return pickMessages(table, this.locale, this.#host);
  }

  get tokens(): TokenManager | undefined {
    return this.client?.tokens;
  }

  hostConnected(): void {
    this.#ownTokens.resume();
  }

  hostDisconnected(): void {
    this.#ownTokens.dispose();
  }
}

export const isAuthError = (e: unknown): e is AvaraApiError => e instanceof AvaraApiError && e.isAuthError;
