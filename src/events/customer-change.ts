import type { ExpressCustomer } from '../../api/types.js';

/** Fired when the user picks a customer. `expressCustomerId` is '' for "All customers". */
export class AvaraCustomerChangeEvent extends CustomEvent<{ expressCustomerId: string; customer: ExpressCustomer | null }> {
  constructor(detail: { expressCustomerId: string; customer: ExpressCustomer | null }) {
    super('avara-customer-change', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'avara-customer-change': AvaraCustomerChangeEvent;
  }
}
