import type { AvaraApiError } from '../client/errors.js';
import { AvaraEvent } from './avara-event.js';

/** Fired when no valid token could be had (`fetchToken` failed or the API refused the token). */
export class AvaraAuthErrorEvent extends AvaraEvent<{ error: AvaraApiError }> {
  constructor(detail: { error: AvaraApiError }) {
    super('avara-auth-error', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-auth-error': AvaraAuthErrorEvent;
  }
}
