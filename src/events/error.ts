import type { AvaraApiError } from '../client/errors.js';
import { AvaraEvent } from './avara-event.js';

/** Fired when a request failed. `error` carries the API's status, type, code and message. */
export class AvaraErrorEvent extends AvaraEvent<{ error: AvaraApiError }> {
  constructor(detail: { error: AvaraApiError }) {
    super('avara-error', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-error': AvaraErrorEvent;
  }
}
