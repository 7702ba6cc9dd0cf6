import type { StudyList, StudyListQuery } from '../../api/types.js';
import { AvaraApiError } from './errors.js';

export type { Study, StudyList, StudyListQuery } from '../../api/types.js';

/**
 * A small client for the widget endpoints. The token always travels in the Authorization header,
 * never in the URL.
 */
export class ApiClient {
  constructor(
    readonly apiBase: string,
    private readonly getToken: () => string | Promise<string>,
  ) {}

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
    const base = new URL(this.apiBase.replace(/\/*$/, '/'), globalThis.location?.href);
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${await this.getToken()}`, accept: 'application/json' }, signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new AvaraApiError(0, 'api_connection_error', 'network_error', 'The Avara API could not be reached.');
    }
    const body = (await res.json().catch(() => undefined)) as
      | { error?: { type: string; code: string; message: string; param?: string } }
      | undefined;
    if (!res.ok) {
      const e = body?.error;
      throw new AvaraApiError(res.status, e?.type ?? 'api_error', e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.param);
    }
    return body as T;
  }

  listStudies(query: StudyListQuery, signal?: AbortSignal): Promise<StudyList> {
    return this.get<StudyList>('v1/studies', { ...query }, signal);
  }
}
