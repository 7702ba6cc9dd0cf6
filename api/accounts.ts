import { sha256Hex } from './ids.js';
import type { Store } from './store.js';

/** Creates an account and its secret key; the key is returned once and stored only as a hash. */
export async function createAccountWithKey(store: Store, name: string, secretKey = newSecretKey()) {
  const account = store.createAccount(name);
  store.addApiKey(account.accountId, await sha256Hex(secretKey));
  return { account, secretKey };
}

function newSecretKey(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `sk_test_${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
}
