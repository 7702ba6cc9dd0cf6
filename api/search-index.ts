/**
 * The gram index behind `q` on large lists.
 *
 * `q` is an exact, case-folded substring match on each study's `search_text`; on a small list the
 * store simply scans. On a large one (a platform admin over a million studies looking for one MRN)
 * a scan reads every row, so the store also keeps an inverted index of the grams of
 * `search_text`: its runs of three and of five code points. A study can contain `q` only if it
 * contains every gram of `q`, so the index yields a small superset of candidates that the exact
 * match then filters. Results are the same with or without it; only the cost differs.
 *
 * Why two lengths: trigrams answer any query of three characters or more, but there are only a
 * thousand trigrams of digits, so at a million studies each is in about 1% of them and an MRN's
 * trigrams cost thousands of postings to intersect. Its 5-grams are each in a handful of studies
 * (a hundred thousand of them), so a typed MRN or accession number costs as little at a million
 * studies as at ten thousand. Common words cost what they cost either way.
 *
 * The index is a contentless full-text table whose "words" are the grams written as hex (the
 * tokenizers keep [0-9a-z] runs intact, so every gram, punctuation and non-ASCII included,
 * survives as one token; UTF-8 decodes one way, so a token names one gram whatever its length);
 * its rowid is the study's rowid. It is FTS5 where the SQLite build has it (better-sqlite3) and
 * FTS4 where it does not (sql.js has no FTS5): the same tokens, the same queries, the same
 * answers. (FTS5 also builds faster, and PRAGMA integrity_check can check a contentless FTS5
 * table but not a contentless FTS4 one.) Beside it, study_gram_counts holds how many studies
 * contain each gram, so a search asks the index for three of its rarest grams together (up to
 * eight when that is not enough): each may be common on its own while the studies holding all
 * three are a handful. Grams that do not overlap in the query are preferred: those of one word
 * come together anyway. How the store plans a search around it is in api/store-studies.ts.
 */
import type { SqlDriver } from './db/driver.js';
import type { Store } from './store.js';

export const SEARCH_INDEX_TABLE = 'study_grams';

const FTS5 = `CREATE VIRTUAL TABLE ${SEARCH_INDEX_TABLE} USING fts5(grams, content='', detail=none)`;
const FTS4 = `CREATE VIRTUAL TABLE ${SEARCH_INDEX_TABLE} USING fts4(content='', grams)`;

/** Whether this SQLite build has FTS5. */
export function hasFts5(db: SqlDriver): boolean {
  try {
    db.exec('CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x); DROP TABLE temp.fts5_probe;');
    return true;
  } catch {
    return false;
  }
}

/** The lengths of the grams indexed, in code points. */
export const GRAM_LENGTHS = [3, 5] as const;
/** The settings key naming which grams the index holds (an index of other grams is rebuilt). */
const INDEX_GRAMS = 'search_index_grams';
const GRAMS_HELD = GRAM_LENGTHS.join(',');

/**
 * Creates the index table if it is missing, or replaces it (to be rebuilt by the next search)
 * when it is FTS4 on a build that has FTS5, or holds other grams (a file from an earlier version).
 */
export function ensureSearchIndex(store: Store): void {
  const existing = store.db.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [SEARCH_INDEX_TABLE]);
  if (existing && (/fts5/i.test(existing.sql) || !hasFts5(store.db)) && store.setting(INDEX_GRAMS) === GRAMS_HELD) return;
  // Missing (a new file) or an older kind: start empty, with counts and mark to match.
  resetSearchIndex(store);
}

/** A search's tokens as an index query: every token, quoted, all required. */
export const matchQuery = (tokens: readonly string[]) => tokens.map((t) => `"${t}"`).join(' ');

