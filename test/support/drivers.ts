import initSqlJs from 'sql.js';
import type { SqlDriver } from '../../api/db/driver.js';
import { sqlJsDriver } from '../../api/db/sqljs-driver.js';
import { betterSqliteDriver } from '../../server/sqlite-driver.js';

/** Both SQLite drivers behind the store: every conformance suite runs once per driver. */
export const DRIVERS: Record<string, () => Promise<SqlDriver>> = {
  'better-sqlite3': async () => betterSqliteDriver(':memory:'),
  'sql.js': async () => sqlJsDriver(await initSqlJs()),
};
