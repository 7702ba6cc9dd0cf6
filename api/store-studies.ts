import type { SqlValue } from './db/driver.js';
import { catchUpSearchIndex, matchQuery, queryTokens, SEARCH_INDEX_TABLE } from './search-index.js';
import { SEVERITY_RANK, toStudy, type AccessScope, type NewStudy, type Store, type StudyFilter, type StudyRow } from './store.js';
import { dicomNameWords, fold } from './text.js';
import type { Study, StudySortField } from './types.js';

/** Study queries beside the Store. */

/** The id of the account's study with this Study Instance UID, if any. */
export function studyIdByUid(store: Store, accountId: string, studyInstanceUid: string): string | undefined {
  return store.db.get<{ id: string }>('SELECT id FROM studies WHERE account_id = ? AND study_instance_uid = ?', [
    accountId,
    studyInstanceUid,
  ])?.id;
}

export const INSERT_STUDY = `INSERT INTO studies (id, account_id, customer_id, study_instance_uid, study_description, severity,
  severity_rank, product, report_metadata, scan_date, patient_sort, search_text, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The text `q` searches, folded once when the row is written: patient name (as written and as
 * words), MRN, description, facility and Study Instance UID — the fields DESIGN.md names.
 */
export function searchText(s: NewStudy): string {
  const m = s.reportMetadata;
  const name = m.patientName?.trim() ? m.patientName : '';
  return fold([name, name ? dicomNameWords(name) : '', m.mrn ?? '', s.studyDescription, m.facilityName ?? '', s.studyInstanceUid].join('\n'));
}

/** The values of INSERT_STUDY for one study (also used by the benchmark's bulk loader). */
export function studyRow(id: string, accountId: string, s: NewStudy, createdAt: string): SqlValue[] {
  const m = s.reportMetadata;
  const name = m.patientName?.trim() ? m.patientName : null;
  return [
    id,
    accountId,
    s.expressCustomerId,
    s.studyInstanceUid,
    s.studyDescription,
    s.severity,
    SEVERITY_RANK[s.severity],
    s.product,
    JSON.stringify(m),
    m.scanDate || null,
    name ? fold(dicomNameWords(name)) : null,
    searchText(s),
    createdAt,
  ];
}

// ---------------------------------------------------------------------------------------------
// Listing: one page of a scope's studies, planned so its cost does not grow with the account.

export type SortValue = string | number | null;
export type StudyRowWithSort = StudyRow & { sort_value: SortValue };

export interface StudyPage {
  studies: Study[];
  hasMore: boolean;
  /** Keyset position of the last row: [sort value, createdAt, id]. */
  last?: [SortValue, string, string];
}

const SORT_COLUMNS: Record<StudySortField, { column: string; nullable: boolean; coversText: boolean }> = {
  scanDate: { column: 'scan_date', nullable: true, coversText: true },
  patientName: { column: 'patient_sort', nullable: true, coversText: false },
  severity: { column: 'severity_rank', nullable: false, coversText: false },
  createdAt: { column: 'created_at', nullable: false, coversText: false },
};

/**
 * Tuning of the plan (tests lower them to drive every path on small data):
 * - `scanRows`: how many rows of each source a search first reads in list order (more when the
 *   index holds the search text, so no table row is read);
 * - `candidateLimit`: the most trigram-index candidates a search fetches and sorts;
 * - `unionLimit`: up to this many customers, each is read on its own index and the pages merged.
 */
export const LIST_PLAN = { scanRowsCovered: 8000, scanRows: 1500, candidateLimit: 2000, unionLimit: 64 };

interface Part {
  sql: string;
  params: SqlValue[];
}

/**
 * One page of studies in a stable total order: the sort value (missing values last in both
 * directions), then createdAt, then id; keyset-paged so rows added between pages cause neither
 * duplicates nor gaps.
 *
 * The plan: rows with a sort value, then (for nullable fields) rows without, each read in index
 * order. A caller limited to a few customers reads each customer on its own index and merges the
 * pages (a member of three customers never sorts all their studies). A search `q` first reads a
 * bounded run of rows in list order (enough when matches are common); if that neither fills the
 * page nor exhausts the list, the trigram index gives the candidates (enough when matches are
 * rare); only if both fail does it read on. Every path returns exactly the same rows.
 */
export function pageStudies(store: Store, scope: AccessScope, f: StudyFilter): StudyPage {
  const sort = SORT_COLUMNS[f.sortField];
  const col = `s.${sort.column}`;
  const dir = f.descending ? 'DESC' : 'ASC';
  const op = f.descending ? '<' : '>';
  const need = f.limit + 1;
  const q = f.q ? fold(f.q) : undefined;

  // Sources: the whole account, or each visible customer (narrowed by the filter).
  let customerIds: readonly string[] | null = scope.all ? null : scope.customerIds;
  if (f.expressCustomerId !== undefined) {
    customerIds = customerIds === null || customerIds.includes(f.expressCustomerId) ? [f.expressCustomerId] : [];
  }
  if (customerIds !== null && customerIds.length === 0) return { studies: [], hasMore: false };
  const sources: Part[] =
    customerIds === null
      ? [{ sql: 's.account_id = ?', params: [scope.accountId] }]
      : customerIds.length > LIST_PLAN.unionLimit
        ? [{ sql: `s.account_id = ? AND s.customer_id IN (${marks(customerIds.length)})`, params: [scope.accountId, ...customerIds] }]
        : customerIds.map((id) => ({ sql: 's.customer_id = ? AND s.account_id = ?', params: [id, scope.accountId] }));
  // The same scope as one condition that uses no index (for the candidate path).
  const scopeAnywhere: Part =
    customerIds === null
      ? { sql: '+s.account_id = ?', params: [scope.accountId] }
      : { sql: `+s.account_id = ? AND +s.customer_id IN (${marks(customerIds.length)})`, params: [scope.accountId, ...customerIds] };

  const filters: Part[] = [];
  if (f.severity) filters.push({ sql: 's.severity = ?', params: [f.severity] });
  if (f.product) filters.push({ sql: 's.product = ?', params: [f.product] });
  if (f.scanDateFrom) filters.push({ sql: 's.scan_date >= ?', params: [f.scanDateFrom] });
  if (f.scanDateTo) filters.push({ sql: 's.scan_date <= ?', params: [f.scanDateTo] });

  const segments: ('value' | 'null')[] = sort.nullable ? ['value', 'null'] : ['value'];
  const picked: Ranked[] = [];
  let indexed: ReturnType<typeof indexCandidates> | undefined;
  for (const segment of segments) {
    if (picked.length >= need) break;
    const after = f.after;
    // A cursor inside the rows without a value skips the rows with one.
    if (segment === 'value' && after && after[0] === null) continue;
    const conds: Part[] = [...filters];
    const order =
      segment === 'value' ? `${col} ${dir}, s.created_at ${dir}, s.id ${dir}` : `s.created_at ${dir}, s.id ${dir}`;
    if (segment === 'value') {
      if (sort.nullable) conds.push({ sql: `${col} IS NOT NULL`, params: [] });
      if (after) conds.push({ sql: `(${col}, s.created_at, s.id) ${op} (?, ?, ?)`, params: [after[0], after[1], after[2]] });
    } else {
      conds.push({ sql: `${col} IS NULL`, params: [] });
      if (after && after[0] === null) conds.push({ sql: `(s.created_at, s.id) ${op} (?, ?)`, params: [after[1], after[2]] });
    }
    const keys = `s.rowid AS rid, ${segment === 'value' ? col : 'NULL'} AS v, s.created_at AS c, s.id AS i`;
    const outerOrder = segment === 'value' ? `v ${dir}, c ${dir}, i ${dir}` : `c ${dir}, i ${dir}`;
    const want = need - picked.length;
    const run = (parts: Part[], extra: Part[] = [], limit = want) => {
      const where = (src: Part) => [src, ...conds, ...extra];
      if (parts.length === 1) {
        const w = join(where(parts[0]!));
        return store.db.all<Ranked>(`SELECT ${keys} FROM studies s WHERE ${w.sql} ORDER BY ${order} LIMIT ?`, [...w.params, limit]);
      }
      const subs = parts.map((src) => join(where(src)));
      return store.db.all<Ranked>(
        `${subs.map((w) => `SELECT * FROM (SELECT ${keys} FROM studies s WHERE ${w.sql} ORDER BY ${order} LIMIT ?)`).join(' UNION ALL ')}
         ORDER BY ${outerOrder} LIMIT ?`,
        [...subs.flatMap((w) => [...w.params, limit]), limit],
      );
    };

    if (q === undefined) {
      picked.push(...run(sources));
      continue;
    }
    const match: Part = { sql: 'instr(s.search_text, ?) > 0', params: [q] };
    // 1. A bounded run of rows in list order.
    const bound = segment === 'value' && sort.coversText ? LIST_PLAN.scanRowsCovered : LIST_PLAN.scanRows;
    const subs = sources.map((src) => join([src, ...conds]));
    const bounded = store.db.all<Ranked>(
      `SELECT rid, v, c, i FROM (${subs
        .map((w) => `SELECT * FROM (SELECT ${keys}, s.search_text AS t FROM studies s WHERE ${w.sql} ORDER BY ${order} LIMIT ?)`)
        .join(' UNION ALL ')}) WHERE instr(t, ?) > 0 ORDER BY ${outerOrder} LIMIT ?`,
      [...subs.flatMap((w) => [...w.params, bound]), q, want],
    );
    if (bounded.length >= want) {
      picked.push(...bounded);
      continue;
    }
    const exhausted = subs.every(
      (w) => store.db.get<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM studies s WHERE ${w.sql} LIMIT ?)`, [...w.params, bound])!.n < bound,
    );
    if (exhausted) {
      picked.push(...bounded);
      continue;
    }
    // 2. Rare matches: the trigram index's candidates (asked once per page, both segments share them).
    const found = (indexed ??= indexCandidates(store, q));
    if (found === 'none' && bounded.length === 0) continue;
    if (Array.isArray(found)) {
      const w = join([{ sql: 's.rowid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(found)] }, scopeAnywhere, ...conds, match]);
      picked.push(...store.db.all<Ranked>(`SELECT ${keys} FROM studies s WHERE ${w.sql} ORDER BY ${order} LIMIT ?`, [...w.params, want]));
      continue;
    }
    // 3. Neither: read on.
    picked.push(...run(sources, [match]));
  }

  const hasMore = picked.length > f.limit;
  const page = picked.slice(0, f.limit);
  if (!page.length) return { studies: [], hasMore: false };
  const rows = store.db.all<StudyRow>(`SELECT s.* FROM studies s WHERE s.rowid IN (SELECT value FROM json_each(?))`, [
    JSON.stringify(page.map((r) => Number(r.rid))),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const tail = page.at(-1)!;
  return {
    studies: page.map((r) => toStudy(byId.get(r.i)!)),
    hasMore,
    last: [tail.v === null ? null : (tail.v as SortValue), tail.c, tail.i],
  };
}

/**
 * The studies of the whole account that may contain the folded `q`, from the trigram index: a
 * superset of the matches, to be filtered by scope, filters and the exact match. `'none'` when a
 * trigram of q is in no study (nothing matches); `undefined` when q has no trigram (under three
 * characters) or the index cannot narrow it to `candidateLimit` studies.
 *
 * The index is asked for the rarest trigrams together, however common each one is on its own:
 * every trigram of an eight-digit MRN is in about 1% of a million studies, yet the studies
 * holding three of them are a handful. A study holding every trigram of q is among them.
 */
function indexCandidates(store: Store, q: string): number[] | 'none' | undefined {
  const tokens = queryTokens(q);
  if (!tokens.length) return undefined;
  catchUpSearchIndex(store);
  const counts = store.db.all<{ gram: string; documents: number }>(
    'SELECT gram, documents FROM study_gram_counts WHERE gram IN (SELECT value FROM json_each(?))',
    [JSON.stringify(tokens)],
  );
  if (counts.length < tokens.length) return 'none';
  const rarest = counts.sort((a, b) => Number(a.documents) - Number(b.documents)).slice(0, 3);
  const candidates = store.db
    .all<{ rid: number }>(`SELECT rowid AS rid FROM ${SEARCH_INDEX_TABLE} WHERE ${SEARCH_INDEX_TABLE} MATCH ? LIMIT ?`, [
      matchQuery(rarest.map((r) => r.gram)),
      LIST_PLAN.candidateLimit + 1,
    ])
    .map((r) => Number(r.rid));
  return candidates.length <= LIST_PLAN.candidateLimit ? candidates : undefined;
}

interface Ranked {
  rid: number | bigint;
  v: SortValue | bigint;
  c: string;
  i: string;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const join = (parts: Part[]): Part => ({
  sql: parts.map((p) => p.sql).join(' AND '),
  params: parts.flatMap((p) => p.params),
});

/** Where search_text sits in studyRow's values. */
export const SEARCH_TEXT_AT = 11;
