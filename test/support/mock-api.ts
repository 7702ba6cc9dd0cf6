import initSqlJs from 'sql.js';
import { http } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { Hono } from 'hono';
import { sqlJsDriver } from '../../api/db/sqljs-driver.js';
import type { SqlDriver } from '../../api/db/driver.js';
import { makeWorld } from './world.js';

let worker: SetupWorker | undefined;
let answer: ((request: Request) => Response | Promise<Response>) | undefined;

export interface InPageOptions {
  /** Where sql.js's WebAssembly file is served. */
  wasmUrl?: string;
  /** Where MSW's service worker is served (it must be at the origin root to control the page). */
  workerUrl?: string;
}

/** A fresh, empty in-memory SQLite database on sql.js. */
export async function openBrowserDriver(wasmUrl = '/node_modules/sql.js/dist/sql-wasm-browser.wasm'): Promise<SqlDriver> {
  const SQL = await initSqlJs({ locateFile: () => wasmUrl });
  return sqlJsDriver(SQL);
}

/** Answers the page's /v1/* requests with this Hono app, through MSW's service worker. */
export async function serveInPage(app: Pick<Hono, 'fetch'>, workerUrl = '/mockServiceWorker.js'): Promise<void> {
  answer = (request) => app.fetch(request);
  if (!worker) {
    worker = setupWorker(http.all(/\/v1\//, ({ request }) => answer!(request)));
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: workerUrl } });
  }
}

/**
 * The real reference API, in the page: the same Hono app as the Node server, over the same store
 * on sql.js, answering /v1/* through MSW's service worker. Each call starts a fresh, empty world.
 */
export async function startMockWorld(opts: { clock?: () => number } & InPageOptions = {}) {
  const world = await makeWorld(await openBrowserDriver(opts.wasmUrl), opts);
  await serveInPage(world.app, opts.workerUrl);
  return { ...world, apiBase: `${location.origin}/` };
}
