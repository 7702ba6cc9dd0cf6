import { AvaraEvent } from './avara-event.js';

/** Fired when the viewer in `<avara-viewer-frame>` said it is ready and was handed the token and study. */
export class AvaraViewerReadyEvent extends AvaraEvent<{ studyId: string; viewerOrigin: string }> {
  constructor(detail: { studyId: string; viewerOrigin: string }) {
    super('avara-viewer-ready', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-viewer-ready': AvaraViewerReadyEvent;
  }
}
