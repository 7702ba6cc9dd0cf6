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
  now: () => Date.now(),
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
  if (typeof raw !== 'string') {
    const described = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object without a string "token"' : typeof raw;
    return authError('invalid_fetch_token_result', `fetchToken must resolve to the widget token string; it resolved to ${described}.`);
  }
  const token = raw.trim();
  if (!token || token === 'undefined' || token === 'null' || !/^[\x21-\x7e]+$/.test(token)) {
    return authError(
      'invalid_fetch_token_result',
      `fetchToken resolved to ${token ? 'a string that is not a widget token' : 'an empty string'}; resolve to the "token" of POST /v1/widget-tokens.`,
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
  private token = '';
  /** Local time (ms) from which the current token counts as due for a refresh. */
  private refreshAt = Number.POSITIVE_INFINITY;
  private hostToken: string | undefined;
  private fetchToken: FetchToken | undefined;
  private readonly listeners = new Set<(token: string) => void>();
  private inflight: Promise<TokenLease> | undefined;
  private generation = 0;
  private timer: unknown;
  private active = true;
  /** The token the API last refused (or '' when fetchToken failed), until a new one arrives. */
  private refused: string | undefined;
  private readonly leewayMs: number;
  private readonly timeoutMs: number;
  private readonly clock: TokenClock;

  constructor(private readonly options: TokenManagerOptions = {}) {
    this.leewayMs = (options.leewaySeconds ?? 30) * 1000;
    this.timeoutMs = options.refreshTimeoutMs ?? 30_000;
    this.clock = options.clock ?? systemClock;
  }

  /** The token requests are sent with now ('' when there is none yet). */
  get current(): string {
    return this.token;
  }

  get canRefresh(): boolean {
    return this.fetchToken !== undefined;
  }

  /** True after the API refused the current token or fetchToken failed, until a new token arrives. */
  get failed(): boolean {
    return this.refused !== undefined;
  }

  /** A token given by the host (the `token` attribute or property). Setting the same one again does nothing. */
  setToken(token: string): void {
    token = token ?? '';
    if (token === this.hostToken) return;
    this.hostToken = token;
    this.accept(token, 'host');
  }

  setFetchToken(fetchToken: FetchToken | undefined): void {
    if (fetchToken === this.fetchToken) return;
    this.fetchToken = typeof fetchToken === 'function' ? fetchToken : undefined;
    if (this.fetchToken && this.refused !== undefined) this.refused = undefined;
    this.schedule();
  }

  /** A token to send now: the current one, or a fresh one when it is missing or due. */
  async getToken(): Promise<string> {
    return (await this.lease()).token;
  }

  /** Like `getToken`, with the generation to hand back to `refreshLease` after a 401. */
  async lease(): Promise<TokenLease> {
    if (this.token && this.clock.now() < this.refreshAt) return this.currentLease();
    if (this.fetchToken) {
      try {
        return await this.refreshLease();
      } catch (e) {
        // A failed early refresh leaves a token that still works until `exp`: use it.
        if (this.token && !this.expired(this.token)) return this.currentLease();
        throw e;
      }
    }
    if (this.token) return this.currentLease(); // no way to refresh: let the API decide
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
    const stale =
      failed !== undefined && (typeof failed === 'string' ? failed !== this.token : failed.generation !== this.generation);
    if (stale && this.token && this.clock.now() < this.refreshAt) return Promise.resolve(this.currentLease());
    if (this.inflight) return this.inflight;
    const fetchToken = this.fetchToken;
    if (!fetchToken) {
      return Promise.reject(authError('token_expired', 'The widget token expired or was refused, and no fetchToken was given.'));
    }
    let inflight: Promise<TokenLease> | undefined = undefined;
    inflight = (async () => {
      try {
        const result = tokenFrom(await this.withTimeout(Promise.resolve().then(fetchToken)));
        if (result instanceof AvaraApiError) throw result;
        this.accept(result, 'fetch');
        const exp = tokenExpiry(result);
        this.options.onRefreshed?.(exp === undefined ? null : new Date(exp * 1000).toISOString());
        return this.currentLease();
      } catch (e) {
        const error =
          e instanceof AvaraApiError
            ? e
            : authError('token_refresh_failed', `fetchToken failed: ${e instanceof Error ? e.message : String(e)}`);
        this.refused ??= '';
        this.options.onAuthError?.(error);
        throw error;
      } finally {
        if (this.inflight === inflight) this.inflight = undefined;
      }
    })();
    this.inflight = inflight;
    return inflight;
  }

  /**
   * The API refused `token` (a 401 after any refresh). Reported once per token, however many
   * requests were refused with it.
   */
  refusedBy(token: string, error: AvaraApiError): void {
    if (token !== this.token || this.refused === token) return;
    this.refused = token;
    this.clock.clearTimeout(this.timer);
    this.options.onAuthError?.(error);
  }

  /** Stops the refresh timer (when the owning element leaves the page). */
  dispose(): void {
    this.active = false;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resumes the refresh timer (when the owning element comes back). */
  resume(): void {
    this.active = true;
    this.schedule();
  }

  /**
   * Calls `listener` with each new current token, whether the host set it or `fetchToken`
   * brought it: for parts that hand the token on themselves, such as the viewer frame's
   * `postMessage`. Returns a function that removes the listener.
   */
  onTokenChange(listener: (token: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private currentLease(): TokenLease {
    return { token: this.token, generation: this.generation };
  }

  private notify(previous: string): void {
    if (this.token === previous) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(this.token);
      } catch (e) {
        console.error(e);
      }
    }
  }

  private accept(token: string, source: 'host' | 'fetch'): void {
    const previous = this.token;
    this.token = token;
    this.generation++;
    this.refused = undefined;
    const exp = token ? tokenExpiry(token) : undefined;
    const now = this.clock.now();
    if (exp === undefined) {
      this.refreshAt = Number.POSITIVE_INFINITY;
    } else {
      const life = exp * 1000 - now;
      if (life > 0) this.refreshAt = exp * 1000 - Math.min(this.leewayMs, life / 4);
      // Already expired: a host's stale token is replaced at first use; a fresh one from
      // fetchToken means the local clock is off, so the API decides (see the class comment).
      else this.refreshAt = source === 'host' ? now : Number.POSITIVE_INFINITY;
    }
    this.schedule();
    this.notify(previous);
  }

  private expired(token: string): boolean {
    const exp = tokenExpiry(token);
    return exp !== undefined && exp * 1000 <= this.clock.now();
  }

  private schedule(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.active || !this.fetchToken) return;
    // Called at start: with a fetchToken and no token yet, fetch one now.
    const at = this.token ? this.refreshAt : this.refused === undefined ? this.clock.now() : Number.POSITIVE_INFINITY;
    if (at === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(MAX_DELAY, Math.max(0, at - this.clock.now()));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      // A request may have refreshed meanwhile, or the timer fired early: only refresh when due.
      if (this.token && this.clock.now() < this.refreshAt) return this.schedule();
      if (!this.token && this.refused !== undefined) return;
      void this.refresh(this.token || undefined).catch(() => {});
    }, delay);
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.clock.setTimeout(
        () => reject(authError('token_refresh_timeout', `fetchToken did not settle within ${this.timeoutMs} ms.`)),
        this.timeoutMs,
      );
      promise.then(
        (v) => {
          this.clock.clearTimeout(id);
          resolve(v);
        },
        (e: unknown) => {
          this.clock.clearTimeout(id);
          reject(e);
        },
      );
    });
  }
}
