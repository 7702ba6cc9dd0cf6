import type {
  Account,
  CustomerCreateParams,
  CustomerList,
  CustomerUpdateParams,
  ExpressCustomer,
  Invitation,
  Role,
  Study,
  StudyCreateParams,
  StudyList,
  StudyListQuery,
  User,
  UserList,
  WidgetToken,
  WidgetTokenCreateParams,
} from '../api/types.js';

export type * from '../api/types.js';

/**
 * `@avara/sdk`: the secret-key SDK for the Avara API, shaped like the TypeScript examples of the
 * Avara Express documentation, so they run as written:
 *
 * ```ts
 * import Avara from '@avara/sdk';
 * const avara = new Avara({ apiKey: process.env.AVARA_API_KEY });
 * const customer = await avara.express.create({ expressCustomerName: 'City Medical Center' });
 * ```
 *
 * Server side only: the API refuses a secret key sent from a browser.
 */

export interface AvaraOptions {
  /** The secret API key (`sk_test_…`). */
  apiKey: string | undefined;
  /** Where the API is. Defaults to `AVARA_BASE_URL`, else the reference server on http://localhost:8787. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /** Per-attempt timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /**
   * How many times a request is retried after a network failure, a timeout, a 429, a 5xx or a
   * 409 `idempotency_key_in_use` (default 2). POSTs carry an `Idempotency-Key` (yours, or one
   * the SDK generates), so a retried create never creates twice.
   */
  maxNetworkRetries?: number;
}

export interface RequestOptions {
  /** Sent as `Idempotency-Key`: a retry with the same key and body answers the first response again. */
  idempotencyKey?: string;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
}

export type AvaraErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'api_connection_error';

/**
 * An error answered by the API (or a failure to reach it), with the API's `type`, stable `code`,
 * HTTP `status` (0 when no answer arrived) and, for one bad field, its `param`. Each `type` has
 * its own subclass, so `instanceof AvaraNotFoundError` works as well as `error.type`.
 */
export class AvaraError extends Error {
  constructor(
    readonly status: number,
    readonly type: AvaraErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'AvaraError';
  }

  static from(status: number, type: string, code: string, message: string, param?: string): AvaraError {
    const Kind = ERROR_CLASSES[type as AvaraErrorType] ?? AvaraAPIError;
    return new Kind(status, (type in ERROR_CLASSES ? type : 'api_error') as AvaraErrorType, code, message, param);
  }
}
export class AvaraInvalidRequestError extends AvaraError {
  override name = 'AvaraInvalidRequestError';
}
export class AvaraAuthenticationError extends AvaraError {
  override name = 'AvaraAuthenticationError';
}
export class AvaraPermissionError extends AvaraError {
  override name = 'AvaraPermissionError';
}
export class AvaraNotFoundError extends AvaraError {
  override name = 'AvaraNotFoundError';
}
export class AvaraConflictError extends AvaraError {
  override name = 'AvaraConflictError';
}
export class AvaraRateLimitError extends AvaraError {
  override name = 'AvaraRateLimitError';
}
export class AvaraAPIError extends AvaraError {
  override name = 'AvaraAPIError';
}
export class AvaraConnectionError extends AvaraError {
  override name = 'AvaraConnectionError';
}

const ERROR_CLASSES: Record<AvaraErrorType, new (...a: ConstructorParameters<typeof AvaraError>) => AvaraError> = {
  invalid_request_error: AvaraInvalidRequestError,
  authentication_error: AvaraAuthenticationError,
  permission_error: AvaraPermissionError,
  not_found_error: AvaraNotFoundError,
  conflict_error: AvaraConflictError,
  rate_limit_error: AvaraRateLimitError,
  api_error: AvaraAPIError,
  api_connection_error: AvaraConnectionError,
};

export type { StudyCreateParams, CustomerCreateParams, CustomerUpdateParams, WidgetTokenCreateParams };

export interface ListParams {
  /** 1–100, default 25. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface InviteParams {
  email: string;
  name: string;
  role?: Role;
}

type Query = Record<string, string | number | undefined>;

const DEFAULT_BASE_URL = 'http://localhost:8787';
const VERSION = '0.1.0';

/** The secret-key SDK. */
export class Avara {
  readonly express: {
    create(params: CustomerCreateParams, options?: RequestOptions): Promise<ExpressCustomer>;
    list(params?: ListParams): Promise<CustomerList>;
    retrieve(expressCustomerId: string): Promise<ExpressCustomer>;
    update(expressCustomerId: string, params: CustomerUpdateParams): Promise<ExpressCustomer>;
    addUser(expressCustomerId: string, params: { userId: string }, options?: RequestOptions): Promise<ExpressCustomer>;
    removeUser(expressCustomerId: string, params: { userId: string }): Promise<ExpressCustomer>;
    deactivate(expressCustomerId: string, options?: RequestOptions): Promise<ExpressCustomer>;
    reactivate(expressCustomerId: string, options?: RequestOptions): Promise<ExpressCustomer>;
  };
  readonly autoScribe: { studies: { create(params: StudyCreateParams, options?: RequestOptions): Promise<Study> } };
  readonly viewer: { studies: { create(params: StudyCreateParams, options?: RequestOptions): Promise<Study> } };
  readonly studies: {
    list(params?: StudyListQuery): Promise<StudyList>;
    retrieve(studyId: string): Promise<Study>;
  };
  readonly users: {
    invite(params: InviteParams, options?: RequestOptions): Promise<Invitation>;
    accept(invitationToken: string): Promise<User>;
    list(params?: ListParams): Promise<UserList>;
    retrieve(userId: string): Promise<User>;
  };
  readonly widgetTokens: { create(params: WidgetTokenCreateParams, options?: RequestOptions): Promise<WidgetToken> };
  readonly account: {
    retrieve(): Promise<Account>;
    enableExpress(options?: RequestOptions): Promise<Account>;
  };

  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxNetworkRetries: number;

