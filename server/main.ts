import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { Store } from '../api/store.js';
import { seedDemo } from '../api/seed.js';
import { localToday } from '../src/format/calendar-date.js';
import { readConfig } from './config.js';
import { createServerApp } from './server-app.js';
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

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Avara reference server: ${origin}:${info.port}/  (API under /v1, database ${config.dbPath})`);
});

const stop = () => {
  server.close();
  store.db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
