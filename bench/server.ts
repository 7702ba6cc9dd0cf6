/**
 * The benchmark's server, run as its own process so its work never shares an event loop with the
 * harness: a fresh temporary SQLite file seeded with `--count` studies, the reference API under
 * `/v1` (the same `createApp` as `npm start`), and the built candidate pages under `/<page>/`,
 * all on one 127.0.0.1 origin (no CORS preflight for any candidate). Prints one JSON line when ready.
 *
 *   tsx bench/server.ts --count 10000 --pages <dir with the built pages> --db <file>
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { Hono } from 'hono';
import { createApp } from '../api/app.js';
import { Store } from '../api/store.js';
import { listen } from '../server/listen.js';
import { betterSqliteDriver } from '../server/sqlite-driver.js';
import { seedBench } from './seed.js';

const { values } = parseArgs({
  options: { count: { type: 'string' }, pages: { type: 'string' }, db: { type: 'string' } },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || !values.pages || !values.db) {
  console.error('usage: bench/server.ts --count N --pages DIR --db FILE');
  process.exit(2);
}

const started = performance.now();
const store = new Store(betterSqliteDriver(values.db));
const world = await seedBench(store, count);
const seedMs = Math.round(performance.now() - started);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const pagesDir = normalize(values.pages);

const app = new Hono();
app.route('/', createApp({ store }));
app.get('/favicon.ico', (c) => c.body(null, 204));
app.get('/*', async (c) => {
  let path = normalize(join(pagesDir, decodeURIComponent(c.req.path)));
  if (!path.startsWith(pagesDir)) return c.notFound();
  if (c.req.path.endsWith('/')) path = join(path, 'index.html');
  try {
    const body = await readFile(path);
    return c.body(body, 200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  } catch {
    return c.notFound();
  }
});

const server = listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ ready: { origin: `http://127.0.0.1:${info.port}`, seedMs, ...world } }));
});

const stop = () => {
  server.close();
  store.db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
