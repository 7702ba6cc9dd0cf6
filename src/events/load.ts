/** Fired when a page of studies has arrived. `count` is the number of rows now loaded. */
export class AvaraLoadEvent extends CustomEvent<{ count: number }> {
  constructor(detail: { count: number }) {
    super('avara-load', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-load': AvaraLoadEvent;
  }
}
