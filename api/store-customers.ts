import type { SqlValue } from './db/driver.js';
import { CUSTOMER_COLUMNS, scopeWhere, toCustomer, type AccessScope, type CustomerRow, type Store } from './store.js';
import { fold } from './text.js';
import type { ExpressCustomer } from './types.js';

/**
 * Queries on Express customers and memberships, beside the Store. Like the Store, they decide
 * nothing about access: every read takes the AccessScope that api/access.ts computed.
 */

/** A customer of the scope, or undefined (another account's, or one the scope does not hold). */
export function customerInScope(store: Store, scope: AccessScope, customerId: string): ExpressCustomer | undefined {
  const { where, params } = scopeWhere(scope, 'c.id');
  const r = store.db.get<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.account_id = ? AND c.id = ? ${where}`,
    [scope.accountId, customerId, ...params],
  );
  return r && toCustomer(r);
}

export type CustomerOrder = 'name' | 'newest';

export interface CustomerPage {
  customers: ExpressCustomer[];
  hasMore: boolean;
  /** Keyset position of the last row: [sort value, id]. */
  last?: [string, string];
}

/**
 * One page of a scope's customers. `name` orders by the case-folded name, then id (the customer
 * switcher); `newest` by creation, newest first, then id (the management list). `q` is a
 * case-insensitive substring of the name, with full Unicode case folding.
 */
export function pageCustomers(
  store: Store,
  scope: AccessScope,
  o: { order: CustomerOrder; q?: string; limit: number; after?: readonly [string, string] },
): CustomerPage {
  const { where, params } = scopeWhere(scope, 'c.id');
  const clauses = ['c.account_id = ?'];
  const args: SqlValue[] = [scope.accountId];
  if (where) {
    clauses.push(where.replace(/^AND /, ''));
    args.push(...params);
  }
  if (o.q) {
    clauses.push('instr(c.name_fold, ?) > 0');
    args.push(fold(o.q));
  }
  const [col, dir, op] = o.order === 'name' ? ['c.name_fold', 'ASC', '>'] : ['c.created_at', 'DESC', '<'];
  if (o.after) {
    clauses.push(`(${col} ${op} ? OR (${col} = ? AND c.id ${op} ?))`);
    args.push(o.after[0], o.after[0], o.after[1]);
  }
  const rows = store.db.all<CustomerRow & { name_fold: string }>(
    `SELECT ${CUSTOMER_COLUMNS}, c.name_fold FROM customers c WHERE ${clauses.join(' AND ')}
     ORDER BY ${col} ${dir}, c.id ${dir} LIMIT ?`,
    [...args, o.limit + 1],
  );
  const hasMore = rows.length > o.limit;
  const page = rows.slice(0, o.limit);
  const tail = page.at(-1);
  return {
    customers: page.map(toCustomer),
    hasMore,
    last: tail && [o.order === 'name' ? tail.name_fold : tail.created_at, tail.id],
  };
}

/** Renames and/or replaces the metadata; `updatedAt` moves only when something changed. */
export function updateCustomer(
  store: Store,
  accountId: string,
  customerId: string,
  changes: { name?: string; metadata?: Record<string, string> },
): void {
  const current = store.db.get<{ name: string; metadata: string }>(
    'SELECT name, metadata FROM customers WHERE account_id = ? AND id = ?',
    [accountId, customerId],
  );
  if (!current) return;
  const name = changes.name ?? current.name;
  const metadata = changes.metadata === undefined ? current.metadata : JSON.stringify(changes.metadata);
  if (name === current.name && metadata === current.metadata) return;
  store.db.run('UPDATE customers SET name = ?, name_fold = ?, metadata = ?, updated_at = ? WHERE account_id = ? AND id = ?', [
    name,
    fold(name),
    metadata,
    store.now(),
    accountId,
    customerId,
  ]);
}

export function isMember(store: Store, customerId: string, userId: string): boolean {
  return !!store.db.get('SELECT 1 AS x FROM memberships WHERE customer_id = ? AND user_id = ?', [customerId, userId]);
}
