import type { Context } from 'hono';
import { authenticate, type Caller } from './auth.js';
import type { AppEnv } from './env.js';
import { invalid } from './errors.js';

/**
 * What routes share to read a request: the authenticated caller (once per request), JSON bodies
 * and query strings, each refusing what it does not know with a 400 naming the offender.
 */

/** The caller of this request, authenticated once and remembered on the context. */
export async function callerOf(c: Context<AppEnv>): Promise<Caller> {
  const known = c.get('caller');
  if (known) return known;
  const { store, clock } = c.get('deps');
  const who = await authenticate(store, c.req.raw, clock());
  c.set('caller', who);
  return who;
}

export type JsonObject = Record<string, unknown>;

/**
 * The request's JSON object body. `fields` lists what the endpoint accepts; anything else is a
 * 400 `unknown_parameter`, so a typo never passes silently. An empty body counts as `{}` when the
 * endpoint has no required field (`optional`).
 */
export async function jsonBody(
  c: Context<AppEnv>,
  fields: readonly string[],
  { optional = false }: { optional?: boolean } = {},
): Promise<JsonObject> {
  let text: string;
  try {
    text = UTF8.decode(await c.req.arrayBuffer());
  } catch {
    throw invalid('invalid_json', 'The request body is not valid UTF-8: send JSON encoded as UTF-8.');
  }
  if (!text.trim() && optional) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('invalid_json', 'The request body must be a JSON object.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('invalid_json', 'The request body must be a JSON object.');
  }
  // JSON.parse keeps the last of two equal keys; a proxy or log may have read the first.
  const twice = duplicateKey(text);
  if (twice !== undefined) throw invalid('duplicate_parameter', `The field "${twice}" is given twice.`, twice);
  onlyKnownFields(body as JsonObject, fields);
  return body as JsonObject;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The first key that appears twice in one object of well-formed JSON `text`, as a path
 * (`reportMetadata.sex`), or undefined.
 */
export function duplicateKey(text: string): string | undefined {
  // One entry per open object (its keys and path) or array (null keys).
  const open: { keys: Set<string> | null; path: string }[] = [];
  let expectKey = false;
  let lastKey = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = open[open.length - 1];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (expectKey && top?.keys) {
        const key = top.path + (JSON.parse(text.slice(i, j + 1)) as string);
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        lastKey = key;
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      const path = top?.keys ? `${lastKey}.` : top?.path ?? '';
      open.push({ keys: ch === '{' ? new Set() : null, path });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') open.pop();
    else if (ch === ',') expectKey = !!top?.keys;
  }
  return undefined;
}

export function onlyKnownFields(body: JsonObject, fields: readonly string[], prefix = ''): void {
  for (const key of Object.keys(body)) {
    if (!fields.includes(key)) {
      const known = fields.length ? ` Known: ${fields.join(', ')}.` : ' This endpoint takes no fields.';
      throw invalid('unknown_parameter', `Unknown field "${prefix}${key}".${known}`, `${prefix}${key}`);
    }
  }
}

/**
 * The query string as single values. Unknown parameters are a 400 `unknown_parameter` and a
 * parameter given twice is a 400 `duplicate_parameter`: a typo or an ambiguous URL never silently
 * widens or changes a list.
 */
export function readQuery(c: Context<AppEnv>, known: readonly string[]): Record<string, string> {
  // The parser below drops a pair without a name ("?=x") and keeps an escape that is not UTF-8
  // ("%ED%A0%80", "%zz") as literal text: refuse both rather than search for something else.
  const search = c.req.url.split('#')[0]!.split('?').slice(1).join('?');
  for (const pair of search.split('&')) {
    if (pair.startsWith('=')) throw invalid('unknown_parameter', 'A query parameter has no name (as in "?=x").', '');
    const [name = ''] = pair.split('=', 1);
    for (const part of [name, pair.slice(name.length + 1)]) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        throw invalid('invalid_string', `Query parameter "${name}" is not valid percent-encoded UTF-8.`, name);
      }
    }
  }
  const all = c.req.queries();
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(all)) {
    if (!known.includes(key)) {
      const list = known.length ? ` Known: ${known.join(', ')}.` : ' This endpoint takes none.';
      throw invalid('unknown_parameter', `Unknown query parameter "${key}".${list}`, key);
    }
    if (values.length > 1) throw invalid('duplicate_parameter', `Query parameter "${key}" was given more than once.`, key);
    out[key] = values[0]!;
  }
  return out;
}
