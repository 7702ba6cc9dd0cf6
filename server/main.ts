import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Store } from '../api/store.js';
import { seedDemo } from '../api/seed.js';
import { localToday } from '../src/format/calendar-date.js';
import { readConfig } from './config.js';
import { seedDemoImages } from './demo-images.js';
import { listen } from './listen.js';
import { createServerApp } from './server-app.js';
import { createViewerApp } from './viewer/viewer-app.js';
import { betterSqliteDriver } from './sqlite-driver.js';

const config = readConfig();
if (config.dbPath !== ':memory:') mkdirSync(dirname(config.dbPath), { recursive: true });
const store = new Store(betterSqliteDriver(config.dbPath));

let demoAccountId = store.setting('demo_account_id');
if (!demoAccountId) {
  const world = await seedDemo(store, { apiKey: config.apiKey, today: localToday() });
  demoAccountId = world.accountId;
  store.setSetting('demo_account_id', demoAccountId);
  console.log(`Seeded the demo account into ${config.dbPath}.`);
}
if (!store.setting('demo_images_seeded')) {
  if (seedDemoImages(store, demoAccountId, localToday())) console.log('Stored sample DICOM images in the demo imaging studies.');
  store.setSetting('demo_images_seeded', '1');
}

const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}`;
const app = createServerApp({
  store,
  demoAccountId,
  apiKey: config.apiKey,
  apiBaseUrl: `${origin}:${config.port}`,
  viewerOrigin: `${origin}:${config.viewerPort}`,
  demoTokenTtlSeconds: config.demoTokenTtlSeconds,
  dev: !config.production,
});

// The viewer on its own origin. By default only this server's own pages may frame it and only
// this server's API may be called from it (README "Settings"; docs/viewer.md).
const loopback = ['127.0.0.1', 'localhost', '0.0.0.0', '::1'].includes(config.host);
const ownOrigins = loopback ? [`http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`] : [`${origin}:${config.port}`];
const viewerApp = createViewerApp({
  parentOrigins: config.viewerParentOrigins ?? ownOrigins,
  apiOrigins: config.viewerApiOrigins ?? ownOrigins,
});
const viewerServer = listen({ fetch: viewerApp.fetch, port: config.viewerPort, hostname: config.host }, (info) => {
  console.log(`Avara viewer: ${origin}:${info.port}/`);
});

const server = listen({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Avara reference server: ${origin}:${info.port}/  (API under /v1, database ${config.dbPath})`);
});

const stop = () => {
  server.close();
  viewerServer.close();
  store.db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
