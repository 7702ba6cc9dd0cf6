import type { Store } from '../store.js';
import { SEARCH_INDEX_TABLE, trigramTokens } from '../search-index.js';
import { searchText } from '../store-studies.js';
import type { ReportMetadata } from '../types.js';

/**
 * Brings a database written by an older version up to the current schema. The tables and indexes
 * themselves are created by SCHEMA (`IF NOT EXISTS`); this fills what new structures need.
 *
 * 1 → 2: search_text covers exactly the fields DESIGN.md names (scan type left out); the old
 * scan-date indexes give way to ones that hold search_text; the trigram index is built.
 */
export function migrate(store: Store, from: number): void {
  store.tx(() => {
    if (from < 2) {
      store.db.exec('DROP INDEX IF EXISTS studies_by_customer_scan; DROP INDEX IF EXISTS studies_by_account_scan;');
      const rows = store.db.all<{ id: string; study_instance_uid: string; study_description: string; report_metadata: string; severity: 'normal' }>(
        'SELECT id, study_instance_uid, study_description, report_metadata, severity FROM studies',
      );
      for (const r of rows) {
        const text = searchText({
          studyInstanceUid: r.study_instance_uid,
          studyDescription: r.study_description,
          severity: r.severity,
          product: 'viewer',
          expressCustomerId: null,
          reportMetadata: JSON.parse(r.report_metadata) as ReportMetadata,
        });
        store.db.run('UPDATE studies SET search_text = ? WHERE id = ?', [text, r.id]);
      }
      rebuildSearchIndex(store);
    }
  });
}

/**
 * Rebuilds the trigram index from search_text. Its docids are the studies' rowids, which SQLite
 * keeps — except that VACUUM may renumber a table without an INTEGER PRIMARY KEY: rebuild after one.
 */
export function rebuildSearchIndex(store: Store): void {
  store.db.exec(`DROP TABLE IF EXISTS ${SEARCH_INDEX_TABLE}; CREATE VIRTUAL TABLE ${SEARCH_INDEX_TABLE} USING fts4(content='', grams);`);
  const rows = store.db.all<{ rid: number; search_text: string }>('SELECT rowid AS rid, search_text FROM studies');
  for (const r of rows) {
    store.db.run(`INSERT INTO ${SEARCH_INDEX_TABLE} (docid, grams) VALUES (CAST(? AS INTEGER), ?)`, [r.rid, trigramTokens(r.search_text).join(' ')]);
  }
}
