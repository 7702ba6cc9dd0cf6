import { invalid } from './errors.js';
import { isId, type IdPrefix } from './ids.js';

/** Query and body validation: every failure is a 400 naming the offending parameter. */

/** Each id's name with its article ("a user", "an account"). */
const ID_NAMES: Record<IdPrefix, string> = {
  acct: 'an account',
  cus: 'an Express customer',
  usr: 'a user',
  std: 'a study',
  ins: 'an instance',
};

export function requireId(prefix: IdPrefix, value: unknown, param: string): string {
  if (!isId(prefix, value)) {
    throw invalid(
      'invalid_id',
      `"${param}" must be ${ID_NAMES[prefix]} id: "${prefix}_" followed by 32 lowercase hex characters.`,
      param,
    );
  }
  return value;
}

/** A real calendar date written YYYY-MM-DD (2024-02-30 is refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function requireDate(value: unknown, param: string): string {
  if (!isCalendarDate(value)) {
    throw invalid('invalid_date', `"${param}" must be a calendar date written YYYY-MM-DD.`, param);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], param: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalid(
      'invalid_enum',
      `"${param}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`,
      param,
    );
  }
  return value as T;
}

export function parseLimit(value: string | undefined): number {
  if (value === undefined) return 25;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw invalid('invalid_limit', '"limit" must be a whole number from 1 to 100.', 'limit');
  }
  return Number(value);
}

/** Refuses query parameters an endpoint does not know, so a typo never silently widens a list. */
export function onlyKnownParams(query: Record<string, string>, known: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!known.includes(key)) {
      throw invalid('unknown_parameter', `Unknown query parameter "${key}". Known: ${known.join(', ')}.`, key);
    }
  }
}

/** Opaque cursors: base64url of a JSON value, bound to what the list was sorted by. */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): unknown {
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    throw invalid('invalid_cursor', '"cursor" is not a cursor this list returned.', 'cursor');
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text that SQLite can store and return byte for byte: no lone surrogate, no NUL. */
export const isStorableText = (s: string): boolean => !LONE_SURROGATE.test(s) && !s.includes('\u0000');

/** Length in Unicode code points, which is what a person counts as characters. */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * A string field: any well-formed Unicode, stored and returned unchanged (no trimming or
 * normalisation). Lone surrogates cannot be stored as UTF-8 and NUL is not text: both are a 400,
 * never silently altered.
 */
export function requireString(
  value: unknown,
  param: string,
  { max = 256, allowEmpty = false }: { max?: number; allowEmpty?: boolean } = {},
): string {
  if (typeof value !== 'string') throw invalid('invalid_string', `"${param}" must be a string.`, param);
  if (!allowEmpty && !value.trim()) throw invalid('invalid_string', `"${param}" must not be empty.`, param);
  if (!isStorableText(value)) {
    throw invalid('invalid_string', `"${param}" must be well-formed Unicode text without NUL characters.`, param);
  }
  if (codePoints(value) > max) throw invalid('string_too_long', `"${param}" must be at most ${max} characters.`, param);
  return value;
}

/** The fields of an optional nested object, refusing keys it does not know. */
export function requireObject(value: unknown, param: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('invalid_object', `"${param}" must be a JSON object.`, param);
  }
  return value as Record<string, unknown>;
}

/** Metadata limits, as Stripe has them. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

/**
 * Validates a metadata object: string keys and string values. A value of "" means "remove this
 * key" (on create it simply sets nothing). Returns the cleaned changes; the caller merges them.
 */
export function requireMetadata(value: unknown, param = 'metadata'): Record<string, string> {
  const m = requireObject(value, param);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(m)) {
    if (!key.trim()) throw invalid('invalid_metadata', `Metadata keys must not be empty.`, param);
    if (!isStorableText(key)) {
      throw invalid('invalid_metadata', `Metadata key "${key}" must be well-formed Unicode text.`, param);
    }
    if (codePoints(key) > METADATA_LIMITS.keyLength) {
      throw invalid(
        'metadata_key_too_long',
        `Metadata key "${key.slice(0, 60)}" is longer than ${METADATA_LIMITS.keyLength} characters.`,
        param,
      );
    }
    if (typeof v !== 'string') {
      throw invalid('invalid_metadata', `Metadata value of "${key}" must be a string (use "" to remove the key).`, param);
    }
    if (!isStorableText(v)) {
      throw invalid('invalid_metadata', `Metadata value of "${key}" must be well-formed Unicode text.`, param);
    }
    if (codePoints(v) > METADATA_LIMITS.valueLength) {
      throw invalid(
        'metadata_value_too_long',
        `Metadata value of "${key}" is longer than ${METADATA_LIMITS.valueLength} characters.`,
        param,
      );
    }
    out[key] = v;
  }
  return out;
}

/** Merges metadata changes key by key ("" removes a key) and enforces the key count. */
export function mergeMetadata(current: Record<string, string>, changes: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === '') delete merged[k];
    else merged[k] = v;
  }
  if (Object.keys(merged).length > METADATA_LIMITS.keys) {
    throw invalid('too_many_metadata_keys', `Metadata can hold at most ${METADATA_LIMITS.keys} keys.`, 'metadata');
  }
  return merged;
}
