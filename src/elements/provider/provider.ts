import { LitElement, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { ApiClient } from '../../client/api-client.js';
import type { FetchToken, TokenManager } from '../../client/token-manager.js';
import { clientContext, customerContext, localeContext, studyContext } from '../../context/contexts.js';
import { tokenManagerFor } from '../../context/session-controller.js';
import { pickMessages, resolveLocale } from '../../format/locale.js';
import { PRESETS, themeDeclarations, type PresetName, type Theme } from '../../theme/tokens.js';
import { messages } from './provider.messages.js';
import { styles } from './provider.styles.js';

/**
 * Shares one API client, one token manager, the selected customer and study, and the locale
 * with every Avara element inside it, and applies a theme preset and brand tokens.
 *
 * @tag avara-provider
 *
 * @attr api-base - Base URL of the Avara API, with or without its `/v1`.
 * @attr token - A widget token (prefer the `token` property, or `fetchToken`).
 * @attr locale - BCP 47 locale for every element inside; defaults to the page's `lang`.
 * @attr theme-preset - `light`, `dark`, `high-contrast` or `auto` (follows `prefers-color-scheme`). Unset: the elements' light defaults, and tokens set on any ancestor apply.
 * @attr branding - `avara` (default; any value but `none`) shows a small "Powered by Avara" mark after the content; `none` is white-label.
 * @fires avara-token-refreshed - A new token arrived from `fetchToken`; `detail.expiresAt`.
 * @fires avara-auth-error - `fetchToken` failed or the API refused the token; `detail.error`.
 * @slot - The Avara elements (and any of the host's own markup).
 * @csspart branding - The "Powered by Avara" mark.
 */
export class AvaraProvider extends LitElement {
  static override styles = styles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    token: {},
    locale: {},
    themePreset: { attribute: 'theme-preset', reflect: true },
    branding: { reflect: true },
    theme: { attribute: false },
    fetchToken: { attribute: false },
    expressCustomerId: { attribute: false },
    studyId: { state: true },
  };

  apiBase = '';
  /** A widget token minted by the host's server. Prefer the property (or `fetchToken`) to the attribute. */
  token = '';
  locale = '';
  themePreset: PresetName | 'auto' | undefined;
  branding: 'avara' | 'none' = 'avara';
  /** Theme tokens, e.g. `{ colorPrimary: '#6b2bd9', '--avara-radius': '2px' }`: camelCase or CSS names. */
  theme: Theme | null = null;
  /**
   * Called at start, shortly before the token expires, and once after a 401; resolve to a new
   * widget token (the answer of `POST /v1/widget-tokens` as a whole is accepted too).
   */
  fetchToken: FetchToken | undefined;

  /**
   * The selected customer ('' = all). Set by `<avara-customer-switcher>` through
   * `avara-customer-change`; a host may set it too, and the switcher and the lists follow.
   */
  expressCustomerId = '';
  /** The selected study. Set by `<avara-study-list>` through `avara-study-select`. */
  studyId = '';

  /** The one token manager of everything inside this provider. */
  readonly tokens: TokenManager = tokenManagerFor(this);
  #client: ApiClient | undefined;
  #clientProvider = new ContextProvider(this, { context: clientContext });
  #customerProvider = new ContextProvider(this, { context: customerContext, initialValue: '' });
  #studyProvider = new ContextProvider(this, { context: studyContext, initialValue: '' });
  #localeProvider = new ContextProvider(this, { context: localeContext, initialValue: '' });
  #appliedTheme: string[] = [];
  /** The token manager's `recoveries` when the client was made. */
  #recoveries = 0;

  constructor() {
    super();
    // A new token that ends a failure (fetched on an element's Retry, say) starts every element
    // again, as a new token from the host does.
    this.tokens.onTokenChange(() => this.requestUpdate());
    this.addEventListener('avara-customer-change', (e) => {
      this.expressCustomerId = e.detail.expressCustomerId;
    });
    this.addEventListener('avara-study-select', (e) => {
      this.studyId = e.detail.study.studyId;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.tokens.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tokens.dispose();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    // The host's token and callback go to the token manager only when they change, so a newer
    // token it fetched itself is kept.
    const tokens = this.tokens;
    if (changed.has('token')) tokens.setToken(this.token);
    if (changed.has('fetchToken')) tokens.setFetchToken(this.fetchToken);
    const usable = Boolean(this.apiBase && (this.token || this.fetchToken));
    // One client for as long as the API base stays the same: a refreshed token does not reload
    // the elements. A new credential after an authentication failure does (a new client value
    // reruns every element's request).
    if (changed.has('apiBase') || usable !== Boolean(this.#client) || tokens.recoveries !== this.#recoveries) {
      this.#recoveries = tokens.recoveries;
      this.#client = usable ? new ApiClient(this.apiBase, tokens) : undefined;
      this.#clientProvider.setValue(this.#client);
    }
    if (changed.has('expressCustomerId')) {
      this.#customerProvider.setValue(this.expressCustomerId);
      this.studyId = '';
    }
    if (changed.has('studyId')) this.#studyProvider.setValue(this.studyId);
    if (changed.has('locale')) this.#localeProvider.setValue(this.locale);
    if (changed.has('theme')) this.#applyTheme();
  }

  #applyTheme(): void {
    for (const name of this.#appliedTheme) this.style.removeProperty(name);
    const declarations = themeDeclarations(this.theme);
    for (const [name, value] of declarations) this.style.setProperty(name, value);
    this.#appliedTheme = declarations.map(([name]) => name);
  }

  override render() {
    if (this.branding === 'none') return html`<slot></slot>`;
    const t = pickMessages(messages, resolveLocale(this, this.locale), this);
    return html`<slot></slot><p class="branding" part="branding">${t.poweredBy}</p>`;
  }
}

export { PRESETS };
