/**
 * Case folding for search: full Unicode folding (ß → ss, Σ/ς → σ, ligatures split), which
 * SQLite's LIKE does not do (it folds ASCII only). Text is folded once when a row is written
 * and the query is folded the same way, so both drivers match byte for byte.
 */
export function fold(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase();
}

/** A DICOM person name ("Family^Given^Middle^Prefix^Suffix") as words, for searching. */
export function dicomNameWords(name: string): string {
  return name.replace(/[\^=]+/g, ' ').trim();
}
