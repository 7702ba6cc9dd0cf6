import type { Caller } from './auth.js';
import type { AccessScope, Store } from './store.js';

/**
 * The access rule of DESIGN.md, written once. Every read path (studies, instances, customers)
 * asks this function which customers the caller may see, at request time:
 *
 * - a platform admin (or the secret key) sees the whole account, unattached studies and inactive
 *   customers included;
 * - a member sees the active customers they belong to;
 * - a widget token that names customers narrows either to those customers (an admin's narrowed
 *   token therefore sees no unattached studies). It never widens.
 */
export function accessScope(store: Store, caller: Caller): AccessScope {
  const { accountId } = caller;
  const narrowedTo = caller.kind === 'widget' ? caller.customerIds : null;
  const isAdmin = caller.kind === 'secret' || caller.user.role === 'platform_admin';
  if (isAdmin) {
    return narrowedTo ? { accountId, all: false, customerIds: narrowedTo } : { accountId, all: true };
  }
  const memberOf = store.activeMembershipIds(caller.user.userId);
  return {
    accountId,
    all: false,
    customerIds: narrowedTo ? memberOf.filter((id) => narrowedTo.includes(id)) : memberOf,
  };
}
