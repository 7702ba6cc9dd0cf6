import { AvaraEvent } from './avara-event.js';

/** Fired when a page of studies has arrived. `count` is the number of rows now loaded. */
export class AvaraLoadEvent extends AvaraEvent<{ count: number }> {
  constructor(detail: { count: number }) {
    super('avara-load', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-load': AvaraLoadEvent;
  }
}
