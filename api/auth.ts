import { forbidden, unauthenticated } from './errors.js';
import { sha256Hex } from './ids.js';
import type { Store } from './store.js';
import { verifyWidgetToken } from './tokens.js';
import type { Scope, User } from './types.js';

/** Who is calling: the account's secret key (server to server) or a user's widget token. */
export type Caller =
  | { kind: 'secret'; accountId: string }
  | { kind: 'widget'; accountId: string; user: User; scopes: Scope[]; customerIds: string[] | null; exp: number };

export const SECRET_KEY_PREFIX = 'sk_test_';

/**
 * Reads the bearer credential of a request. The token's user is looked up on every request, so
 * an account or user that no longer exists is refused at once.
 */
export async function authenticate(store: Store, req: Request, nowMs: number): Promise<Caller> {
  const header = req.headers.get('authorization');
  const match = header?.match(/^Bearer ([^\s]+)$/);
  if (!match) {
    throw unauthenticated(
      'missing_credentials',
      'Send a secret key or a widget token as "Authorization: Bearer <credential>".',
    );
  }
  const credential = match[1]!;
  if (credential.startsWith(SECRET_KEY_PREFIX)) {
    const accountId = store.accountForKey(await keyHash(credential));
    if (!accountId) throw unauthenticated('invalid_api_key', 'The secret API key is not valid.');
    // Browsers send Origin on cross-origin requests and Sec-Fetch-Site on every request, same-origin
    // GETs included; server-side clients send neither (Node's fetch sends Sec-Fetch-Mode only).
    if (req.headers.has('origin') || req.headers.has('sec-fetch-site')) {
      throw forbidden(
        'secret_key_in_browser',
        'A secret API key was sent from a browser. Keep it on your server and give the page a widget token.',
      );
    }
    return { kind: 'secret', accountId };
  }
  const claims = await verifyWidgetToken(store.setting('token_secret')!, credential, nowMs);
  const user = store.getUser(claims.accountId, claims.userId);
  if (!user || user.status !== 'active') throw unauthenticated('invalid_token', 'The widget token is not valid.');
  return { kind: 'widget', accountId: claims.accountId, user, scopes: claims.scopes, customerIds: claims.customerIds, exp: claims.exp };
}

/** SHA-256 of secret keys already seen (hashing is pure; WebCrypto's async call costs more than the query). */
const hashes = new Map<string, string>();
async function keyHash(secretKey: string): Promise<string> {
  let hash = hashes.get(secretKey);
  if (hash === undefined) {
    hash = await sha256Hex(secretKey);
    if (hashes.size >= 1000) hashes.clear();
    hashes.set(secretKey, hash);
  }
  return hash;
}

export function requireScope(caller: Caller, scope: Scope): void {
  if (caller.kind === 'widget' && !caller.scopes.includes(scope)) {
    throw forbidden('missing_scope', `This widget token lacks the "${scope}" scope.`);
  }
}

export function requireSecretKey(caller: Caller): asserts caller is Extract<Caller, { kind: 'secret' }> {
  if (caller.kind !== 'secret') {
    throw forbidden('secret_key_required', 'This endpoint needs the secret API key; widget tokens cannot call it.');
  }
}
