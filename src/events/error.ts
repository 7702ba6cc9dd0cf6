import type { AvaraApiError } from '../client/errors.js';

/** Fired when a request failed. `error` carries the API's status, type, code and message. */
export class AvaraErrorEvent extends CustomEvent<{ error: AvaraApiError }> {
  constructor(detail: { error: AvaraApiError }) {
    super('avara-error', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-error': AvaraErrorEvent;
  }
}
