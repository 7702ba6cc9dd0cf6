/**
 * The smallest synchronous SQLite surface the store needs. Two drivers implement it:
 * better-sqlite3 in Node (server/sqlite-driver.ts) and sql.js in the browser
 * (api/db/sqljs-driver.ts), and one conformance suite runs against both.
 */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface SqlDriver {
  exec(sql: string): void;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): T[];
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): T | undefined;
  run(sql: string, params?: readonly SqlValue[]): { changes: number };
  close(): void;
}

/** Runs fn in one transaction; nested calls join the outer one. */
export function transaction<T>(driver: SqlDriver & { depth?: number }, fn: () => T): T {
  const d = driver as SqlDriver & { depth?: number };
  if (d.depth) {
    d.depth++;
    try {
      return fn();
    } finally {
      d.depth--;
    }
  }
  d.depth = 1;
  driver.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    driver.exec('COMMIT');
    return result;
  } catch (e) {
    driver.exec('ROLLBACK');
    throw e;
  } finally {
    d.depth = 0;
  }
}
