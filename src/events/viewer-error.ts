import { AvaraEvent } from './avara-event.js';

/**
 * Fired when the viewer cannot show the study: it never said it was ready (`viewer_timeout`), the
 * frame has no usable `viewer-url` or token, or the viewer reported an error (`token_refused`,
 * `study_not_found`, `permission_denied`, …; see docs/viewer-protocol.md). `source` tells which
 * side found it.
 */
export class AvaraViewerErrorEvent extends AvaraEvent<{
  code: string;
  message: string;
  studyId: string | null;
  source: 'frame' | 'viewer';
}> {
  constructor(detail: { code: string; message: string; studyId: string | null; source: 'frame' | 'viewer' }) {
    super('avara-viewer-error', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-viewer-error': AvaraViewerErrorEvent;
  }
}
