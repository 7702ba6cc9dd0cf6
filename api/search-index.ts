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
 * included, survives as one token). Its docid is the study's rowid.
 */
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

/**
 * The tokens to ask the index for, for a folded query: none under three characters (the store
 * scans instead); otherwise the first, middle and last trigram — enough to make candidates rare,
 * few enough that common trigrams do not make the lookup slow.
 */
export function queryTokens(foldedQuery: string): string[] {
  const all = trigramTokens(foldedQuery);
  if (all.length <= 3) return all;
  return [...new Set([all[0]!, all[Math.floor(all.length / 2)]!, all[all.length - 1]!])];
}
