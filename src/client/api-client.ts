import type { CustomerList, Me, Study, StudyList, StudyListQuery } from '../../api/types.js';
import { AvaraApiError } from './errors.js';
import type { TokenManager } from './token-manager.js';

export type { CustomerList, ExpressCustomer, Me, Study, StudyList, StudyListQuery } from '../../api/types.js';

type Query = Record<string, string | number | undefined>;

/**
 * The elements' client for the widget endpoints. The token travels in the Authorization header,
 * never in the URL. After a 401 that used the current token it refreshes once (single-flight, in
 * the TokenManager) and retries once.
 */
export class ApiClient {
  constructor(
    readonly apiBase: string,
    readonly tokens: TokenManager,
  ) {}

  /** `path` under the API base, which may be given with or without its `/v1` (`https://api.example/v1`). */
  url(path: string, query: Query = {}): URL {
    const base = new URL(this.apiBase.replace(/(\/v1)?\/*$/, '/'), globalThis.location?.href);
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    return url;
  }

  /** A raw authenticated GET (for binary bodies such as DICOM instances). */
  async fetch(path: string, query: Query = {}, signal?: AbortSignal): Promise<Response> {
    const url = this.url(path, query);
    const send = async (token: string) => {
      try {
        return await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw new AvaraApiError(0, 'api_connection_error', 'network_error', 'The Avara API could not be reached.');
      }
    };
    let lease = await this.tokens.lease();
    let res = await send(lease.token);
    if (res.status === 401 && this.tokens.canRefresh) {
      // Once: refresh (unless another request already did since this one was sent) and retry.
      lease = await this.tokens.refreshLease(lease);
      res = await send(lease.token);
    }
    if (!res.ok) {
      const error = await errorFrom(res);
      if (error.isAuthError) this.tokens.refusedBy(lease.token, error);
      throw error;
    }
    return res;
  }

  async get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
    const res = await this.fetch(path, query, signal);
    return (await res.json()) as T;
  }

  me(signal?: AbortSignal): Promise<Me> {
    return this.get<Me>('v1/me', {}, signal);
  }

  listCustomers(query: { q?: string; limit?: number; cursor?: string } = {}, signal?: AbortSignal): Promise<CustomerList> {
    return this.get<CustomerList>('v1/me/customers', query, signal);
  }

  listStudies(query: StudyListQuery, signal?: AbortSignal): Promise<StudyList> {
    return this.get<StudyList>('v1/studies', query as Query, signal);
  }
}

async function errorFrom(res: Response): Promise<AvaraApiError> {
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { type: string; code: string; message: string; param?: string } }
    | undefined;
  const e = body?.error;
  return new AvaraApiError(res.status, e?.type ?? 'api_error', e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.param);
}
