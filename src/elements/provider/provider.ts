import { LitElement, css, html, unsafeCSS } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { ApiClient } from '../../client/api-client.js';
import { TokenManager, type FetchToken } from '../../client/token-manager.js';
import { clientContext, customerContext, localeContext, studyContext } from '../../context/contexts.js';
import { AvaraAuthErrorEvent } from '../../events/auth-error.js';
import { AvaraTokenRefreshedEvent } from '../../events/token-refreshed.js';
import { PRESETS, presetDeclarations, themeDeclarations, type PresetName, type Theme } from '../../theme/tokens.js';

/**
 * Shares one API client, one token manager, the selected customer and study, and the locale
 * with every Avara element inside it, and applies a theme preset and brand tokens.
 *
 * @attr api-base - Base URL of the Avara API.
 * @attr token - A widget token (prefer the `token` property, or `fetchToken`).
 * @attr locale - BCP 47 locale for every element inside; defaults to the page's `lang`.
 * @attr theme-preset - `light` (default), `dark`, `high-contrast` or `auto` (follows `prefers-color-scheme`).
 * @attr branding - `avara` shows a small "Powered by Avara" mark in the elements; `none` is white-label.
 * @fires avara-token-refreshed - A new token arrived from `fetchToken`; `detail.expiresAt`.
 * @fires avara-auth-error - No valid token could be had; `detail.error`.
 * @slot - The Avara elements (and any of the host's own markup).
 */
export class AvaraProvider extends LitElement {
  static override styles = css`
    :host {
      display: block;
      ${unsafeCSS(presetDeclarations('light'))}
    }
    :host([theme-preset='dark']) {
      ${unsafeCSS(presetDeclarations('dark'))}
    }
    :host([theme-preset='high-contrast']) {
      ${unsafeCSS(presetDeclarations('high-contrast'))}
    }
    @media (prefers-color-scheme: dark) {
      :host([theme-preset='auto']) {
        ${unsafeCSS(presetDeclarations('dark'))}
      }
    }
    :host([hidden]) {
      display: none;
    }
  `;

  @property({ attribute: 'api-base' }) apiBase = '';
  @property() token = '';
  @property() locale = '';
  @property({ attribute: 'theme-preset', reflect: true }) themePreset: PresetName | 'auto' = 'light';
  @property({ reflect: true }) branding: 'avara' | 'none' = 'avara';
  /** Brand tokens, e.g. `{ colorPrimary: '#6b2bd9', fontFamily: 'Inter' }`. */
  @property({ attribute: false }) theme: Theme | null = null;
  /** Called at start, shortly before the token expires, and once after a 401. Resolve to a new token. */
  @property({ attribute: false }) fetchToken: FetchToken | undefined;

  /** The selected customer ('' = all). Set by `<avara-customer-switcher>` through `avara-customer-change`. */
  @state() expressCustomerId = '';
  /** The selected study. Set by `<avara-study-list>` through `avara-study-select`. */
  @state() studyId = '';

  readonly tokens = new TokenManager({
    onRefreshed: (expiresAt) => this.dispatchEvent(new AvaraTokenRefreshedEvent({ expiresAt })),
    onAuthError: (error) => this.dispatchEvent(new AvaraAuthErrorEvent({ error })),
  });
  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly customerProvider = new ContextProvider(this, { context: customerContext, initialValue: '' });
  private readonly studyProvider = new ContextProvider(this, { context: studyContext, initialValue: '' });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext, initialValue: '' });
  private appliedTheme: string[] = [];

  constructor() {
    super();
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
    if (changed.has('token')) this.tokens.setToken(this.token);
    if (changed.has('fetchToken')) this.tokens.setFetchToken(this.fetchToken);
    if (changed.has('apiBase') || changed.has('token') || changed.has('fetchToken')) {
      this.clientProvider.setValue(this.apiBase && (this.token || this.fetchToken) ? new ApiClient(this.apiBase, this.tokens) : undefined);
    }
    if (changed.has('expressCustomerId')) {
      this.customerProvider.setValue(this.expressCustomerId);
      this.studyId = '';
    }
    if (changed.has('studyId')) this.studyProvider.setValue(this.studyId);
    if (changed.has('locale')) this.localeProvider.setValue(this.locale);
    if (changed.has('theme')) this.applyTheme();
  }

  private applyTheme(): void {
    for (const name of this.appliedTheme) this.style.removeProperty(name);
    const declarations = themeDeclarations(this.theme);
    for (const [name, value] of declarations) this.style.setProperty(name, value);
    this.appliedTheme = declarations.map(([name]) => name);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

export { PRESETS };
