import type { Study } from '../../api/types.js';

/** Fired when the user selects a study in the list. */
export class AvaraStudySelectEvent extends CustomEvent<{ study: Study }> {
  constructor(detail: { study: Study }) {
    super('avara-study-select', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-study-select': AvaraStudySelectEvent;
  }
}
