import { AvaraProvider } from '../elements/provider/provider.js';
import { define } from './define.js';

define('avara-provider', AvaraProvider);

declare global {
  interface HTMLElementTagNameMap {
    'avara-provider': AvaraProvider;
  }
}

export { AvaraProvider };
