import type { Study } from '../../api/types.js';
import { AvaraEvent } from './avara-event.js';

/** Fired when the user selects a study in the list. */
export class AvaraStudySelectEvent extends AvaraEvent<{ study: Study }> {
  constructor(detail: { study: Study }) {
    super('avara-study-select', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-study-select': AvaraStudySelectEvent;
  }
}
