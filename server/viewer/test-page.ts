import type { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Store } from '../../api/store.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STUDY_ID = /^std_[0-9a-f]{32}$/;

export interface ViewerTestPageOptions {
  store: Store;
  demoAccountId: string;
  /** The viewer page on its own origin, e.g. http://127.0.0.1:8788/ */
  viewerUrl: string;
}

/**
 * Development only: `/demo/viewer?study=std_…` shows `<avara-viewer-frame>` alone for the signed-in
 * demo user, with links to the demo studies that hold images (some of which that user may not
 * see, to show the refusal). The partner page embeds the same element beside the worklist.
 */
export function registerViewerTestPage(app: Hono, o: ViewerTestPageOptions): void {
  const viewerOrigin = new URL(o.viewerUrl).origin;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${viewerOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

  app.get('/demo/viewer', (c) => {
    const email = getCookie(c, 'demo_user');
    const user = email ? o.store.findUserByEmail(o.demoAccountId, email) : undefined;
    if (!user) return c.redirect('/');
    const asked = c.req.query('study') ?? '';
    const studyId = STUDY_ID.test(asked) ? asked : '';
    const imaging = o.store.db.all<{ id: string; study_description: string; n: number }>(
      `SELECT s.id, s.study_description, COUNT(i.id) AS n FROM studies s JOIN instances i ON i.study_id = s.id
       WHERE s.account_id = ? GROUP BY s.id ORDER BY s.created_at, s.id`,
      [o.demoAccountId],
    );
    c.header('Content-Security-Policy', csp);
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    return c.html(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Viewer — Demo PACS</title>
  <link rel="stylesheet" href="/demo/demo.css">
</head>
<body>
  <header class="bar">
    <strong>Demo PACS</strong>
    <span>Signed in as ${escapeHtml(user.name)} (${escapeHtml(user.email)}) · <a href="/">Worklist</a></span>
  </header>
  <main>
    <h1>Viewer</h1>
    <nav aria-label="Demo studies with images"><ul>${imaging
      .map((s) => `<li><a href="/demo/viewer?study=${s.id}">${escapeHtml(s.study_description)}</a> (${s.n} files)</li>`)
      .join('')}</ul></nav>
    <avara-viewer-frame api-base="/" viewer-url="${escapeHtml(o.viewerUrl)}" study-id="${studyId}"></avara-viewer-frame>
  </main>
  <script src="/assets/avara-elements.js"></script>
  <script src="/demo/viewer-page.js"></script>
</body>
</html>`);
  });

  app.get('/demo/viewer-page.js', (c) =>
    c.body(VIEWER_PAGE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
}

/** The page's own script: its server mints the widget token; the frame hands it to the viewer. */
const VIEWER_PAGE_JS = `
const frame = document.querySelector('avara-viewer-frame');
frame.fetchToken = async () => {
  const res = await fetch('/demo/token', { method: 'POST' });
  if (!res.ok) throw new Error('The demo server could not mint a widget token.');
  return (await res.json()).token;
};
`;
