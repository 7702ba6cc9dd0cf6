import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';

export interface ViewerAppOptions {
  /** Origins allowed to frame the viewer and hand it a token (CSP frame-ancestors and the page's postMessage allow-list). */
  parentOrigins: readonly string[];
  /** Origins of the Avara API the viewer may call (CSP connect-src and the page's check of `apiBase`). */
  apiOrigins: readonly string[];
  /** Folder of the built viewer script (vite.viewer.config.ts). */
  assetsDir?: string;
}

/** An origin exactly as a browser writes it (`scheme://host[:port]`, no path), or undefined. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * A comma-separated list of origins from the environment; every entry must be an origin, or
 * the server refuses to start (a typo must not silently allow nothing, or anything).
 */
export function parseOriginList(value: string | undefined, name: string): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((part) => {
    const origin = normalizeOrigin(part);
    if (!origin || origin !== part.trim().replace(/\/$/, '')) {
      throw new Error(`${name}: "${part.trim()}" is not an origin such as https://pacs.example.com`);
    }
    return origin;
  });
}

/** The viewer page's Content-Security-Policy: its own script only, the API only, framed by the partner origins only. */
export function viewerCsp({ parentOrigins, apiOrigins }: Pick<ViewerAppOptions, 'parentOrigins' | 'apiOrigins'>): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src ${apiOrigins.join(' ') || "'none'"}`,
    `frame-ancestors ${parentOrigins.join(' ') || "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

export function viewerPage(o: Pick<ViewerAppOptions, 'parentOrigins' | 'apiOrigins'>): string {
  const config = { parentOrigins: o.parentOrigins, apiOrigins: o.apiOrigins };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>Image viewer</title>
  <link rel="stylesheet" href="/assets/viewer.css">
  <script type="application/json" id="avara-viewer-config">${escapeJson(config)}</script>
  <script type="module" src="/assets/viewer.js"></script>
</head>
<body>
  <div id="app"></div>
</body>
</html>`;
}

/**
 * The viewer's own origin (VIEWER_PORT): the viewer page and its script. It holds no credential
 * and answers no API: the page gets the widget token from its parent by postMessage and calls
 * the API origin with it.
 */
export function createViewerApp(o: ViewerAppOptions): Hono {
  const app = new Hono();
  const csp = viewerCsp(o);
  const page = viewerPage(o);
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.get('/', (c) => {
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-store');
    return c.html(page);
  });
  // The viewer's script is large (the DICOM decoders): sent compressed, it arrives well within the
  // frame's ready timeout on a slow line.
  app.use('/assets/*', compress());
  app.use('/assets/*', serveStatic({ root: o.assetsDir ?? './dist/viewer', rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.notFound((c) => c.text('Not found', 404));
  return app;
}
