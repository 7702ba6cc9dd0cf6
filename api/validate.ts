import { invalid } from './errors.js';
import { isId, type IdPrefix } from './ids.js';

/** Query and body validation: every failure is a 400 naming the offending parameter. */

const ID_NAMES: Record<IdPrefix, string> = {
  acct: 'account',
  cus: 'Express customer',
  usr: 'user',
  std: 'study',
  ins: 'instance',
};

export function requireId(prefix: IdPrefix, value: unknown, param: string): string {
  if (!isId(prefix, value)) {
    throw invalid(
      'invalid_id',
      `"${param}" must be a ${ID_NAMES[prefix]} id: "${prefix}_" followed by 32 lowercase hex characters.`,
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
