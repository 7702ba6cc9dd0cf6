import type {
  Account,
  CustomerList,
  ExpressCustomer,
  ReportMetadata,
  Scope,
  Severity,
  Study,
  StudyList,
  StudyListQuery,
  User,
  WidgetToken,
} from '../api/types.js';

export type * from '../api/types.js';

export interface AvaraOptions {
  apiKey: string | undefined;
  /** Defaults to AVARA_BASE_URL, else the reference server on http://localhost:8787. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Sent as `Idempotency-Key`, so a retried create returns the first result. */
  idempotencyKey?: string;
}

/** An error answered by the API, with its `type`, `code`, `status` and (for one field) `param`. */
export class AvaraError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'AvaraError';
  }
}

export interface StudyCreateParams {
  studyInstanceUid: string;
  studyDescription: string;
  severity: Severity;
  expressCustomerId?: string;
  reportMetadata?: ReportMetadata;
}

type Query = Record<string, string | number | undefined>;

/** The secret-key SDK, shaped like the TypeScript examples of the Avara Express documentation. */
export class Avara {
  readonly express;
  readonly autoScribe;
  readonly viewer;
  readonly studies;
  readonly users;
  readonly widgetTokens;
  readonly account;
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly fetchImpl: typeof fetch;

  constructor({ apiKey, baseUrl, fetch: fetchImpl }: AvaraOptions) {
    if (!apiKey) throw new AvaraError(0, 'authentication_error', 'missing_api_key', 'new Avara({ apiKey }) needs a secret API key.');
    this.apiKey = apiKey;
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    this.baseUrl = (baseUrl ?? env?.AVARA_BASE_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
    this.fetchImpl = fetchImpl ?? globalThis.fetch.bind(globalThis);
    const customer = (id: string) => `/v1/express/customers/${encodeURIComponent(id)}`;

    this.express = {
      create: (p: { expressCustomerName: string; metadata?: Record<string, string> }, o?: RequestOptions) =>
        this.request<ExpressCustomer>('POST', '/v1/express/customers', p, o),
      list: (p: { limit?: number; cursor?: string } = {}) => this.request<CustomerList>('GET', '/v1/express/customers', undefined, undefined, p),
      retrieve: (id: string) => this.request<ExpressCustomer>('GET', customer(id)),
      update: (id: string, p: { expressCustomerName?: string; metadata?: Record<string, string> }) =>
        this.request<ExpressCustomer>('PATCH', customer(id), p),
      addUser: (id: string, p: { userId: string }, o?: RequestOptions) =>
        this.request<ExpressCustomer>('POST', `${customer(id)}/users`, p, o),
      removeUser: (id: string, p: { userId: string }) =>
        this.request<ExpressCustomer>('DELETE', `${customer(id)}/users/${encodeURIComponent(p.userId)}`),
      deactivate: (id: string, o?: RequestOptions) => this.request<ExpressCustomer>('POST', `${customer(id)}/deactivate`, undefined, o),
      reactivate: (id: string, o?: RequestOptions) => this.request<ExpressCustomer>('POST', `${customer(id)}/reactivate`, undefined, o),
    };
    const studiesOf = (product: 'auto-scribe' | 'viewer') => ({
      studies: {
        create: (p: StudyCreateParams, o?: RequestOptions) => this.request<Study>('POST', `/v1/${product}/studies`, p, o),
      },
    });
    this.autoScribe = studiesOf('auto-scribe');
    this.viewer = studiesOf('viewer');
    this.studies = {
      list: (p: StudyListQuery = {}) => this.request<StudyList>('GET', '/v1/studies', undefined, undefined, p as Query),
      retrieve: (id: string) => this.request<Study>('GET', `/v1/studies/${encodeURIComponent(id)}`),
    };
    this.users = {
      invite: (p: { email: string; name: string; role?: 'member' | 'platform_admin' }, o?: RequestOptions) =>
        this.request<User & { invitationToken: string }>('POST', '/v1/users/invitations', p, o),
      accept: (invitationToken: string) =>
        this.request<User>('POST', `/v1/invitations/${encodeURIComponent(invitationToken)}/accept`),
      list: (p: { limit?: number; cursor?: string } = {}) =>
        this.request<{ users: User[]; hasMore: boolean; nextCursor?: string }>('GET', '/v1/users', undefined, undefined, p),
      retrieve: (id: string) => this.request<User>('GET', `/v1/users/${encodeURIComponent(id)}`),
    };
    this.widgetTokens = {
      create: (p: { userId: string; scopes?: Scope[]; expressCustomerIds?: string[]; ttlSeconds?: number }) =>
        this.request<WidgetToken>('POST', '/v1/widget-tokens', p),
    };
    this.account = {
      retrieve: () => this.request<Account>('GET', '/v1/account'),
      enableExpress: () => this.request<Account>('POST', '/v1/account/express/enable'),
    };
  }

  private async request<T>(method: string, path: string, body?: unknown, options?: RequestOptions, query?: Query): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options?.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const res = await this.fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const e = (json as { error?: { type?: string; code?: string; message?: string; param?: string } } | undefined)?.error;
      throw new AvaraError(res.status, e?.type ?? 'api_error', e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.param);
    }
    return json as T;
  }
}

export default Avara;