  constructor({ apiKey, baseUrl, fetch: fetchImpl, timeoutMs = 30_000, maxNetworkRetries = 2 }: AvaraOptions) {
    if (!apiKey) {
      throw new AvaraAuthenticationError(
        0,
        'authentication_error',
        'missing_api_key',
        'new Avara({ apiKey }) needs a secret API key (is AVARA_API_KEY set?).',
      );
    }
    this.apiKey = apiKey;
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    this.baseUrl = (baseUrl ?? env?.AVARA_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.fetchImpl = fetchImpl ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = timeoutMs;
    this.maxNetworkRetries = maxNetworkRetries;

    const customer = (id: string) => `/v1/express/customers/${encodeURIComponent(id)}`;
    this.express = {
      create: (p, o) => this.request('POST', '/v1/express/customers', { body: p, options: o }),
      list: (p = {}) => this.request('GET', '/v1/express/customers', { query: p as Query }),
      retrieve: (id) => this.request('GET', customer(id)),
      update: (id, p) => this.request('PATCH', customer(id), { body: p }),
      addUser: (id, p, o) => this.request('POST', `${customer(id)}/users`, { body: p, options: o }),
      removeUser: (id, p) => this.request('DELETE', `${customer(id)}/users/${encodeURIComponent(p.userId)}`),
      deactivate: (id, o) => this.request('POST', `${customer(id)}/deactivate`, { options: o }),
      reactivate: (id, o) => this.request('POST', `${customer(id)}/reactivate`, { options: o }),
    };
    const studiesOf = (path: string) => ({
      studies: { create: (p: StudyCreateParams, o?: RequestOptions) => this.request<Study>('POST', path, { body: p, options: o }) },
    });
    this.autoScribe = studiesOf('/v1/auto-scribe/studies');
    this.viewer = studiesOf('/v1/viewer/studies');
    this.studies = {
      list: (p = {}) => this.request('GET', '/v1/studies', { query: p as Query }),
      retrieve: (id) => this.request('GET', `/v1/studies/${encodeURIComponent(id)}`),
    };
    this.users = {
      invite: (p, o) => this.request('POST', '/v1/users/invitations', { body: p, options: o }),
      accept: (token) => this.request('POST', `/v1/invitations/${encodeURIComponent(token)}/accept`),
      list: (p = {}) => this.request('GET', '/v1/users', { query: p as Query }),
      retrieve: (id) => this.request('GET', `/v1/users/${encodeURIComponent(id)}`),
    };
    this.widgetTokens = {
      create: (p, o) => this.request('POST', '/v1/widget-tokens', { body: p, options: o }),
    };
    this.account = {
      retrieve: () => this.request('GET', '/v1/account'),
      enableExpress: (o) => this.request('POST', '/v1/account/express/enable', { options: o }),
    };
  }

  private async request<T>(
    method: string,
    path: string,
    { body, query, options }: { body?: unknown; query?: Query; options?: RequestOptions } = {},
  ): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.apiKey}`,
      accept: 'application/json',
      'user-agent': `avara-sdk-js/${VERSION}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const idempotencyKey =
      options?.idempotencyKey ?? (method === 'POST' && this.maxNetworkRetries > 0 ? `sdk-${crypto.randomUUID()}` : undefined);
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    // GET and PATCH (which sets values) are safe to repeat, and a POST with an Idempotency-Key is.
    // A DELETE is not retried: after a lost answer its repeat would report the member as missing.
    const retryable = method === 'GET' || method === 'PATCH' || (method === 'POST' && idempotencyKey !== undefined);
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;

    for (let attempt = 0; ; attempt++) {
      const canRetry = retryable && attempt < this.maxNetworkRetries;
      let res: Response;
      let text: string;
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        res = await this.fetchImpl(url, { method, headers, body: payload, signal });
        text = await res.text();
      } catch (e) {
        if (canRetry) {
          await sleep(backoff(attempt));
          continue;
        }
        const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
        throw new AvaraConnectionError(
          0,
          'api_connection_error',
          timedOut ? 'timeout' : 'connection_failed',
          timedOut
            ? `The Avara API did not answer ${method} ${path} within ${timeoutMs} ms.`
            : `The Avara API could not be reached at ${this.baseUrl} (${(e as Error).message}).`,
        );
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (res.ok) return json as T;
      const e = (json as { error?: { type?: string; code?: string; message?: string; param?: string } } | undefined)?.error;
      const code = e?.code ?? 'http_error';
      if (canRetry && (res.status === 429 || res.status >= 500 || code === 'idempotency_key_in_use')) {
        await sleep(backoff(attempt));
        continue;
      }
      throw AvaraError.from(res.status, e?.type ?? 'api_error', code, e?.message ?? `HTTP ${res.status} from ${method} ${path}.`, e?.param);
    }
  }
}

const backoff = (attempt: number) => Math.min(2000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default Avara;
