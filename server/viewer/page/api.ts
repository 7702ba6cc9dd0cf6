import type { Instance, InstanceList, Study } from '../../../api/types.js';

/** An API answer the viewer cannot use: the HTTP status (0 = unreachable) and the API's error code. */
export class ViewerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ViewerApiError';
  }
}

export interface TokenSource {
  /** The token to send now. */
  current(): string;
  /** Asks the host page for a new token after `failed` was refused; undefined when none came. */
  renew(failed: string): Promise<string | undefined>;
}

/**
 * The viewer's calls to the Avara API. The token travels in the Authorization header only; after
 * a 401 the host page is asked once for a fresh token and the request is retried once.
 */
export class ViewerApi {
  constructor(
    readonly base: string,
    private readonly tokens: TokenSource,
  ) {}

  private async send(path: string, signal?: AbortSignal): Promise<Response> {
    const url = new URL(path, this.base);
    const attempt = async (token: string) => {
      try {
        return await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw new ViewerApiError(0, 'api_unreachable', 'The API could not be reached.');
      }
    };
    const token = this.tokens.current();
    let res = await attempt(token);
    if (res.status === 401) {
      const fresh = await this.tokens.renew(token);
      if (fresh && fresh !== token) res = await attempt(fresh);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
      throw new ViewerApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`);
    }
    return res;
  }

  async study(studyId: string, signal?: AbortSignal): Promise<Study> {
    return (await (await this.send(`v1/studies/${encodeURIComponent(studyId)}`, signal)).json()) as Study;
  }

  /** Every instance of the study, walking all pages. */
  async instances(studyId: string, signal?: AbortSignal): Promise<Instance[]> {
    const all: Instance[] = [];
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ limit: '100' });
      if (cursor) q.set('cursor', cursor);
      const page = (await (await this.send(`v1/studies/${encodeURIComponent(studyId)}/instances?${q}`, signal)).json()) as InstanceList;
      all.push(...page.instances);
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    return all;
  }

  async instanceBytes(studyId: string, instanceId: string, signal?: AbortSignal): Promise<ArrayBuffer> {
    const res = await this.send(`v1/studies/${encodeURIComponent(studyId)}/instances/${encodeURIComponent(instanceId)}`, signal);
    return res.arrayBuffer();
  }
}
