import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppDeps, AppEnv } from './env.js';
import { ApiError } from './errors.js';
import { idempotency, type Credentials } from './idempotency.js';
import { replayInvitation } from './services/users.js';
import { registerAccountRoutes } from './routes/account.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { isInstanceUpload, registerInstanceRoutes } from './routes/instances.js';
import { registerMeRoutes } from './routes/me.js';
import { registerStudyRoutes } from './routes/studies.js';
import { registerUserRoutes } from './routes/users.js';
import { registerWidgetTokenRoutes } from './routes/widget-tokens.js';
import { DICOM_BODY_LIMIT } from './services/instances.js';
import type { Store } from './store.js';

export const JSON_BODY_LIMIT = 1024 * 1024;

/** Endpoints a browser may call (widget tokens, and the public invitation acceptance). */
const WIDGET_PATHS = ['/v1/me', '/v1/me/*', '/v1/studies', '/v1/studies/*', '/v1/express/*', '/v1/invitations/*'];
/** Endpoints that take no credential. */
const PUBLIC_PATH = /^\/v1\/(invitations|dev)\//;
/** Answers that carry a credential, which the Idempotency-Key store never keeps (api/idempotency.ts). */
const CREDENTIALS: Record<string, Credentials> = {
  '/v1/widget-tokens': 'forget',
  '/v1/users/invitations': { field: 'invitationToken', replay: replayInvitation },
};

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
    if (err instanceof ApiError) {
      // The rest of a refused body is not read: the connection cannot carry another request.
      if (err.status === 413) c.header('connection', 'close');
      return c.json(err.toBody(), err.status);
    }
    // The client went away before its body arrived: nobody reads the answer, nothing went wrong here.
    if ((err as { code?: unknown }).code === 'ECONNRESET') return c.body(null, 400);
    console.error(err);
    return c.json({ error: { type: 'api_error', code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { type: 'not_found_error', code: 'unknown_endpoint', message: `No endpoint ${c.req.method} ${c.req.path}.` } }, 404),
  );

  // Widget endpoints answer browsers on any origin: the credential is a bearer token, never a
  // cookie. Secret-key endpoints send no CORS headers, so a browser cannot read their answers.
  const widgetCors = cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'], maxAge: 600 });
  for (const path of WIDGET_PATHS) app.use(path, widgetCors);

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
  app.use(
    '/v1/*',
    idempotency({
      isPublic: (path) => PUBLIC_PATH.test(path),
      maxBody: (method, path) => (isInstanceUpload(method, path) ? DICOM_BODY_LIMIT : JSON_BODY_LIMIT),
      credentials: (path) => CREDENTIALS[path],
    }),
  );

  registerAccountRoutes(app);
  registerUserRoutes(app);
  registerCustomerRoutes(app);
  registerStudyRoutes(app);
  registerMeRoutes(app);
  registerWidgetTokenRoutes(app);
  registerInstanceRoutes(app);

  return app;
}

export { createAccountWithKey } from './accounts.js';
