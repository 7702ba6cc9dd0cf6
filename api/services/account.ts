import { accessScope } from '../access.js';
import type { Caller } from '../auth.js';
import { invalid } from '../errors.js';
import type { Store } from '../store.js';
import type { Account } from '../types.js';

/** The caller's platform account. */
export function retrieveAccount(store: Store, caller: Caller): Account {
  return store.getAccount(accessScope(store, caller).accountId)!;
}

/** Enables Express for good. Enabling again answers the account unchanged. */
export function enableExpress(store: Store, caller: Caller): Account {
  store.enableExpress(caller.accountId);
  return retrieveAccount(store, caller);
}

export function refuseDisable(): never {
  throw invalid(
    'express_cannot_be_disabled',
    'Avara Express cannot be disabled once enabled: customers, memberships and study scoping depend on it.',
  );
}
