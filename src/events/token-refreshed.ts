import { AvaraEvent } from './avara-event.js';

/** Fired when a new widget token arrived from `fetchToken`. `expiresAt` is ISO 8601, or null if unknown. */
export class AvaraTokenRefreshedEvent extends AvaraEvent<{ expiresAt: string | null }> {
  constructor(detail: { expiresAt: string | null }) {
    super('avara-token-refreshed', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-token-refreshed': AvaraTokenRefreshedEvent;
  }
}
