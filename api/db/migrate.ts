import type { Store } from '../store.js';
import { resetSearchIndex } from '../search-index.js';
import { PATIENT_SORT_AT, SEARCH_TEXT_AT, studyRow } from '../store-studies.js';
import { fold } from '../text.js';
import type { ReportMetadata } from '../types.js';

/**
 * Brings a database written by an older version up to the current schema. The tables and indexes
 * themselves are created by SCHEMA (`IF NOT EXISTS`); this fills what new structures need.
 *
 * 1 → 2: search_text covers exactly the fields DESIGN.md names (scan type left out); the old
 * scan-date indexes give way to ones that hold search_text.
 * 2 → 3: folding writes every sigma as σ (it wrote ς at the end of a word), so the folded
 * columns holding ς are written again.
 * 3 → 4: the Idempotency-Key store keeps no credential (api/idempotency.ts): remembered widget
 * tokens go, remembered invitations lose their token.
 * Whenever search text changes, the gram index starts empty and fills on the first search that
 * needs it.
 */
export function migrate(store: Store, from: number): void {
  // The credentials 3 → 4 removes must not stay behind in the file's free space or its WAL.
  if (from < 4) store.db.exec('PRAGMA secure_delete = ON');
  store.tx(() => {
    if (from < 2) store.db.exec('DROP INDEX IF EXISTS studies_by_customer_scan; DROP INDEX IF EXISTS studies_by_account_scan;');
    if (from < 3) refold(store, from);
    if (from < 4) forgetRememberedCredentials(store);
  });
  if (from < 4) store.db.exec('PRAGMA secure_delete = OFF; PRAGMA wal_checkpoint(TRUNCATE);');
}

function refold(store: Store, from: number): void {
  // Every study before 2; from 2, those whose folded text holds a final sigma.
  const which = from < 2 ? '' : " WHERE instr(search_text, 'ς') > 0 OR instr(patient_sort, 'ς') > 0";
  const rows = store.db.all<{ id: string; study_instance_uid: string; study_description: string; report_metadata: string }>(
    `SELECT id, study_instance_uid, study_description, report_metadata FROM studies${which}`,
  );
  for (const r of rows) {
    const row = studyRow(r.id, '', {
      studyInstanceUid: r.study_instance_uid,
      studyDescription: r.study_description,
      severity: 'normal',
      product: 'viewer',
      expressCustomerId: null,
      reportMetadata: JSON.parse(r.report_metadata) as ReportMetadata,
    }, '');
    store.db.run('UPDATE studies SET patient_sort = ?, search_text = ? WHERE id = ?', [row[PATIENT_SORT_AT]!, row[SEARCH_TEXT_AT]!, r.id]);
  }
  const customers = store.db.all<{ id: string; name: string }>("SELECT id, name FROM customers WHERE instr(name_fold, 'ς') > 0");
  for (const c of customers) store.db.run('UPDATE customers SET name_fold = ? WHERE id = ?', [fold(c.name), c.id]);
  if (rows.length) resetSearchIndex(store);
}

function forgetRememberedCredentials(store: Store): void {
  const remembered = store.db.all<{ scope: string; key: string; body: string }>('SELECT scope, key, body FROM idempotency_keys WHERE body IS NOT NULL');
  for (const r of remembered) {
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(r.body) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof answer.token === 'string') store.db.run('DELETE FROM idempotency_keys WHERE scope = ? AND key = ?', [r.scope, r.key]);
    else if (typeof answer.invitationToken === 'string') {
      store.db.run('UPDATE idempotency_keys SET body = ? WHERE scope = ? AND key = ?', [JSON.stringify({ ...answer, invitationToken: null }), r.scope, r.key]);
    }
  }
}
