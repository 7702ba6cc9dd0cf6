import Database from 'better-sqlite3';
import type { SqlDriver } from '../api/db/driver.js';

/** A SqlDriver over better-sqlite3: a real SQLite file (or `:memory:`) for the Node server. */
export function betterSqliteDriver(filename: string): SqlDriver {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  return {
    exec: (sql) => void db.exec(sql),
    all: (sql, params = []) => prepare(sql).all(...params) as never[],
    get: (sql, params = []) => prepare(sql).get(...params) as never,
    run: (sql, params = []) => ({ changes: prepare(sql).run(...params).changes }),
    close: () => db.close(),
  };
}
