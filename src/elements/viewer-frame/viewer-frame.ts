import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { FetchToken, TokenManager } from '../../client/token-manager.js';
import { studyContext } from '../../context/contexts.js';
import { SessionController } from '../../context/session-controller.js';
import { AvaraViewerErrorEvent } from '../../events/viewer-error.js';
import { AvaraViewerReadyEvent } from '../../events/viewer-ready.js';
import { tokenStyles } from '../../theme/tokens.js';
import { keyedParts } from '../../directives/keyed.js';
import { setStates } from '../custom-states.js';
import { messages, type ViewerFrameMessages } from './viewer-frame.messages.js';
import { styles } from './viewer-frame.styles.js';
import { parseViewerMessage, viewerOriginOf, type HostToViewerMessage } from './viewer-protocol.js';

export type ViewerFrameStatus = 'idle' | 'loading' | 'ready' | 'error';

/** An error the frame itself found (the viewer shows its own errors inside the iframe). */
type FrameError = { code: 'viewer_timeout' | 'invalid_viewer_url' | 'not_configured' | 'token_unavailable'; message: string };

/**
 * The `sandbox` of the viewer iframe. `allow-scripts` runs the viewer; `allow-same-origin` keeps
 * the viewer on its own origin instead of an opaque one, which it needs to call the API with CORS
 * and which lets this frame address it by exact origin. Everything else stays forbidden: top
 * navigation, popups, forms, modals, downloads, pointer lock, presentation.
 */
export const VIEWER_SANDBOX = 'allow-scripts allow-same-origin';

/**
 * An embedded Avara viewer: an iframe to the viewer page on its own origin, handed the widget
 * token by `postMessage` (never in a URL). Inside `<avara-provider>` it shows the provider's
 * selected study and shares its token; standalone it needs `api-base`, `token` (or `fetchToken`)
 * and `study-id`.
 *
 * The viewer page says `avara:viewer-ready`; the frame answers `avara:init` with the token,
 * study, API base and locale, posted to the exact origin of `viewer-url`. Messages from any other
 * origin or window are ignored. Refreshed tokens (`avara:token`) and study changes
 * (`avara:study`) are pushed the same way. See docs/viewer-protocol.md.
 *
 * @attr viewer-url - URL of the viewer page (http or https, on its own origin).
 * @attr study-id - The study to show; inside a provider, defaults to the provider's selected study.
 * @attr api-base - Base URL of the Avara API, with or without its `/v1` (standalone use; inside `<avara-provider>` the provider's).
 * @attr token - A widget token, standalone use (prefer the `token` property, or `fetchToken`).
 * @attr locale - BCP 47 locale; defaults to the provider's, then the page's `lang`.
 * @attr label - Accessible title of the iframe (default: "Image viewer", translated).
 * @attr ready-timeout - Milliseconds to wait for the viewer to say it is ready (default 15000).
 * @fires avara-viewer-ready - The viewer is ready and was given the token; `detail.studyId`, `detail.viewerOrigin`.
 * @fires avara-viewer-error - The viewer did not answer in time, or reported an error; `detail.code`, `detail.message`, `detail.source`.
 * @fires avara-token-refreshed - Standalone: a new token arrived from `fetchToken`.
 * @fires avara-auth-error - Standalone: no valid token could be had.
 * @csspart base - The box around the iframe and messages.
 * @csspart iframe - The viewer iframe.
 * @csspart status - The "select a study", loading and error messages.
 * @cssproperty --avara-viewer-frame-height - Height of the frame (default 600px).
 */
export class AvaraViewerFrame extends LitElement {
  static override styles = [tokenStyles, styles];

  static override properties = {
    viewerUrl: { attribute: 'viewer-url' },
    studyId: { attribute: 'study-id' },
    apiBase: { attribute: 'api-base' },
    token: {},
    fetchToken: { attribute: false },
    locale: {},
    label: {},
    readyTimeout: { attribute: 'ready-timeout', type: Number },
    status: { state: true },
    error: { state: true },
    frameError: { state: true },
    generation: { state: true },
  };

  viewerUrl = '';
  studyId = '';
  apiBase = '';
  /** A widget token minted by the host's server (standalone use). Never put it in a URL. */
  token = '';
  /** Standalone use: called for a new token at start, before expiry and after a 401. */
  fetchToken: FetchToken | undefined;
  locale = '';
  label = '';
  readyTimeout = 15000;

