import type { Hono } from 'hono';
import { requireSecretKey } from '../auth.js';
import type { AppEnv } from '../env.js';
import { invalid } from '../errors.js';
import { callerOf, jsonBody, readQuery } from '../http.js';
import { enableExpress, refuseDisable, retrieveAccount } from '../services/account.js';
import { requireString } from '../validate.js';
import { createAccountWithKey } from '../accounts.js';

/**
 * The platform account (secret key):
 * - `GET /v1/account`
 * - `POST /v1/account/express/enable` — for good; `POST /v1/account/express/disable` is a 400.
 * - `POST /v1/dev/accounts` — development mode only: a fresh, empty account and its secret key.
 */
export function registerAccountRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/account', async (c) => {
    const who = await callerOf(c);
    requireSecretKey(who);
    readQuery(c, []);
    return c.json(retrieveAccount(c.get('deps').store, who));
  });

  app.post('/v1/account/express/enable', async (c) => {
    const who = await callerOf(c);
    requireSecretKey(who);
    readQuery(c, []);
    await jsonBody(c, [], { optional: true });
    return c.json(enableExpress(c.get('deps').store, who));
  });

  app.post('/v1/account/express/disable', async (c) => {
    requireSecretKey(await callerOf(c));
    readQuery(c, []);
    refuseDisable();
  });

  app.post('/v1/dev/accounts', async (c) => {
    const { store, dev } = c.get('deps');
    if (!dev) return c.notFound();
    readQuery(c, []);
    const body = await jsonBody(c, ['name'], { optional: true });
    const name = body.name === undefined ? 'Development account' : requireString(body.name, 'name', { max: 256 });
    if (!name.trim()) throw invalid('invalid_string', '"name" must not be empty.', 'name');
    const { account, secretKey } = await createAccountWithKey(store, name);
    return c.json({ account, secretKey }, 200);
  });
}
