import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '../api/app.js';
import type { Store } from '../api/store.js';
import { Avara } from '../sdk/index.js';
import { DEMO_APP_JS, DEMO_CSS, partnerPage, signInPage, type DemoUser } from './demo-page.js';

export interface ServerAppOptions {
  store: Store;
  /** The demo account whose users can sign in to the partner page. */
  demoAccountId: string;
  /** The demo account's secret key: used only here, on the server side, through the SDK. */
  apiKey: string;
  /** Where the SDK reaches the API (this same server). */
  apiBaseUrl: string;
  dev: boolean;
}

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The whole reference server: the API under /v1, the built elements under /assets, the demo page at /. */
export function createServerApp(o: ServerAppOptions): Hono {
  const api = createApp({ store: o.store, dev: o.dev });
  const sdk = new Avara({ apiKey: o.apiKey, baseUrl: o.apiBaseUrl });
  const app = new Hono();

  app.route('/', api);
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
    c.header('Content-Security-Policy', PAGE_CSP);
    if (!user) return c.html(signInPage(demoUsers()));
    return c.html(partnerPage(user));
  });

  app.get('/signout', (c) => {
    deleteCookie(c, 'demo_user', { path: '/' });
    return c.redirect('/');
  });

  // The vendor's token endpoint: same-origin, authenticated by the vendor's own session cookie.
  app.post('/demo/token', async (c) => {
    const user = signedIn(getCookie(c, 'demo_user'));
    if (!user) return c.json({ error: 'not signed in' }, 401);
    const minted = await sdk.widgetTokens.create({ userId: user.userId });
    c.header('Cache-Control', 'no-store');
    return c.json({ token: minted.token, expiresAt: minted.expiresAt });
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/demo/app.js', (c) => c.body(DEMO_APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/demo/demo.css', (c) => c.body(DEMO_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  return app;
}
