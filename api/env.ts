import type { Caller } from './auth.js';
import type { Store } from './store.js';

/** What every route can reach: the store, the clock, and the authenticated caller. */
export interface AppDeps {
  store: Store;
  /** Milliseconds since the epoch; tests move it to expire tokens. */
  clock: () => number;
  /** Development mode: enables POST /v1/dev/accounts. */
  dev: boolean;
}

export interface AppEnv {
  Variables: { deps: AppDeps; caller: Caller };
}
