/**
 * The trigram index behind `q` on large lists.
 *
 * `q` is an exact, case-folded substring match on each study's `search_text`; on a small list the
 * store simply scans. On a large one (a platform admin over a million studies looking for one MRN)
 * a scan reads every row, so the store also keeps an inverted index of the trigrams of
 * `search_text`: a study can contain `q` only if it contains every trigram of `q`, so the index
 * yields a small superset of candidates that the exact match then filters. Results are the same
 * with or without it; only the cost differs.
 *
 * Both SQLite builds (better-sqlite3 in Node, sql.js in the browser) have FTS4 — sql.js has no
 * FTS5 — so the index is a contentless FTS4 table whose "words" are trigrams written as hex (FTS4's
 * simple tokenizer keeps [0-9a-z] runs intact, so every trigram, punctuation and non-ASCII
 * included, survives as one token). Its docid is the study's rowid. Beside it, study_gram_counts
 * holds how many studies contain each trigram, so a search asks the index only for its rarest
 * trigrams — and not at all when even the rarest is too common to give few candidates.
 */
import type { Store } from './store.js';

export const SEARCH_INDEX_TABLE = 'study_grams';

const hexOf = (s: string): string => {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += b.toString(16).padStart(2, '0');
  return out;
};

/** The distinct trigrams (by code point) of folded text, as index tokens. */
export function trigramTokens(folded: string): string[] {
  const cps = Array.from(folded);
  const seen = new Set<string>();
  for (let i = 0; i + 3 <= cps.length; i++) seen.add(hexOf(cps[i]! + cps[i + 1]! + cps[i + 2]!));
  return [...seen];
}

/** The distinct trigram tokens of a folded query, in order; none under three characters. */
export function queryTokens(foldedQuery: string): string[] {
  return trigramTokens(foldedQuery);
}

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
        const grams = trigramTokens(r.search_text);
        store.db.run(`INSERT INTO ${SEARCH_INDEX_TABLE} (docid, grams) VALUES (CAST(? AS INTEGER), ?)`, [r.rid, grams.join(' ')]);
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
  store.db.exec(
    `DROP TABLE IF EXISTS ${SEARCH_INDEX_TABLE}; CREATE VIRTUAL TABLE ${SEARCH_INDEX_TABLE} USING fts4(content='', grams);
     DELETE FROM study_gram_counts;`,
  );
  store.setSetting(INDEXED_UP_TO, '0');
}
