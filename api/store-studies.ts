import type { SqlValue } from './db/driver.js';
import { catchUpSearchIndex, matchQuery, queryTokens, SEARCH_INDEX_TABLE, type QueryGram } from './search-index.js';
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

/** Each sort field's column, and the suffix of its indexes (studies_by_account_… and studies_by_customer_…). */
const SORT_COLUMNS: Record<StudySortField, { column: string; nullable: boolean; index: string; coversText: boolean }> = {
  scanDate: { column: 'scan_date', nullable: true, index: 'scan_text', coversText: true },
  patientName: { column: 'patient_sort', nullable: true, index: 'patient', coversText: false },
  severity: { column: 'severity_rank', nullable: false, index: 'severity', coversText: false },
  createdAt: { column: 'created_at', nullable: false, index: 'created', coversText: false },
};

/**
 * Tuning of the plan (tests lower them to drive every path on small data):
 * - `candidateLimit`: a search first asks the gram index for the studies holding three of its
 *   rarest grams; if there are at most this many, they are the only rows read;
 * - `indexFirstPostings`: the index is asked first whoever the caller when those three grams
 *   hold at most this many postings in all (an MRN's 5-grams); otherwise a caller whose list is
 *   shorter than a run reads the list instead;
 * - `scanRowsCovered`, `scanRows`: otherwise matches are common, and the search reads at most
 *   this many rows of the caller's list in list order (more when the index holds the search
 *   text, so no table row is read);
 * - `indexLimit`: if that neither fills the page nor reaches the end of the list, the index is
 *   asked again, with up to eight grams, for at most this many candidates;
 * - only beyond that does the search read on through the list;
 * - `narrowAbove`, `narrowRatio`: more candidates than `narrowAbove` are first kept to a
 *   customer-limited caller's rows, read on a customer index (which holds the rowid), when those
 *   are fewer than `narrowRatio` times the candidates: an index entry costs a fraction of a row.
 */
export const LIST_PLAN = { candidateLimit: 2000, indexFirstPostings: 4000, scanRowsCovered: 8000, scanRows: 1500, indexLimit: 50_000, narrowAbove: 32, narrowRatio: 4 };

/** A query of letters and digits only: one word of search_text, or part of one. */
const ONE_WORD = /^[\p{L}\p{N}]+$/u;

/** Up to this many customers, a caller's list is first checked for being shorter than a run (a few index reads). */
const FEW_CUSTOMERS = 8;

/** The most grams one index query asks for together, and the most postings past the third. */
const WIDE_GRAMS = 8;
const WIDE_POSTINGS = 2_000_000;

interface Part {
  sql: string;
  params: SqlValue[];
}

/** A position in list order: sort value, createdAt, id. */
interface Position {
  v: SortValue;
  c: string;
  i: string;
}

/** The rows with a sort value, or (nullable fields) the rows without one, in their index's order. */
interface Segment {
  /** Which rows (and where the cursor leaves off), all on the sort's index. */
  rows: Part[];
  /** The sort value as read (`NULL` in the segment without one). */
  value: string;
  order: string;
  /** The rows up to and including this position. */
  upTo: (p: Position) => Part;
  /** Whether a comes before b in list order. */
  before: (a: Position, b: Position) => boolean;
}

/**
 * One page of studies in a stable total order: the sort value (missing values last in both
 * directions), then createdAt, then id; keyset-paged so rows added between pages cause neither
 * duplicates nor gaps.
 *
 * The plan: rows with a sort value, then (for nullable fields) rows without, each read in the
 * order of the sort's index. A caller limited to customers reads each customer's range of the
 * customer index in one query (SQLite stops reading a range once its rows can no longer reach
 * the page, so a member of many customers sorts little more than a page per customer).
 *
 * A search `q` (a substring of search_text) is planned by what the gram index says about it:
 * 1. Rare: the studies holding three of q's rarest grams are few (an MRN, a name held by a
 *    handful of patients): only those rows are read, whatever the caller's scope. (The list of a
 *    member of a few customers is read whole instead when it is shorter than a run, step 2,
 *    unless those grams' postings are fewer still.)
 * 2. Common: a bounded run of the caller's list in list order fills the page when matches are
 *    dense (one query when the list is one range with no filters), or holds the whole list when
 *    it is short (a member of a few customers).
 * 3. Neither: the index again with more grams and a larger limit (words common alone but
 *    rare together; matches that sort far from the top, such as a surname sorted by patient name).
 * 4. Only a search the index cannot narrow to `indexLimit` studies reads on through the list.
 * Every path returns exactly the rows a full read would, and checks the scope on every row.
 */
