import type { Caller } from '../auth.js';
import { forbidden, invalid, notFound } from '../errors.js';
import type { Store } from '../store.js';
import { ALL_SCOPES, DEFAULT_SCOPES, DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, signWidgetToken } from '../tokens.js';
import type { Scope, WidgetToken } from '../types.js';
import { requireId, requireOneOf } from '../validate.js';

export const WIDGET_TOKEN_FIELDS = ['userId', 'scopes', 'expressCustomerIds', 'ttlSeconds'];

/** Mints a widget token for one user of the caller's account, narrowing (never widening) access. */
export async function mintWidgetToken(
  store: Store,
  caller: Extract<Caller, { kind: 'secret' }>,
  body: Record<string, unknown>,
  nowMs: number,
): Promise<WidgetToken> {
  for (const key of Object.keys(body)) {
    if (!WIDGET_TOKEN_FIELDS.includes(key)) throw invalid('unknown_parameter', `Unknown field "${key}".`, key);
  }
  const userId = requireId('usr', body.userId, 'userId');
  const user = store.getUser(caller.accountId, userId);
  if (!user) throw notFound('user', 'userId', userId);
  if (user.status !== 'active') {
    throw invalid('user_not_active', 'This user has not accepted their invitation yet.', 'userId');
  }

  let scopes: Scope[] = [...DEFAULT_SCOPES];
  if (body.scopes !== undefined) {
    if (!Array.isArray(body.scopes) || body.scopes.length === 0) {
      throw invalid('invalid_scopes', '"scopes" must be a non-empty array of scopes.', 'scopes');
    }
    scopes = [...new Set(body.scopes.map((s) => requireOneOf(s, ALL_SCOPES, 'scopes')))];
    if (scopes.includes('customers:manage') && user.role !== 'platform_admin') {
      throw invalid('scope_not_allowed', '"customers:manage" can only be given to platform admins.', 'scopes');
    }
  }

  let customerIds: string[] | null = null;
  if (body.expressCustomerIds !== undefined && body.expressCustomerIds !== null) {
    const ids = body.expressCustomerIds;
    if (!Array.isArray(ids) || ids.length === 0) {
      throw invalid(
        'invalid_customer_ids',
        '"expressCustomerIds" must be a non-empty array of Express customer ids, or left out.',
        'expressCustomerIds',
      );
    }
    customerIds = [...new Set(ids.map((id) => requireId('cus', id, 'expressCustomerIds')))];
    if (!store.getAccount(caller.accountId)?.expressEnabled) {
      throw forbidden('express_not_enabled', 'Avara Express is not enabled on this account.');
    }
    const allowed =
      user.role === 'platform_admin' ? store.customerIds(caller.accountId) : store.membershipIds(user.userId);
    const refused = customerIds.find((id) => !allowed.includes(id));
    if (refused) {
      throw invalid(
        'customer_not_allowed',
        `The user is not a member of ${refused}; a token can narrow access, never widen it.`,
        'expressCustomerIds',
      );
    }
  }

  let ttl = DEFAULT_TTL_SECONDS;
  if (body.ttlSeconds !== undefined) {
    if (!Number.isInteger(body.ttlSeconds) || (body.ttlSeconds as number) < 1 || (body.ttlSeconds as number) > MAX_TTL_SECONDS) {
      throw invalid('invalid_ttl', `"ttlSeconds" must be a whole number from 1 to ${MAX_TTL_SECONDS}.`, 'ttlSeconds');
    }
    ttl = body.ttlSeconds as number;
  }

  const secret = store.setting('token_secret')!;
  const { token, exp } = await signWidgetToken(secret, { userId, accountId: caller.accountId, scopes, customerIds }, ttl, nowMs);
  return { token, expiresAt: new Date(exp * 1000).toISOString(), userId, scopes, expressCustomerIds: customerIds };
}