const hex2 = (b: number) => (b < 16 ? '0' : '') + b.toString(16);
/** One code point's UTF-8 bytes as hex. */
const hexOf = (ch: string): string => {
  const c = ch.codePointAt(0)!;
  if (c < 0x80) return hex2(c);
  if (c < 0x800) return hex2(0xc0 | (c >> 6)) + hex2(0x80 | (c & 63));
  if (c < 0x10000) return hex2(0xe0 | (c >> 12)) + hex2(0x80 | ((c >> 6) & 63)) + hex2(0x80 | (c & 63));
  return hex2(0xf0 | (c >> 18)) + hex2(0x80 | ((c >> 12) & 63)) + hex2(0x80 | ((c >> 6) & 63)) + hex2(0x80 | (c & 63));
};

/** A gram of a query: its index token, where it first starts and how long it is (in code points). */
export interface QueryGram {
  gram: string;
  at: number;
  length: number;
}

/** The distinct grams of folded text, each with where it first starts; none in text under three characters. */
export function queryTokens(folded: string): QueryGram[] {
  // Each code point's UTF-8 as hex, once: a gram's token is theirs joined.
  const hex = Array.from(folded, hexOf);
  const seen = new Map<string, QueryGram>();
  for (const length of GRAM_LENGTHS) {
    for (let at = 0; at + length <= hex.length; at++) {
      let gram = hex[at]!;
      for (let k = 1; k < length; k++) gram += hex[at + k]!;
      if (!seen.has(gram)) seen.set(gram, { gram, at, length });
    }
  }
  return [...seen.values()];
}

/** The distinct grams of folded text, as index tokens. */
export const gramTokens = (folded: string): string[] => queryTokens(folded).map((g) => g.gram);

/** The settings key holding the last study rowid already in the index. */
export const INDEXED_UP_TO = 'search_indexed_rowid';
const BATCH = 20_000;

/**
 * Indexes the studies written since the last call, in batches of one transaction each (index rows,
 * counts and the high-water mark together). Studies are append-only and their rowids only grow,
 * so "rowid above the mark" is exactly what is missing. Writing a study therefore costs no index
 * work (an FTS4 commit per study would cost more than the study); the first search that needs the
 * index pays for the batch instead.
 */
export function catchUpSearchIndex(store: Store): void {
  for (;;) {
    const more = store.tx(() => {
      const from = Number(store.setting(INDEXED_UP_TO) ?? 0);
      const rows = store.db.all<{ rid: number | bigint; search_text: string }>(
        'SELECT rowid AS rid, search_text FROM studies WHERE rowid > ? ORDER BY rowid LIMIT ?',
        [from, BATCH],
      );
      if (!rows.length) return false;
      const counts = new Map<string, number>();
      for (const r of rows) {
        const grams = gramTokens(r.search_text);
        store.db.run(`INSERT INTO ${SEARCH_INDEX_TABLE} (rowid, grams) VALUES (CAST(? AS INTEGER), ?)`, [r.rid, grams.join(' ')]);
        for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
      }
      for (const [gram, n] of counts) {
        store.db.run(
          `INSERT INTO study_gram_counts (gram, documents) VALUES (?, ?)
           ON CONFLICT (gram) DO UPDATE SET documents = documents + excluded.documents`,
          [gram, n],
        );
      }
      store.setSetting(INDEXED_UP_TO, String(rows.at(-1)!.rid));
      return rows.length === BATCH;
    });
    if (!more) return;
  }
}

/** Empties the index; the next search that needs it rebuilds it (after a VACUUM, which may renumber rowids). */
export function resetSearchIndex(store: Store): void {
  const fts5 = hasFts5(store.db);
  // One transaction: a crash leaves either the old index with its counts and mark, or the new one.
  store.tx(() => {
    store.db.exec(`DROP TABLE IF EXISTS ${SEARCH_INDEX_TABLE}; DELETE FROM study_gram_counts;`);
    store.db.exec(fts5 ? FTS5 : FTS4);
    store.setSetting(INDEXED_UP_TO, '0');
    store.setSetting(INDEX_GRAMS, GRAMS_HELD);
  });
}
