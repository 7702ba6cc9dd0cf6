import { accessScope } from '../access.js';
import type { Caller } from '../auth.js';
import { ApiError, conflict, forbidden, invalid, notFound } from '../errors.js';
import type { AccessScope, Store } from '../store.js';
import { customerInScope, pageCustomers, updateCustomer, type CustomerOrder } from '../store-customers.js';
import type { CustomerList, ExpressCustomer } from '../types.js';
import {
  decodeCursor,
  encodeCursor,
  mergeMetadata,
  parseLimit,
  requireId,
  requireMetadata,
  requireString,
} from '../validate.js';
import { requireCustomerManager, requireExpressEnabled } from './express.js';

/**
 * Express customers and their memberships. Every answer is the customer as it is now, with
 * `userCount` and `isActive` read in the same query. Reads go through `accessScope`: the secret
 * key sees the whole account; an admin's widget token with `customers:manage` sees what it names.
 */

export const CUSTOMER_NAME_MAX = 256;

/** The scope of a manager, after the credential and Express checks. */
function managerScope(store: Store, caller: Caller): AccessScope {
  requireCustomerManager(caller);
  requireExpressEnabled(store, caller.accountId);
  return accessScope(store, caller);
}

function found(store: Store, scope: AccessScope, id: string): ExpressCustomer {
  const customerId = requireId('cus', id, 'expressCustomerId');
  const customer = customerInScope(store, scope, customerId);
  if (!customer) throw notFound('Express customer', 'expressCustomerId', customerId);
  return customer;
}

export function createCustomer(store: Store, caller: Caller, body: Record<string, unknown>): ExpressCustomer {
  const scope = managerScope(store, caller);
  if (!scope.all) {
    throw forbidden('token_narrowed', 'A widget token narrowed to some customers cannot create customers.');
  }
  const name = requireString(body.expressCustomerName, 'expressCustomerName', { max: CUSTOMER_NAME_MAX });
  const metadata = body.metadata === undefined ? {} : mergeMetadata({}, requireMetadata(body.metadata));
  return store.createCustomer(caller.accountId, name, metadata);
}

export function retrieveCustomer(store: Store, caller: Caller, id: string): ExpressCustomer {
  return found(store, managerScope(store, caller), id);
}

export function updateCustomerFields(store: Store, caller: Caller, id: string, body: Record<string, unknown>): ExpressCustomer {
  const scope = managerScope(store, caller);
  const customerId = requireId('cus', id, 'expressCustomerId');
  const name =
    body.expressCustomerName === undefined
      ? undefined
      : requireString(body.expressCustomerName, 'expressCustomerName', { max: CUSTOMER_NAME_MAX });
  const changes = body.metadata === undefined ? undefined : requireMetadata(body.metadata);
  return store.tx(() => {
    const current = found(store, scope, customerId);
    const metadata = changes === undefined ? undefined : mergeMetadata(current.metadata, changes);
    updateCustomer(store, caller.accountId, customerId, { name, metadata });
    return found(store, scope, customerId);
  });
}

export function addCustomerUser(store: Store, caller: Caller, id: string, body: Record<string, unknown>): ExpressCustomer {
  const scope = managerScope(store, caller);
  const customerId = requireId('cus', id, 'expressCustomerId');
  const userId = requireId('usr', body.userId, 'userId');
  return store.tx(() => {
    found(store, scope, customerId);
    const user = store.getUser(caller.accountId, userId);
    if (!user) throw notFound('user', 'userId', userId);
    if (user.status !== 'active') {
      throw conflict(
        'user_not_active',
        'This user has been invited but has not accepted the invitation yet; add them once they have accepted.',
        'userId',
      );
    }
    store.addMembership(customerId, userId);
    return found(store, scope, customerId);
  });
}

export function removeCustomerUser(store: Store, caller: Caller, id: string, userIdParam: string): ExpressCustomer {
  const scope = managerScope(store, caller);
  const customerId = requireId('cus', id, 'expressCustomerId');
  const userId = requireId('usr', userIdParam, 'userId');
  return store.tx(() => {
    found(store, scope, customerId);
    if (!store.getUser(caller.accountId, userId)) throw notFound('user', 'userId', userId);
    if (!store.removeMembership(customerId, userId)) {
      throw new ApiError(404, 'not_found_error', 'resource_missing', `User ${userId} is not a member of this Express customer.`, 'userId');
    }
    return found(store, scope, customerId);
  });
}

/** Deactivates or reactivates; doing it twice answers the customer unchanged. */
export function setCustomerActive(store: Store, caller: Caller, id: string, active: boolean): ExpressCustomer {
  const scope = managerScope(store, caller);
  const customerId = requireId('cus', id, 'expressCustomerId');
  return store.tx(() => {
    found(store, scope, customerId);
    store.setCustomerActive(caller.accountId, customerId, active);
    return found(store, scope, customerId);
  });
}

function readCursor(cursor: string | undefined, kind: string): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  const c = decodeCursor(cursor);
  if (!Array.isArray(c) || c.length !== 3 || c[0] !== kind || typeof c[1] !== 'string' || typeof c[2] !== 'string') {
    throw invalid('invalid_cursor', '"cursor" is not a cursor this list returned.', 'cursor');
  }
  return [c[1], c[2]];
}

function page(store: Store, scope: AccessScope, order: CustomerOrder, query: Record<string, string>): CustomerList {
  const kind = `customers:${order}`;
  const limit = parseLimit(query.limit);
  const q = query.q === undefined ? undefined : requireString(query.q, 'q', { max: 256, allowEmpty: true });
  const p = pageCustomers(store, scope, { order, q: q?.trim() || undefined, limit, after: readCursor(query.cursor, kind) });
  const out: CustomerList = { expressCustomers: p.customers, hasMore: p.hasMore };
  if (p.hasMore && p.last) out.nextCursor = encodeCursor([kind, ...p.last]);
  return out;
}

/** `GET /v1/express/customers`: the management list, newest first. */
export function listCustomers(store: Store, caller: Caller, query: Record<string, string>): CustomerList {
  return page(store, managerScope(store, caller), 'newest', query);
}

/**
 * `GET /v1/me/customers`: the customers this caller may pick from, by name. For a member, the
 * active customers they belong to; for an admin (or the secret key), every customer of the
 * account with `isActive`; both narrowed by the token. An account without Express has none.
 */
export function listMyCustomers(store: Store, caller: Caller, query: Record<string, string>): CustomerList {
  return page(store, accessScope(store, caller), 'name', query);
}
