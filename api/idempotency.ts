import type { Context, MiddlewareHandler } from 'hono';
import type { Caller } from './auth.js';
import type { AppEnv } from './env.js';
import { ApiError, conflict, invalid } from './errors.js';
import { callerOf } from './http.js';
import type { Store } from './store.js';

/**
 * `Idempotency-Key` on authenticated POSTs, as Stripe has it. Partners' backends retry when a
 * request times out; with the same key and the same request, the retry answers the first
 * response again (same status, same body) instead of creating a second customer or study.
 *
 * - The key is remembered for 24 hours per account (and per widget-token user).
 * - The same key with a different request (method, path, query or body bytes) is a 409
 *   `idempotency_key_reused`; the same key while the first request still runs is a 409
 *   `idempotency_key_in_use` (retry shortly).
 * - Every answer below 500 is remembered, errors included. A 5xx is not: the retry runs again.
 *   Requests refused before they run (401, 403 on the credential) are not remembered either.
 * - No credential is ever stored (see `Credentials`).
 */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const KEY_FORM = /^[\x21-\x7e]{1,255}$/;

interface Remembered {
  fingerprint: string;
  status: number | null;
  body: string | null;
}

/** Claims a key for a request; returns what was remembered if the key was already used. */
export function claimKey(store: Store, scope: string, key: string, fingerprint: string, nowMs: number): Remembered | undefined {
  return store.tx(() => {
    store.db.run('DELETE FROM idempotency_keys WHERE created_ms <= ?', [nowMs - IDEMPOTENCY_WINDOW_MS]);
    const found = store.db.get<Remembered>(
      'SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = ? AND key = ?',
      [scope, key],
    );
    if (found) return found;
    store.db.run('INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, created_ms) VALUES (?, ?, ?, NULL, NULL, ?)', [
      scope,
      key,
      fingerprint,
      nowMs,
    ]);
    return undefined;
  });
}

export function rememberResponse(store: Store, scope: string, key: string, status: number, body: string): void {
  store.db.run('UPDATE idempotency_keys SET status = ?, body = ? WHERE scope = ? AND key = ?', [status, body, scope, key]);
}

export function releaseKey(store: Store, scope: string, key: string): void {
  store.db.run('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status IS NULL', [scope, key]);
}

const scopeOf = (who: Caller) => (who.kind === 'secret' ? `${who.accountId}:key` : `${who.accountId}:${who.user.userId}`);

async function fingerprintOf(c: Context<AppEnv>, body: Uint8Array): Promise<string> {
  const url = new URL(c.req.url);
  const head = new TextEncoder().encode(`${c.req.method} ${url.pathname}${url.search}\n`);
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  const digest = await crypto.subtle.digest('SHA-256', all);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * How a path's answer carries a credential, which is never written to the database:
 * - `'forget'`: the answer is not remembered at all (a widget token: minting again has no other
 *   effect, and a remembered token could have expired by the retry);
 * - `{ field, replay }`: the answer is remembered with `field` set to null, and a replay answers
 *   what `replay` makes of it (an invitation: a new token for the same pending invitation).
 */
export type Credentials =
  | 'forget'
  | { field: string; replay: (store: Store, accountId: string, answer: Record<string, unknown>) => Promise<Record<string, unknown>> };

/**
 * The middleware. `isPublic` names paths that take no credential (they ignore the header);
 * `maxBody` bounds what is read to compare bodies (the route's own limit).
 */
export function idempotency(o: {
  isPublic: (path: string) => boolean;
  maxBody: (method: string, path: string) => number;
  credentials?: (path: string) => Credentials | undefined;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined || o.isPublic(c.req.path)) return next();
    if (!KEY_FORM.test(key)) {
      throw invalid(
        'invalid_idempotency_key',
        'The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).',
        'Idempotency-Key',
      );
    }
    const who = await callerOf(c);
    const { store, clock } = c.get('deps');
    const body = await readCapped(c, o.maxBody(c.req.method, c.req.path));
    const fingerprint = await fingerprintOf(c, body);
    const scope = scopeOf(who);
    const credentials = o.credentials?.(c.req.path);
    const found = claimKey(store, scope, key, fingerprint, clock());
    if (found) {
      if (found.fingerprint !== fingerprint) {
        throw conflict(
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request in the last 24 hours. Use a new key for a new request.',
          'Idempotency-Key',
        );
      }
      if (found.status === null) {
        throw conflict(
          'idempotency_key_in_use',
          'A request with this Idempotency-Key is still being processed. Retry in a moment.',
          'Idempotency-Key',
        );
      }
      let replayed = found.body;
      if (typeof credentials === 'object' && found.body) {
        const answer = JSON.parse(found.body) as Record<string, unknown>;
        if (credentials.field in answer) replayed = JSON.stringify(await credentials.replay(store, who.accountId, answer));
      }
      return new Response(replayed, {
        status: found.status,
        headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
      });
    }
    let remembered = false;
    try {
      await next();
      const res = c.res;
      if (res.status < 500 && credentials !== 'forget') {
        let text = await res.clone().text();
        if (credentials) {
          const answer = JSON.parse(text) as Record<string, unknown>;
          if (credentials.field in answer) text = JSON.stringify({ ...answer, [credentials.field]: null });
        }
        rememberResponse(store, scope, key, res.status, text);
        remembered = true;
      }
    } finally {
      if (!remembered) releaseKey(store, scope, key);
    }
  };
}

/** The body's bytes, refusing (413) a body over `max` even when it arrives in chunks. */
async function readCapped(c: Context<AppEnv>, max: number): Promise<Uint8Array> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) throw tooLarge(max);
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  // Hand the route the same bytes.
  c.req.raw = new Request(c.req.raw, { body });
  return body;
}

const tooLarge = (max: number) =>
  new ApiError(
    413,
    'invalid_request_error',
    'body_too_large',
    `The request body is larger than ${max >= 1024 * 1024 ? `${max / (1024 * 1024)} MiB` : `${max} bytes`}.`,
  );