  /** Where the handshake is: no study yet, waiting for the viewer, handed over, or failed. */
  status: ViewerFrameStatus = 'idle';
  /** The last error (the frame's or the viewer's), or null. */
  error: { code: string; message: string; source: 'frame' | 'viewer' } | null = null;
  private frameError: FrameError | null = null;
  /** Bumped to load the viewer afresh (Retry). */
  private generation = 0;

  // The provider's selected study, when inside one.
  #providedStudy = new ContextConsumer(this, { context: studyContext, subscribe: true });

  #session = new SessionController(this);
  #internals: ElementInternals | undefined;
  /** The origin the viewer proved by its ready message; everything is posted there and only there. */
  #viewerOrigin: string | undefined;
  /** The study and API base the viewer was last given. */
  #sent: { studyId: string; apiBase: string } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #tokens: TokenManager | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    try {
      this.#internals = this.attachInternals();
    } catch {
      // No ElementInternals: custom states are a nicety only.
    }
  }

  /** The study shown: `study-id`, else the provider's selection. */
  get currentStudyId(): string {
    return this.studyId || this.#providedStudy.value || '';
  }

  /** The exact origin messages go to, from `viewer-url`; undefined when it is not an http(s) URL. */
  get targetOrigin(): string | undefined {
    return this.viewerUrl ? viewerOriginOf(this.viewerUrl, document.baseURI) : undefined;
  }

  /** Loads the viewer afresh (after a timeout or error). */
  retry(): void {
    this.generation++;
    this.#reset();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('message', this.#onMessage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('message', this.#onMessage);
    this.#unsubscribe?.();
    this.#unsubscribe = this.#tokens = undefined;
    this.#forget();
  }

  get #locale(): string {
    return this.#session.locale;
  }

  get #t(): ViewerFrameMessages {
    return this.#session.messages(messages);
  }

  get #iframe(): HTMLIFrameElement | null | undefined {
    return this.renderRoot?.querySelector('iframe');
  }

  /** Drops the handshake and its timer. */
  #forget(): void {
    clearTimeout(this.#timer);
    this.#timer = this.#viewerOrigin = this.#sent = undefined;
  }

  /** Forgets the handshake: the next render loads the viewer and waits for it again. */
  #reset(): void {
    this.#forget();
    this.frameError = this.error = null;
    this.status = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('viewerUrl') && this.hasUpdated) this.retry();
    // Follows the token manager in use (the provider's or this element's own) to push new tokens.
    const tokens = this.#session.client?.tokens;
    if (tokens !== this.#tokens) {
      this.#unsubscribe?.();
      this.#tokens = tokens;
      this.#unsubscribe = tokens?.onTokenChange?.((token) => {
        if (token && this.#sent) this.#post({ type: 'avara:token', version: 1, token });
      });
    }

    const studyId = this.currentStudyId;
    const t = this.#t;
    const code = this.frameError?.code;
    if (!studyId) {
      if (this.status !== 'idle' || this.#viewerOrigin) this.#reset();
      return;
    }
    if (!this.targetOrigin) return this.#fail('invalid_viewer_url', t.invalidUrl);
    if (!this.#session.client) return this.#fail('not_configured', t.notConfigured);
    if (code === 'invalid_viewer_url' || code === 'not_configured') this.#reset();
    if (this.status === 'idle') {
      this.status = 'loading';
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.status === 'loading') this.#fail('viewer_timeout', this.#t.timeout);
      }, this.readyTimeout);
    }
    // Pushes, once the viewer holds a token: a new study, or a new API base (a full init again).
    const sent = this.#sent;
    if (sent) {
      const apiBase = this.#apiBase();
      if (apiBase && apiBase !== sent.apiBase) this.#sendInit();
      else if (studyId !== sent.studyId) {
        sent.studyId = studyId;
        this.#post({ type: 'avara:study', version: 1, studyId });
      }
    }
  }

  protected override updated(): void {
    const status = this.status;
    setStates(this.#internals, { idle: status === 'idle', loading: status === 'loading', ready: status === 'ready', error: status === 'error' });
  }

  #apiBase(): string | undefined {
    try {
      return this.#session.client?.url('').href;
    } catch {
      return undefined;
    }
  }

  #fail(code: FrameError['code'], message: string): void {
    const fresh = this.frameError?.code !== code;
    this.#forget();
    this.frameError = { code, message };
    this.#showError(code, message, 'frame', this.currentStudyId || null, fresh);
  }

  #showError(code: string, message: string, source: 'frame' | 'viewer', studyId: string | null, announce = true): void {
    this.error = { code, message, source };
    this.status = 'error';
    if (announce) this.dispatchEvent(new AvaraViewerErrorEvent({ code, message, studyId, source }));
  }

  /**
   * Only the iframe's own window, at the exact origin of `viewer-url`, is heard. A message from
   * the page itself, another frame, or the iframe after it navigated elsewhere is dropped.
   */
  #onMessage = (event: MessageEvent): void => {
    const frame = this.#iframe;
    const origin = this.targetOrigin;
    const message = parseViewerMessage(event.data);
    if (!frame || !origin || event.source !== frame.contentWindow || event.origin !== origin || !message) return;
    const type = message.type;
    if (type === 'avara:viewer-ready') {
      if (this.frameError?.code === 'viewer_timeout') this.frameError = null;
      this.#viewerOrigin = origin;
      this.#sendInit();
    } else if (this.#viewerOrigin) {
      if (type === 'avara:token-request') this.#refreshForViewer();
      else if (type === 'avara:viewer-error') {
        this.#showError(message.code, message.message, 'viewer', message.studyId ?? (this.currentStudyId || null));
      } else if (this.error?.source === 'viewer') {
        // avara:study-loaded: the viewer recovered.
        this.error = null;
        this.status = 'ready';
      }
    }
  };

  async #sendInit(): Promise<void> {
    const origin = this.#viewerOrigin;
    const client = this.#session.client;
    const apiBase = this.#apiBase();
    const studyId = this.currentStudyId;
    if (!origin || !client || !apiBase || !studyId) return;
    let token: string;
    try {
      token = await client.tokens.getToken();
    } catch {
      return this.#fail('token_unavailable', this.#t.authError);
    }
    // The viewer may have gone (new URL, study cleared) while the token was being fetched.
    if (this.#viewerOrigin !== origin || this.currentStudyId !== studyId) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sent = { studyId, apiBase };
    this.#post({ type: 'avara:init', version: 1, token, studyId, apiBase, locale: this.#locale });
    if (this.status !== 'ready') {
      this.status = 'ready';
      this.error = null;
      this.dispatchEvent(new AvaraViewerReadyEvent({ studyId, viewerOrigin: origin }));
    }
  }

  /**
   * The viewer was refused with its token: refresh (single-flight) if the host can. A new token
   * is pushed by the token listener; when none came (no fetchToken, it failed, or it gave the
   * same token), the current one is sent back at once, so the viewer shows its refusal without
   * waiting.
   */
  async #refreshForViewer(): Promise<void> {
    const tokens = this.#session.client?.tokens;
    if (!tokens) return;
    const before = tokens.current;
    // A failed refresh is reported by the token manager (avara-auth-error).
    if (tokens.canRefresh) await tokens.refresh(before).catch(() => {});
    if (tokens.current === before && this.#sent) this.#post({ type: 'avara:token', version: 1, token: before });
  }

  /** Posts to the iframe's window at the exact viewer origin; the browser drops it if the frame is elsewhere. */
  #post(message: HostToViewerMessage): void {
    const origin = this.#viewerOrigin;
    if (origin) this.#iframe?.contentWindow?.postMessage(message, origin);
  }

  override render() {
    const t = this.#t;
    const frameError = this.frameError;
    const code = frameError?.code;
    const status = (content: unknown, role?: string) => html`<div class="status ${role === 'alert' ? 'error' : ''}" part="status" role=${role || nothing}>${content}</div>`;
    return html`<div class="base" part="base">
      ${!this.currentStudyId
        ? status(t.noStudy)
        : [
            !frameError || code === 'viewer_timeout'
              ? // A new generation is a new iframe element, so Retry really loads the viewer again.
                keyedParts(
                  [this.generation],
                  String,
                  () => html`<iframe
                    part="iframe"
                    title=${this.label || t.title}
                    src=${this.viewerUrl}
                    sandbox=${VIEWER_SANDBOX}
                    allow="fullscreen"
                    referrerpolicy="origin"
                    ?hidden=${!!frameError}
                  ></iframe>`,
                )
              : nothing,
            this.status === 'loading' ? status(t.loading, 'status') : nothing,
            frameError
              ? status(
                  html`<span>${frameError.message}</span>
                    ${code === 'viewer_timeout' || code === 'token_unavailable'
                      ? html`<button type="button" @click=${() => this.retry()}>${t.retry}</button>`
                      : nothing}`,
                  'alert',
                )
              : nothing,
          ]}
    </div>`;
  }
}
