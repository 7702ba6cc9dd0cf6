import { AvaraViewerFrame } from '../elements/viewer-frame/viewer-frame.js';
import { define } from './define.js';

define('avara-viewer-frame', AvaraViewerFrame);

declare global {
  interface HTMLElementTagNameMap {
    'avara-viewer-frame': AvaraViewerFrame;
  }
}

export { AvaraViewerFrame };
