import type { Caller } from '../auth.js';
import { forbidden } from '../errors.js';
import type { Store } from '../store.js';

/** Express endpoints answer 403 until the account enables Express (for good). */
export function requireExpressEnabled(store: Store, accountId: string): void {
  if (!store.getAccount(accountId)?.expressEnabled) {
    throw forbidden(
      'express_not_enabled',
      'Avara Express is not enabled on this account. Enable it once with POST /v1/account/express/enable.',
    );
  }
}

/**
 * Who may manage Express customers: the secret key, or a platform admin's widget token holding
 * `customers:manage`. The role is read from the database on every request.
 */
export function requireCustomerManager(caller: Caller): void {
  if (caller.kind === 'secret') return;
  if (!caller.scopes.includes('customers:manage')) {
    throw forbidden('missing_scope', 'This widget token lacks the "customers:manage" scope.');
  }
  if (caller.user.role !== 'platform_admin') {
    throw forbidden('platform_admin_required', 'Only platform admins may manage Express customers.');
  }
}
