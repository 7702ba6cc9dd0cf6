import {
  parseHostMessage,
  type HostInitMessage,
  type ViewerToHostMessage,
} from '../../../src/elements/viewer-frame/viewer-protocol.js';

export interface HostLinkHandlers {
  init(message: HostInitMessage): void;
  token(token: string): void;
  study(studyId: string): void;
}

/**
 * The viewer's side of the handshake with `<avara-viewer-frame>`. It hears only its parent
 * window, and only from an allowed origin; the first `avara:init` fixes that origin, and every
 * later message (and every reply) is to and from it alone. Nothing is ever posted to "*".
 */
export class HostLink {
  private origin: string | undefined;

  constructor(
    private readonly allowedOrigins: readonly string[],
    private readonly handlers: HostLinkHandlers,
    private readonly win: Window = window,
  ) {}

  /** The origin the host page proved with its `avara:init`, once it did. */
  get hostOrigin(): string | undefined {
    return this.origin;
  }

  /** Listens, then tells the parent the viewer is ready. False when the page is not in a frame. */
  start(): boolean {
    if (this.win.parent === this.win) return false;
    this.win.addEventListener('message', this.onMessage);
    const ready: ViewerToHostMessage = { type: 'avara:viewer-ready', version: 1 };
    for (const origin of this.candidateOrigins()) this.win.parent.postMessage(ready, origin);
    return true;
  }

  send(message: ViewerToHostMessage): void {
    if (this.origin) this.win.parent.postMessage(message, this.origin);
  }

  /**
   * Where the ready message goes. The parent's origin, when the browser tells it
   * (`location.ancestorOrigins`, or the Referer the frame sends with `referrerpolicy="origin"`)
   * and it is allowed; else each allowed origin (the browser delivers to the matching one only).
   */
  private candidateOrigins(): string[] {
    const told = [this.win.location.ancestorOrigins?.[0], originOf(this.win.document.referrer)];
    const known = told.find((o): o is string => !!o && this.allowedOrigins.includes(o));
    return known ? [known] : [...this.allowedOrigins];
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if (event.source !== this.win.parent) return;
    if (!this.allowedOrigins.includes(event.origin)) return;
    if (this.origin && event.origin !== this.origin) return;
    const message = parseHostMessage(event.data);
    if (!message) return;
    if (message.type === 'avara:init') {
      this.origin = event.origin;
      this.handlers.init(message);
    } else if (this.origin) {
      if (message.type === 'avara:token') this.handlers.token(message.token);
      else this.handlers.study(message.studyId);
    }
  };
}

function originOf(url: string): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}
