import { AvaraApiError } from './errors.js';

/**
 * The host's token callback. Resolve to the widget token string; the whole answer of
 * `POST /v1/widget-tokens` (an object with a string `token`) is accepted too.
 */
export type FetchToken = () => Promise<string | { token: string }> | string | { token: string };

/** Time, injectable so tests can move it. Defaults to `Date.now` and the global timers. */
export interface TokenClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface TokenManagerOptions {
  /** Refresh at most this many seconds before `exp` (less for short-lived tokens). Default 30. */
  leewaySeconds?: number;
  /** A `fetchToken` that has not settled after this long counts as failed. Default 30 000 ms. */
  refreshTimeoutMs?: number;
  clock?: TokenClock;
  onRefreshed?: (expiresAt: string | null) => void;
  onAuthError?: (error: AvaraApiError) => void;
}

const systemClock: TokenClock = {
  now: () => Date.now(), // read at each call, so a test (or a page) that replaces Date.now is followed
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days). */
const MAX_DELAY = 2 ** 31 - 1;

/** Reads `exp` (seconds) from a JWT-shaped token, trusting nothing else in it. */
export function tokenExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** A token with the number of the hand-over it came from (a new token, even an equal string, is a new generation). */
export interface TokenLease {
  token: string;
  generation: number;
}

const authError = (code: string, message: string) => new AvaraApiError(401, 'authentication_error', code, message);

/**
 * What `fetchToken` resolved to, as a token that can travel in an `Authorization` header, or an
 * error that says what was wrong with it.
 */
function tokenFrom(value: unknown): string | AvaraApiError {
  const raw =
    typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string'
      ? (value as { token: string }).token
      : value;
  const token = typeof raw === 'string' ? raw.trim() : '';
  if (!token || token === 'undefined' || token === 'null' || !/^[\x21-\x7e]+$/.test(token)) {
    const described = typeof raw !== 'string' ? (raw === null ? 'null' : typeof raw) : token ? 'a string that is not a widget token' : 'an empty string';
    return authError(
      'invalid_fetch_token_result',
      `fetchToken resolved to ${described}; resolve to the "token" of POST /v1/widget-tokens (or that whole answer).`,
    );
  }
  return token;
}

/**
 * Owns the widget token of one provider (or one standalone element). It asks the host's
 * `fetchToken` at start, shortly before `exp`, and once after a 401 that used the current token,
 * with at most one refresh in flight however many elements ask at once.
 *
 * It never trusts the token beyond reading `exp`: a token without one is used until the API
 * refuses it. A token that already looks expired when `fetchToken` hands it over (a skewed local
 * clock) is used as well, and the API's answer decides; so a wrong clock cannot cause a loop of
 * refreshes.
 */
export class TokenManager {
  #token = '';
  /** Local time (ms) from which the current token counts as due for a refresh. */
  #refreshAt = Infinity;
  #hostToken: string | undefined;
  #fetchToken: FetchToken | undefined;
  #listeners = new Set<(token: string) => void>();
  #inflight: Promise<TokenLease> | undefined;
  #generation = 0;
  #timer: unknown;
  #active = true;
  /** The token the API last refused (or '' when fetchToken failed), until a new one arrives. */
  #refused: string | undefined;
  #options: TokenManagerOptions;
  #clock: TokenClock;
  /**
   * How many failures have ended: a new token after a refused one or a failed fetchToken, or a
   * new fetchToken. A client made before the last one is replaced, so whatever shows the failure
   * asks again.
   */
  recoveries = 0;

  constructor(options: TokenManagerOptions = {}) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** The token requests are sent with now ('' when there is none yet). */
  get current(): string {
    return this.#token;
  }

  get canRefresh(): boolean {
    return this.#fetchToken !== undefined;
  }

  /** True after the API refused the current token or fetchToken failed, until a new token arrives. */
  get failed(): boolean {
    return this.#refused !== undefined;
  }

