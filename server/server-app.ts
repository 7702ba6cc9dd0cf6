import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { createApp } from '../api/app.js';
import type { Store } from '../api/store.js';
import { Avara } from '../sdk/index.js';
import { BRANDS } from '../stories/support/brands.js';
import { partnerPage, signInPage, type DemoUser } from './demo-page.js';
import { registerViewerTestPage } from './viewer/test-page.js';

export interface ServerAppOptions {
  store: Store;
  /** The demo account whose users can sign in to the partner page. */
  demoAccountId: string;
  /** The demo account's secret key: used only here, on the server side, through the SDK. */
  apiKey: string;
  /** Where the SDK reaches the API (this same server). */
  apiBaseUrl: string;
  /** The viewer's own origin (a second port), framed by the partner page. */
  viewerOrigin: string;
  /** Lifetime of the demo page's widget tokens (default: the API's, 900 s). */
  demoTokenTtlSeconds?: number;
  dev: boolean;
}

/** The partner page's policy: what a careful vendor allows (no inline script or style, no eval). */
const pageCsp = (viewerOrigin: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${viewerOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

/** The whole reference server: the API under /v1, the built elements under /assets, the demo page at /. */
export function createServerApp(o: ServerAppOptions): Hono {
  const api = createApp({ store: o.store, dev: o.dev });
  const sdk = new Avara({ apiKey: o.apiKey, baseUrl: o.apiBaseUrl });
  const app = new Hono();

  app.route('/', api);
  // Unknown paths under /v1 get the API's own JSON error, as on the API alone.
  app.notFound((c) => (/^\/v1(\/|$)/.test(c.req.path) ? api.fetch(c.req.raw) : c.text('Not found', 404)));
  app.use('/assets/*', compress());
  app.use('/assets/*', serveStatic({ root: './dist', rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));

  const demoUsers = (): DemoUser[] =>
    o.store.db.all<DemoUser>(
      "SELECT email, name, role FROM users WHERE account_id = ? AND status = 'active' ORDER BY role DESC, email",
      [o.demoAccountId],
    );
  const signedIn = (email: string | undefined) =>
    email ? o.store.findUserByEmail(o.demoAccountId, email) : undefined;

  app.get('/', (c) => {
    const asked = c.req.query('user');
    if (asked !== undefined) {
      const user = signedIn(asked);
      if (!user || user.status !== 'active') return c.html(signInPage(demoUsers()), 404);
      setCookie(c, 'demo_user', user.email, { httpOnly: true, sameSite: 'Strict', path: '/' });
      return c.redirect('/');
    }
    const user = signedIn(getCookie(c, 'demo_user'));
    c.header('Content-Security-Policy', pageCsp(o.viewerOrigin));
    if (!user) return c.html(signInPage(demoUsers()));
    return c.html(partnerPage(user, { apiBase: `${o.apiBaseUrl}/`, viewerUrl: `${o.viewerOrigin}/` }));
  });

  app.get('/signout', (c) => {
    deleteCookie(c, 'demo_user', { path: '/' });
    return c.redirect('/');
  });

  // The vendor's token endpoint: same-origin, authenticated by the vendor's own session cookie.
  app.post('/demo/token', async (c) => {
    const user = signedIn(getCookie(c, 'demo_user'));
    if (!user) return c.json({ error: 'not signed in' }, 401);
    const minted = await sdk.widgetTokens.create({ userId: user.userId, ttlSeconds: o.demoTokenTtlSeconds });
    c.header('Cache-Control', 'no-store');
    return c.json({ token: minted.token, expiresAt: minted.expiresAt });
  });

  if (o.dev) registerViewerTestPage(app, { store: o.store, demoAccountId: o.demoAccountId, viewerUrl: `${o.viewerOrigin}/` });

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/demo/brands.json', (c) => c.json(BRANDS));
  app.use('/demo/*', serveStatic({ root: './server' }));
  return app;
}
