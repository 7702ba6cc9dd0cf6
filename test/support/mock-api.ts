import initSqlJs from 'sql.js';
import { http } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { sqlJsDriver } from '../../api/db/sqljs-driver.js';
import { makeWorld } from './world.js';

let worker: SetupWorker | undefined;
let answer: ((request: Request) => Response | Promise<Response>) | undefined;

/**
 * The real reference API, in the page: the same Hono app as the Node server, over the same store
 * on sql.js, answering /v1/* through MSW's service worker. Each call starts a fresh, empty world.
 */
export async function startMockWorld(opts: { clock?: () => number } = {}) {
  const SQL = await initSqlJs({ locateFile: () => '/node_modules/sql.js/dist/sql-wasm-browser.wasm' });
  const world = await makeWorld(sqlJsDriver(SQL), opts);
  answer = (request) => world.app.fetch(request);
  if (!worker) {
    worker = setupWorker(http.all(/\/v1\//, ({ request }) => answer!(request)));
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  }
  return { ...world, apiBase: `${location.origin}/` };
}
