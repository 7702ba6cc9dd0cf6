import { SignJWT, jwtVerify } from 'jose';
import { unauthenticated } from './errors.js';
import type { Scope } from './types.js';

/** Widget tokens are HS256 JWTs with a pinned algorithm, audience and issuer. */
const ALG = 'HS256';
const AUDIENCE = 'avara-widget';
const ISSUER = 'avara-reference-api';

export const ALL_SCOPES: readonly Scope[] = ['studies:read', 'customers:read', 'viewer:open', 'customers:manage'];
export const DEFAULT_SCOPES: readonly Scope[] = ['studies:read', 'customers:read', 'viewer:open'];
export const DEFAULT_TTL_SECONDS = 900;
export const MAX_TTL_SECONDS = 3600;

export interface WidgetClaims {
  userId: string;
  accountId: string;
  scopes: Scope[];
  customerIds: string[] | null;
  /** Seconds since the epoch. */
  exp: number;
}

/** The HMAC key, imported once per secret: importing it on every request costs more than verifying. */
const keys = new Map<string, Promise<CryptoKey>>();
const keyFrom = (secretHex: string): Promise<CryptoKey> => {
  let key = keys.get(secretHex);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secretHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secretHex, key);
  }
  return key;
};

export async function signWidgetToken(
  secretHex: string,
  claims: Omit<WidgetClaims, 'exp'>,
  ttlSeconds: number,
  nowMs: number,
): Promise<{ token: string; exp: number }> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const payload: Record<string, unknown> = { acct: claims.accountId, scope: claims.scopes.join(' ') };
  if (claims.customerIds) payload.cus = claims.customerIds;
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.userId)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID())
    .sign(await keyFrom(secretHex));
  return { token, exp };
}

/**
 * Tokens already verified under a secret, with their claims. Verifying again would give the same
 * claims (the signature and claims cannot change), so only the expiry is checked again; the
 * user, their role and memberships are still read from the database on every request.
 */
const verified = new Map<string, WidgetClaims>();
const VERIFIED_MAX = 10_000;
const expiredError = () => unauthenticated('token_expired', 'The widget token has expired. Fetch a new one.');

export async function verifyWidgetToken(secretHex: string, token: string, nowMs: number): Promise<WidgetClaims> {
  const cacheKey = `${secretHex}:${token}`;
  const known = verified.get(cacheKey);
  if (known) {
    // The same test as jose's: expired once exp <= now, in whole seconds.
    if (known.exp > Math.floor(nowMs / 1000)) return known;
    throw expiredError();
  }
  const claims = await verifyUncached(secretHex, token, nowMs);
  if (verified.size >= VERIFIED_MAX) verified.clear();
  verified.set(cacheKey, claims);
  return claims;
}

async function verifyUncached(secretHex: string, token: string, nowMs: number): Promise<WidgetClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await keyFrom(secretHex), {
      algorithms: [ALG],
      audience: AUDIENCE,
      issuer: ISSUER,
      currentDate: new Date(nowMs),
      requiredClaims: ['sub', 'exp', 'iat'],
    }));
  } catch (e) {
    const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw expired ? expiredError() : unauthenticated('invalid_token', 'The widget token is not valid.');
  }
  const scopes = typeof payload.scope === 'string' ? (payload.scope.split(' ') as Scope[]) : [];
  const cus = payload.cus;
  if (
    typeof payload.acct !== 'string' ||
    !scopes.every((s) => ALL_SCOPES.includes(s)) ||
    (cus !== undefined && !(Array.isArray(cus) && cus.every((c) => typeof c === 'string')))
  ) {
    throw unauthenticated('invalid_token', 'The widget token is not valid.');
  }
  return {
    userId: payload.sub!,
    accountId: payload.acct,
    scopes,
    customerIds: (cus as string[] | undefined) ?? null,
    exp: payload.exp!,
  };
}
