import type { Database, SqlJsStatic } from 'sql.js';
import type { SqlDriver, SqlValue } from './driver.js';

/** A SqlDriver over sql.js (SQLite compiled to WebAssembly): the store behind the browser mocks. */
export function sqlJsDriver(SQL: SqlJsStatic, data?: Uint8Array): SqlDriver {
  const db: Database = new SQL.Database(data);
  const bind = (params: readonly SqlValue[] = []) =>
    params.map((p) => (typeof p === 'bigint' ? Number(p) : p)) as (string | number | null | Uint8Array)[];
  const rows = <T>(sql: string, params?: readonly SqlValue[], one = false): T[] => {
    const stmt = db.prepare(sql);
    try {
      stmt.bind(bind(params));
      const out: T[] = [];
      while (stmt.step()) {
        out.push(stmt.getAsObject() as T);
        if (one) break;
      }
      return out;
    } finally {
      stmt.free();
    }
  };
  return {
    exec: (sql) => db.exec(sql),
    all: (sql, params) => rows(sql, params),
    get: (sql, params) => rows<never>(sql, params, true)[0],
    run(sql, params) {
      db.run(sql, bind(params));
      return { changes: db.getRowsModified() };
    },
    close: () => db.close(),
  };
}
