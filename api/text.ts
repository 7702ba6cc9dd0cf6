/**
 * Case folding for search: full Unicode folding (ß → ss, Σ/ς → σ, ligatures split), which
 * SQLite's LIKE does not do (it folds ASCII only). Text is folded once when a row is written
 * and the query is folded the same way, so both drivers match byte for byte. toLowerCase writes
 * a capital sigma at the end of a word as final ς, so "ΟΔΥΣ" would become "οδυς" and miss
 * "ΟΔΥΣΣΕΥΣ": every sigma is folded to σ instead.
 */
export function fold(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(/ς/g, 'σ');
}

/** A DICOM person name ("Family^Given^Middle^Prefix^Suffix") as words, for searching. */
export function dicomNameWords(name: string): string {
  return name.replace(/[\^=]+/g, ' ').trim();
}
