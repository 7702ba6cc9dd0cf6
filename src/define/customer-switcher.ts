import { AvaraCustomerSwitcher } from '../elements/customer-switcher/customer-switcher.js';
import { define } from './define.js';

define('avara-customer-switcher', AvaraCustomerSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'avara-customer-switcher': AvaraCustomerSwitcher;
  }
}

export { AvaraCustomerSwitcher };
