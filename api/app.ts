import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { authenticate, requireScope, requireSecretKey, type Caller } from './auth.js';
import { accessScope } from './access.js';
import type { AppDeps, AppEnv } from './env.js';
import { ApiError, invalid } from './errors.js';
import { sha256Hex } from './ids.js';
import { getStudy, listStudies } from './services/studies.js';
import { isInstanceUpload, registerInstanceRoutes } from './routes/instances.js';
import { mintWidgetToken } from './services/tokens.js';
import type { Store } from './store.js';
import { ALL_SCOPES } from './tokens.js';
import type { Me } from './types.js';

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  store: Store;
  clock?: () => number;
  dev?: boolean;
}

/**
 * The reference Avara API as one Hono app. It imports no Node module: the same app answers the
 * Node server (server/main.ts) and, through MSW, the browser tests and stories.
 */
export function createApp({ store, clock = Date.now, dev = false }: AppOptions): Hono<AppEnv> {
  const deps: AppDeps = { store, clock, dev };
  const app = new Hono<AppEnv>();

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toBody(), err.status);
    console.error(err);
    return c.json({ error: { type: 'api_error', code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { type: 'not_found_error', code: 'unknown_endpoint', message: `No endpoint ${c.req.method} ${c.req.path}.` } }, 404),
  );

  // Widget endpoints answer browsers on any origin: the credential is a bearer token, never a cookie.
  const widgetCors = cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  app.use('/v1/me', widgetCors);
  app.use('/v1/me/*', widgetCors);
  app.use('/v1/studies', widgetCors);
  app.use('/v1/studies/*', widgetCors);

  app.use('/v1/*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new ApiError(413, 'invalid_request_error', 'body_too_large', 'The request body is larger than 1 MiB.');
    },
  });
  // DICOM uploads carry their own, larger limit (api/routes/instances.ts).
  app.use('/v1/*', (c, next) => (isInstanceUpload(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)));

  const caller = async (c: Context<AppEnv>): Promise<Caller> => authenticate(store, c.req.raw, clock());

  app.post('/v1/widget-tokens', async (c) => {
    const who = await caller(c);
    requireSecretKey(who);
    return c.json(await mintWidgetToken(store, who, await jsonBody(c), clock()), 200);
  });

  app.get('/v1/me', async (c) => {
    const who = await caller(c);
    const me: Me =
      who.kind === 'secret'
        ? { userId: null, name: store.getAccount(who.accountId)!.name, role: 'platform_admin', scopes: [...ALL_SCOPES], expiresAt: null }
        : { userId: who.user.userId, name: who.user.name, role: who.user.role, scopes: who.scopes, expiresAt: new Date(who.exp * 1000).toISOString() };
    return c.json(me);
  });

  app.get('/v1/me/customers', async (c) => {
    const who = await caller(c);
    requireScope(who, 'customers:read');
    const customers = store.listCustomers(accessScope(store, who), 100);
    return c.json({ expressCustomers: customers, hasMore: false });
  });

  app.get('/v1/studies', async (c) => {
    const who = await caller(c);
    requireScope(who, 'studies:read');
    return c.json(listStudies(store, who, c.req.query()));
  });

  app.get('/v1/studies/:studyId', async (c) => {
    const who = await caller(c);
    requireScope(who, 'studies:read');
    return c.json(getStudy(store, who, c.req.param('studyId')));
  });

  registerInstanceRoutes(app);

  if (dev) {
    app.post('/v1/dev/accounts', async (c) => {
      const body = await jsonBody(c, true);
      const name = body.name === undefined ? 'Development account' : body.name;
      if (typeof name !== 'string' || !name.trim()) throw invalid('invalid_name', '"name" must be a non-empty string.', 'name');
      const { account, secretKey } = await createAccountWithKey(store, name);
      return c.json({ account, secretKey }, 200);
    });
  }

  return app;
}

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

async function jsonBody(c: Context<AppEnv>, optional = false): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text && optional) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('invalid_json', 'The request body must be a JSON object.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('invalid_json', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