  /** A token given by the host (the `token` attribute or property). Setting the same one again does nothing. */
  setToken(token: string): void {
    token ??= '';
    if (token === this.#hostToken) return;
    this.#hostToken = token;
    this.#accept(token, true);
  }

  setFetchToken(fetchToken: FetchToken | undefined): void {
    if (fetchToken === this.#fetchToken) return;
    this.#fetchToken = typeof fetchToken === 'function' ? fetchToken : undefined;
    if (this.#fetchToken) this.#recover();
    this.#schedule();
  }

  /** A token to send now: the current one, or a fresh one when it is missing or due. */
  async getToken(): Promise<string> {
    return (await this.lease()).token;
  }

  /** Like `getToken`, with the generation to hand back to `refreshLease` after a 401. */
  async lease(): Promise<TokenLease> {
    if (this.#fresh()) return this.#lease();
    if (this.#fetchToken) {
      try {
        return await this.refreshLease();
      } catch (e) {
        // A failed early refresh leaves a token that still works until `exp`: use it.
        const exp = tokenExpiry(this.#token);
        if (this.#token && !(exp! * 1000 <= this.#clock.now())) return this.#lease();
        throw e;
      }
    }
    if (this.#token) return this.#lease(); // no way to refresh: let the API decide
    throw authError('missing_token', 'No widget token was given: set the `token` property or a `fetchToken` callback.');
  }

  /**
   * Fetches a new token, single-flight. Pass the token a request failed with: when it is no
   * longer the current one, another caller has already refreshed and the current token is
   * returned without a call.
   */
  async refresh(failedToken?: string): Promise<string> {
    return (await this.refreshLease(failedToken)).token;
  }

  /**
   * `refresh` by lease: a request that failed with an older generation than the current one
   * gets the current token without a call, even when `fetchToken` handed over the same string.
   */
  refreshLease(failed?: string | TokenLease): Promise<TokenLease> {
    const stale = failed !== undefined && (typeof failed === 'string' ? failed !== this.#token : failed.generation !== this.#generation);
    if (stale && this.#fresh()) return Promise.resolve(this.#lease());
    const fetchToken = this.#fetchToken;
    if (this.#inflight) return this.#inflight;
    if (!fetchToken) return Promise.reject(authError('token_expired', 'The widget token expired or was refused, and no fetchToken was given.'));
    const clock = this.#clock;
    const ms = this.#options.refreshTimeoutMs ?? 30_000;
    let timer: unknown;
    const inflight: Promise<TokenLease> = Promise.race([
      Promise.resolve().then(fetchToken),
      new Promise<never>((_, reject) => {
        timer = clock.setTimeout(() => reject(authError('token_refresh_timeout', `fetchToken did not settle within ${ms} ms.`)), ms);
      }),
    ])
      .then(
        (value) => {
          const result = tokenFrom(value);
          if (result instanceof AvaraApiError) throw result;
          this.#accept(result);
          const exp = tokenExpiry(result);
          this.#options.onRefreshed?.(exp === undefined ? null : new Date(exp * 1000).toISOString());
          return this.#lease();
        },
      )
      .catch((e: unknown) => {
        const error =
          e instanceof AvaraApiError ? e : authError('token_refresh_failed', `fetchToken failed: ${e instanceof Error ? e.message : String(e)}`);
        this.#refused ??= '';
        this.#options.onAuthError?.(error);
        throw error;
      })
      .finally(() => {
        clock.clearTimeout(timer);
        if (this.#inflight === inflight) this.#inflight = undefined;
      });
    return (this.#inflight = inflight);
  }

  /**
   * The API refused `token` (a 401 after any refresh). Reported once per token, however many
   * requests were refused with it.
   */
  refusedBy(token: string, error: AvaraApiError): void {
    if (token !== this.#token || this.#refused === token) return;
    this.#refused = token;
    this.#clock.clearTimeout(this.#timer);
    this.#options.onAuthError?.(error);
  }

  /** Stops the refresh timer (when the owning element leaves the page). */
  dispose(): void {
    this.#active = false;
    this.#schedule();
  }

  /** Resumes the refresh timer (when the owning element comes back). */
  resume(): void {
    this.#active = true;
    this.#schedule();
  }

  /**
   * Calls `listener` with each new current token, whether the host set it or `fetchToken`
   * brought it: for parts that hand the token on themselves, such as the viewer frame's
   * `postMessage`, and for the elements that start again once a failure is over
   * (`recoveries`). Returns a function that removes the listener.
   */
  onTokenChange(listener: (token: string) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** There is a token and it is not due for a refresh. */
  #fresh(): boolean {
    return !!this.#token && this.#clock.now() < this.#refreshAt;
  }

  #recover(): void {
    if (this.failed) this.recoveries++;
    this.#refused = undefined;
  }

  #lease(): TokenLease {
    return { token: this.#token, generation: this.#generation };
  }

  #accept(token: string, fromHost?: boolean): void {
    const previous = this.#token;
    const exp = tokenExpiry(token);
    const now = this.#clock.now();
    const life = exp! * 1000 - now;
    this.#token = token;
    this.#generation++;
    this.#recover();
    this.#refreshAt =
      exp === undefined
        ? Infinity
        : life > 0
          ? exp * 1000 - Math.min((this.#options.leewaySeconds ?? 30) * 1000, life / 4)
          : // Already expired: a host's stale token is replaced at first use; a fresh one from
            // fetchToken means the local clock is off, so the API decides (see the class comment).
            fromHost
            ? now
            : Infinity;
    this.#schedule();
    if (token !== previous) {
      for (const listener of [...this.#listeners]) {
        try {
          listener(token);
        } catch (e) {
          console.error(e);
        }
      }
    }
  }

  #schedule(): void {
    const clock = this.#clock;
    clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    // Called at start: with a fetchToken and no token yet, fetch one now.
    const at = this.#token ? this.#refreshAt : this.#refused === undefined ? clock.now() : Infinity;
    if (!this.#active || !this.#fetchToken || at === Infinity) return;
    this.#timer = clock.setTimeout(
      () => {
        this.#timer = undefined;
        // A request may have refreshed meanwhile, or the timer fired early: only refresh when due.
        if (this.#fresh()) this.#schedule();
        else if (this.#token || this.#refused === undefined) this.refresh(this.#token || undefined).catch(() => {});
      },
      Math.min(MAX_DELAY, Math.max(0, at - clock.now())),
    );
  }
}
