import type { Store } from '../store.js';
import { resetSearchIndex } from '../search-index.js';
import { searchText } from '../store-studies.js';
import type { ReportMetadata } from '../types.js';

/**
 * Brings a database written by an older version up to the current schema. The tables and indexes
 * themselves are created by SCHEMA (`IF NOT EXISTS`); this fills what new structures need.
 *
 * 1 → 2: search_text covers exactly the fields DESIGN.md names (scan type left out); the old
 * scan-date indexes give way to ones that hold search_text; the trigram index starts empty and
 * fills on the first search that needs it.
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
      resetSearchIndex(store);
    }
  });
}