export function pageStudies(store: Store, scope: AccessScope, f: StudyFilter): StudyPage {
  const sort = SORT_COLUMNS[f.sortField];
  const col = `s.${sort.column}`;
  const dir = f.descending ? 'DESC' : 'ASC';
  const op = f.descending ? '<' : '>';
  const need = f.limit + 1;
  const q = f.q ? fold(f.q) : undefined;
  const after = f.after;

  // The caller's rows: the whole account, or those of each visible customer (narrowed by the filter).
  let customerIds: readonly string[] | null = scope.all ? null : scope.customerIds;
  if (f.expressCustomerId !== undefined) {
    customerIds = customerIds === null || customerIds.includes(f.expressCustomerId) ? [f.expressCustomerId] : [];
  }
  if (customerIds !== null && customerIds.length === 0) return { studies: [], hasMore: false };
  const customers: Part | undefined = customerIds ? { sql: `s.customer_id IN (${marks(customerIds.length)})`, params: [...customerIds] } : undefined;
  const account: Part = { sql: 's.account_id = ?', params: [scope.accountId] };
  // Read on the account's index, or on each customer's range of the customer index (the account
  // then checked on the row); or, for rows found by rowid, both checked on the row.
  const indexed = `studies s INDEXED BY studies_by_${customers ? 'customer' : 'account'}_${sort.index}`;
  const scopeIndexed: Part[] = customers ? [customers, { sql: '+s.account_id = ?', params: account.params }] : [account];
  const scopeOnRow: Part[] = [{ sql: '+s.account_id = ?', params: account.params }, ...(customers ? [{ sql: `+${customers.sql}`, params: customers.params }] : [])];

  const filters: Part[] = [];
  if (f.severity) filters.push({ sql: 's.severity = ?', params: [f.severity] });
  if (f.product) filters.push({ sql: 's.product = ?', params: [f.product] });
  if (f.scanDateFrom) filters.push({ sql: 's.scan_date >= ?', params: [f.scanDateFrom] });
  if (f.scanDateTo) filters.push({ sql: 's.scan_date <= ?', params: [f.scanDateTo] });

  // The key of list order (createdAt sorts by itself, then id), its direction, and a position in it.
  const same = sort.column === 'created_at';
  const key = same ? 's.created_at, s.id' : `${col}, s.created_at, s.id`;
  const keyMarks = same ? '?, ?' : '?, ?, ?';
  const keyOf = (v: SortValue, c: string, i: string): SqlValue[] => (same ? [c, i] : [v, c, i]);
  const ordered = (cols: string) => cols.split(', ').map((c) => `${c} ${dir}`).join(', ');
  const sign = f.descending ? -1 : 1;
  const upToOp = f.descending ? '>=' : '<=';

  const segments: Segment[] = [];
  if (!(after && after[0] === null)) {
    // (A cursor inside the rows without a value skips the rows with one.)
    const rows: Part[] = [];
    if (sort.nullable) rows.push({ sql: `${col} IS NOT NULL`, params: [] });
    if (after) rows.push({ sql: `(${key}) ${op} (${keyMarks})`, params: keyOf(...after) });
    segments.push({
      rows,
      value: col,
      order: ordered(key),
      upTo: (p) => ({ sql: `(${key}) ${upToOp} (${keyMarks})`, params: keyOf(p.v, p.c, p.i) }),
      before: (a, b) => sign * (compareValues(a.v, b.v) || compareValues(a.c, b.c) || compareValues(a.i, b.i)) < 0,
    });
  }
  if (sort.nullable) {
    const rows: Part[] = [{ sql: `${col} IS NULL`, params: [] }];
    if (after && after[0] === null) rows.push({ sql: `(s.created_at, s.id) ${op} (?, ?)`, params: [after[1], after[2]] });
    segments.push({
      rows,
      value: 'NULL',
      order: ordered('s.created_at, s.id'),
      upTo: (p) => ({ sql: `(s.created_at, s.id) ${upToOp} (?, ?)`, params: [p.c, p.i] }),
      before: (a, b) => sign * (compareValues(a.c, b.c) || compareValues(a.i, b.i)) < 0,
    });
  }
  const list = (seg: Segment, extra: Part[], limit: number) => {
    const w = join([...scopeIndexed, ...seg.rows, ...filters, ...extra]);
    return store.db.all<Ranked>(`SELECT s.rowid AS rid, ${seg.value} AS v, s.created_at AS c, s.id AS i FROM ${indexed} WHERE ${w.sql} ORDER BY ${seg.order} LIMIT ?`, [
      ...w.params,
      limit,
    ]);
  };

  const picked: Ranked[] = [];
  const finish = (rows: Ranked[]) => page(store, rows, f.limit);
  if (q === undefined) {
    for (const seg of segments) if (picked.length < need) picked.push(...list(seg, [], need - picked.length));
    return finish(picked);
  }
  const match: Part = { sql: 'instr(s.search_text, ?) > 0', params: [q] };

  // The matches among the first `bound` rows of a segment (one range, no filters), in list order:
  // the subquery is read in its order as SQLite reads it, and the outer query stops at `limit`.
  const firstInRun = (seg: Segment, bound: number, limit: number) => {
    const w = join([...scopeIndexed, ...seg.rows]);
    const run = `SELECT s.rowid AS rid, ${seg.value} AS v, s.created_at AS c, s.id AS i, s.search_text AS t FROM ${indexed} WHERE ${w.sql} ORDER BY ${seg.order} LIMIT ?`;
    return store.db.all<Ranked>(`SELECT rid, v, c, i FROM (${run}) WHERE instr(t, ?) > 0 LIMIT ?`, [...w.params, bound, q, limit]);
  };

  // The page among the rows the index names (both segments at once): each read by rowid and sorted.
  const fromCandidates = ({ ids, n }: Candidates) => {
    if (customers && n > LIST_PLAN.narrowAbove) {
      // The caller's customers hold few rows next to the candidates: keep the candidates among
      // those (on the narrowest customer index) before reading any row.
      const cap = n * LIST_PLAN.narrowRatio;
      const narrow = 'studies s INDEXED BY studies_by_customer_created';
      const rows = store.db.get<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${narrow} WHERE ${customers.sql} LIMIT ?)`, [...customers.params, cap])!;
      if (Number(rows.n) < cap) {
        ids = store.db.get<{ ids: string }>(
          `SELECT json_group_array(s.rowid) AS ids FROM ${narrow} WHERE ${customers.sql} AND +s.rowid IN (SELECT value FROM json_each(?))`,
          [...customers.params, ids],
        )!.ids;
      }
    }
    const where: Part[] = [{ sql: 's.rowid IN (SELECT value FROM json_each(?))', params: [ids] }, ...scopeOnRow, ...filters, match];
    if (after && after[0] !== null) {
      const past = `(${key}) ${op} (${keyMarks})`;
      where.push({ sql: sort.nullable ? `(${col} IS NULL OR ${past})` : past, params: keyOf(...after) });
    } else if (after) {
      where.push({ sql: `${col} IS NULL AND (s.created_at, s.id) ${op} (?, ?)`, params: [after[1], after[2]] });
    }
    const w = join(where);
    const order = `${sort.nullable ? `${col} IS NULL, ` : ''}${ordered(key)}`;
    return store.db.all<Ranked>(`SELECT s.rowid AS rid, ${col} AS v, s.created_at AS c, s.id AS i FROM studies s WHERE ${w.sql} ORDER BY ${order} LIMIT ?`, [
      ...w.params,
      need,
    ]);
  };

  const sources = customerIds?.map((id) => ({ sql: 's.customer_id = ?', params: [id] })) ?? [account];
  const bounds = segments.map((_, k) => (k === 0 && sort.coversText ? LIST_PLAN.scanRowsCovered : LIST_PLAN.scanRows));
  const endOf = (k: number) => (bounds[k]! > 0 ? runEnd(store, indexed, sources, segments[k]!, bounds[k]!) : undefined);

  // 1. Rare: three of the rarest grams together. The list of a few customers, if shorter than a
  // run, is read whole without asking the index, unless asking costs fewer postings than that.
  const grams = searchGrams(store, q);
  if (grams === 'none') return { studies: [], hasMore: false };
  const rarest = grams && pickGrams(grams, 3);
  const cheap = rarest !== undefined && rarest.reduce((n, g) => n + g.documents, 0) <= LIST_PLAN.indexFirstPostings;
  // The grams of one word come together: if its rarest is in far more studies than the limit,
  // so is the word, most likely, and asking would only cost its postings.
  const common = rarest !== undefined && ONE_WORD.test(q) && rarest[0]!.documents > 4 * LIST_PLAN.candidateLimit;
  const ends = !cheap && customerIds !== null && customerIds.length <= FEW_CUSTOMERS ? segments.map((_, k) => endOf(k)) : undefined;
  if (rarest && !common && !ends?.every((end) => end === null)) {
    const found = indexCandidates(store, rarest, LIST_PLAN.candidateLimit);
    if (found) return finish(fromCandidates(found));
  }

  // 2. Common: a bounded run of each segment in list order.
  let open = -1;
  for (const [k, seg] of segments.entries()) {
    const want = need - picked.length;
    if (want <= 0) break;
    if (!ends && sources.length === 1 && !filters.length && bounds[k]! > 0) {
      // One range and no filters: the run and its matches in one query. Where the run ends is
      // needed only when its matches do not fill the page.
      const found = firstInRun(seg, bounds[k]!, want);
      if (found.length >= want) {
        picked.push(...found);
        continue;
      }
    }
    const end = ends ? ends[k] : endOf(k);
    if (end === null) {
      // The whole segment is shorter than the run: reading it is the answer.
      picked.push(...list(seg, [match], want));
      continue;
    }
    const found = end ? list(seg, [seg.upTo(end), match], want) : [];
    if (found.length >= want) {
      picked.push(...found);
      continue;
    }
    open = k;
    break;
  }
  if (open < 0) return finish(picked);

  // 3. Neither: more grams, more candidates.
  if (grams) {
    const found = indexCandidates(store, pickGrams(grams, WIDE_GRAMS, WIDE_POSTINGS), LIST_PLAN.indexLimit);
    if (found) return finish(fromCandidates(found));
  }

  // 4. Read on.
  for (const seg of segments.slice(open)) if (picked.length < need) picked.push(...list(seg, [match], need - picked.length));
  return finish(picked);
}

/**
 * Where a run of about `bound` rows of a segment ends (filters aside), or null when the whole
 * segment is shorter. Each source (the account, or each customer) is read on its own range of
 * the index for its share of the run, and the run ends where the first share does: up to there,
 * every source's rows are within its share. (One query over every customer's range would sort
 * the whole run.) Only the end depends on this; any end gives the same rows.
 */
function runEnd(store: Store, indexed: string, sources: Part[], seg: Segment, bound: number): Position | null {
  const share = Math.ceil(bound / sources.length);
  let end: Position | null = null;
  for (const src of sources) {
    const w = join([src, ...seg.rows]);
    const at = store.db.get<Position>(`SELECT ${seg.value} AS v, s.created_at AS c, s.id AS i FROM ${indexed} WHERE ${w.sql} ORDER BY ${seg.order} LIMIT 1 OFFSET ?`, [
      ...w.params,
      share - 1,
    ]);
    if (at && (!end || seg.before(at, end))) end = at;
  }
  return end;
}

/** SQLite's order of two values of one column: numbers by value, text by its UTF-8 bytes (that is, by code point). */
function compareValues(a: SortValue | bigint, b: SortValue | bigint): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== 'string' || typeof b !== 'string') return typeof a === 'string' ? 1 : typeof b === 'string' ? -1 : a < b ? -1 : 1;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The page from its ranked rows (one more than the limit when there is more). */
function page(store: Store, picked: Ranked[], limit: number): StudyPage {
  const hasMore = picked.length > limit;
  const rows = picked.slice(0, limit);
  if (!rows.length) return { studies: [], hasMore: false };
  const full = store.db.all<StudyRow>(`SELECT s.* FROM studies s WHERE s.rowid IN (SELECT value FROM json_each(?))`, [
    JSON.stringify(rows.map((r) => Number(r.rid))),
  ]);
  const byId = new Map(full.map((r) => [r.id, r]));
  const tail = rows.at(-1)!;
  return {
    studies: rows.map((r) => toStudy(byId.get(r.i)!)),
    hasMore,
    last: [tail.v === null ? null : (tail.v as SortValue), tail.c, tail.i],
  };
}

interface GramCount extends QueryGram {
  /** How many studies hold it. */
  documents: number;
}

/**
 * The grams of the folded `q` with how many studies hold each, rarest first (the index caught
 * up first); `'none'` when one is in no study (nothing matches); `undefined` when q has no
 * gram (under three characters).
 */
function searchGrams(store: Store, q: string): GramCount[] | 'none' | undefined {
  const tokens = queryTokens(q);
  if (!tokens.length) return undefined;
  catchUpSearchIndex(store);
  const counts = new Map(
    store.db
      .all<{ gram: string; documents: number }>('SELECT gram, documents FROM study_gram_counts WHERE gram IN (SELECT value FROM json_each(?))', [
        JSON.stringify(tokens.map((t) => t.gram)),
      ])
      .map((r) => [r.gram, Number(r.documents)]),
  );
  if (counts.size < tokens.length) return 'none';
  return tokens.map((t) => ({ ...t, documents: counts.get(t.gram)! })).sort((a, b) => a.documents - b.documents || a.at - b.at);
}

/**
 * Up to `most` grams to ask the index for together (at least three), rarest first. Beyond the
 * rarest, only grams within four times its count are worth their postings; among those, ones
 * that do not overlap in q come first: the grams of one word come together anyway, those of
 * different words narrow each other (no study holds both `bra` and ` ct`, though each is in 9% of
 * them). Past three, a gram is left out once the postings read would exceed `postings`. A
 * study holding every gram of q is among those holding these.
 */
function pickGrams(grams: GramCount[], most: number, postings = Infinity): GramCount[] {
  const near = grams.filter((g) => g.documents <= 4 * grams[0]!.documents);
  const out: GramCount[] = [];
  const apart = (a: GramCount, b: GramCount) => a.at + a.length <= b.at || b.at + b.length <= a.at;
  for (const g of near) if (out.length < most && out.every((o) => apart(o, g))) out.push(g);
  for (const g of near) if (out.length < most && !out.includes(g)) out.push(g);
  for (const g of grams) if (out.length < Math.min(3, most) && !out.includes(g)) out.push(g);
  out.sort((a, b) => a.documents - b.documents);
  let read = 0;
  return out.filter((g, k) => (read += g.documents) <= postings || k < 3);
}

/** Rowids from the gram index: a JSON array, and how many. */
interface Candidates {
  ids: string;
  n: number;
}

/**
 * The rowids of every study holding all these grams, in any account (a superset of the
 * matches, to be filtered by scope, filters and the exact match); `undefined` when there are more
 * than `limit`.
 */
function indexCandidates(store: Store, grams: GramCount[], limit: number): Candidates | undefined {
  const r = store.db.get<{ n: number; ids: string }>(
    `SELECT count(*) AS n, json_group_array(rid) AS ids FROM (SELECT rowid AS rid FROM ${SEARCH_INDEX_TABLE} WHERE ${SEARCH_INDEX_TABLE} MATCH ? LIMIT ?)`,
    [matchQuery(grams.map((g) => g.gram)), limit + 1],
  )!;
  const n = Number(r.n);
  return n <= limit ? { ids: r.ids, n } : undefined;
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

/** Where patient_sort and search_text sit in studyRow's values. */
export const PATIENT_SORT_AT = 10;
export const SEARCH_TEXT_AT = 11;
