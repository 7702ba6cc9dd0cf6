/** Fired when a new widget token arrived from `fetchToken`. `expiresAt` is ISO 8601, or null if unknown. */
export class AvaraTokenRefreshedEvent extends CustomEvent<{ expiresAt: string | null }> {
  constructor(detail: { expiresAt: string | null }) {
    super('avara-token-refreshed', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-token-refreshed': AvaraTokenRefreshedEvent;
  }
}
