import type { Hono } from 'hono';
import { requireSecretKey } from '../auth.js';
import type { AppEnv } from '../env.js';
import { callerOf, jsonBody, readQuery } from '../http.js';
import { mintWidgetToken, WIDGET_TOKEN_FIELDS } from '../services/tokens.js';

/** `POST /v1/widget-tokens` (secret key): a short-lived, scoped token for one user. */
export function registerWidgetTokenRoutes(app: Hono<AppEnv>): void {
  app.post('/v1/widget-tokens', async (c) => {
    const who = await callerOf(c);
    requireSecretKey(who);
    readQuery(c, []);
    const { store, clock } = c.get('deps');
    return c.json(await mintWidgetToken(store, who, await jsonBody(c, WIDGET_TOKEN_FIELDS), clock()));
  });
}
