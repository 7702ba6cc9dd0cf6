import type { ExpressCustomer } from '../../api/types.js';
import { AvaraEvent } from './avara-event.js';

/** Fired when the user picks a customer. `expressCustomerId` is '' for "All customers". */
export class AvaraCustomerChangeEvent extends AvaraEvent<{ expressCustomerId: string; customer: ExpressCustomer | null }> {
  constructor(detail: { expressCustomerId: string; customer: ExpressCustomer | null }) {
    super('avara-customer-change', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-customer-change': AvaraCustomerChangeEvent;
  }
}
