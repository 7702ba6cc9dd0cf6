import type { AvaraApiError } from '../client/errors.js';

/** Fired when no valid token could be had (`fetchToken` failed or the API refused the token). */
export class AvaraAuthErrorEvent extends CustomEvent<{ error: AvaraApiError }> {
  constructor(detail: { error: AvaraApiError }) {
    super('avara-auth-error', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-auth-error': AvaraAuthErrorEvent;
  }
}
