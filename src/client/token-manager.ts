import { AvaraApiError } from './errors.js';

export type FetchToken = () => Promise<string> | string;

export interface TokenManagerOptions {
  /** Refresh this many seconds before `exp`. */
  leewaySeconds?: number;
  onRefreshed?: (expiresAt: string | null) => void;
  onAuthError?: (error: AvaraApiError) => void;
}

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

/**
 * Owns the widget token of one provider (or one standalone element). It asks the host's
 * `fetchToken` at start, shortly before `exp`, and once after a 401 that used the current token,
 * with at most one refresh in flight however many elements ask at once.
 */
export class TokenManager {
  private token = '';
  private fetchToken: FetchToken | undefined;
  private readonly listeners = new Set<(token: string) => void>();
  private inflight: Promise<string> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly leeway: number;

  constructor(private readonly options: TokenManagerOptions = {}) {
    this.leeway = options.leewaySeconds ?? 30;
  }

  get current(): string {
    return this.token;
  }

  get canRefresh(): boolean {
    return this.fetchToken !== undefined;
  }

  /** A token given by the host (the `token` attribute or property). */
  setToken(token: string): void {
    if (token === this.token) return;
    const previous = this.token;
    this.token = token;
    this.schedule();
    this.notify(previous);
  }

  setFetchToken(fetchToken: FetchToken | undefined): void {
    this.fetchToken = fetchToken;
    this.schedule();
  }

  /** A token to send now: the current one, or a fresh one when it is missing or about to expire. */
  async getToken(): Promise<string> {
    if (this.token && !this.expiresSoon(this.token)) return this.token;
    if (this.fetchToken) return this.refresh();
    if (this.token) return this.token; // no way to refresh: let the API answer 401
    throw new AvaraApiError(401, 'authentication_error', 'missing_token', 'No widget token was given to the element.');
  }

  /**
   * Fetches a new token, single-flight. Pass the token a request failed with: if it is no longer
   * the current one, someone already refreshed and the current token is returned without a call.
   */
  refresh(failedToken?: string): Promise<string> {
    if (failedToken !== undefined && this.token && failedToken !== this.token && !this.expiresSoon(this.token)) {
      return Promise.resolve(this.token);
    }
    if (this.inflight) return this.inflight;
    const fetchToken = this.fetchToken;
    if (!fetchToken) {
      return Promise.reject(new AvaraApiError(401, 'authentication_error', 'token_expired', 'The widget token expired and no fetchToken was given.'));
    }
    this.inflight = (async () => {
      try {
        const token = await fetchToken();
        if (typeof token !== 'string' || !token) throw new Error('fetchToken resolved without a token');
        const previous = this.token;
        this.token = token;
        this.schedule();
        this.notify(previous);
        const exp = tokenExpiry(token);
        this.options.onRefreshed?.(exp === undefined ? null : new Date(exp * 1000).toISOString());
        return token;
      } catch (e) {
        const error =
          e instanceof AvaraApiError
            ? e
            : new AvaraApiError(401, 'authentication_error', 'token_refresh_failed', `fetchToken failed: ${(e as Error)?.message ?? e}`);
        this.options.onAuthError?.(error);
        throw error;
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  /** Stops the refresh timer (when the owning element leaves the page). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resumes the refresh timer (when the owning element comes back). */
  resume(): void {
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

  private expiresSoon(token: string): boolean {
    const exp = tokenExpiry(token);
    return exp !== undefined && exp * 1000 - Date.now() <= this.leeway * 1000;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const exp = this.token ? tokenExpiry(this.token) : undefined;
    if (!this.fetchToken || exp === undefined) return;
    const lifetime = exp * 1000 - Date.now();
    // Refresh `leeway` before expiry; for very short tokens, at 80% of their remaining life.
    const delay = Math.max(1000, Math.min(lifetime - this.leeway * 1000, lifetime * 0.8));
    if (lifetime <= 0) return; // an expired token is refreshed lazily, by the next request
    this.timer = setTimeout(() => void this.refresh(this.token).catch(() => {}), delay);
  }
}
