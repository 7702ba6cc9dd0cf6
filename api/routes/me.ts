import type { Hono } from 'hono';
import { requireScope } from '../auth.js';
import type { AppEnv } from '../env.js';
import { callerOf, readQuery } from '../http.js';
import { listMyCustomers } from '../services/customers.js';
import { ALL_SCOPES } from '../tokens.js';
import type { Me } from '../types.js';

/**
 * The caller (widget token, or the secret key acting as a platform admin):
 * - `GET /v1/me` → `{userId, name, role, scopes, expiresAt}`
 * - `GET /v1/me/customers?q=&limit=&cursor=` → the customers this caller may pick from
 */
export function registerMeRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/me', async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    const me: Me =
      who.kind === 'secret'
        ? {
            userId: null,
            name: c.get('deps').store.getAccount(who.accountId)!.name,
            role: 'platform_admin',
            scopes: [...ALL_SCOPES],
            expiresAt: null,
          }
        : {
            userId: who.user.userId,
            name: who.user.name,
            role: who.user.role,
            scopes: who.scopes,
            expiresAt: new Date(who.exp * 1000).toISOString(),
          };
    return c.json(me);
  });

  app.get('/v1/me/customers', async (c) => {
    const who = await callerOf(c);
    requireScope(who, 'customers:read');
    return c.json(listMyCustomers(c.get('deps').store, who, readQuery(c, ['q', 'limit', 'cursor'])));
  });
}
