/**
 * Formats a DICOM person name (PN) for reading: "Family^Given^Middle^Prefix^Suffix" becomes
 * "Family, Prefix Given Middle, Suffix". Empty components leave no stray commas or spaces. A
 * name with several representations ("alphabetic=ideographic=phonetic") shows the first that
 * is not empty. A name without carets is not DICOM-encoded and is returned as written, even if it
 * holds '=' or other DICOM delimiters.
 */
export function formatPersonName(raw: string | null | undefined): string {
  if (!raw) return '';
  if (!raw.includes('^')) return raw.trim();
  const group = raw.split('=').find((g) => g.replace(/\^/g, '').trim() !== '') ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = group.split('^').map((c) => c.trim());
  const forenames = [prefix, given, middle].filter(Boolean).join(' ');
  return [[family, forenames].filter(Boolean).join(', '), suffix].filter(Boolean).join(', ');
}
