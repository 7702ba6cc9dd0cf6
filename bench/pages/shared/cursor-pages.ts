import type { Study, StudyList } from '../../../api/types.js';
import { config } from './config.js';

export interface StudyQuery {
  /** The API's sort, e.g. `-scanDate` or `patientName`. */
  sort: string;
  expressCustomerId?: string;
}

/**
 * The data source the two general-purpose grids use: pages of `GET /v1/studies`, fetched with the
 * same widget token, page size and query string as `<avara-study-list>` sends. The API pages by
 * cursor, so page `i` is asked for with the cursor that page `i - 1` returned; a grid that asks
 * for a later page first waits for the earlier ones (with the growing row count the grids are
 * given, they only ever ask for the next page).
 */
export class CursorPages {
  private readonly pages: Promise<StudyList>[] = [];
  private readonly controller = new AbortController();

  constructor(readonly query: StudyQuery) {}

  page(index: number): Promise<StudyList> {
    let p = this.pages[index];
    if (!p) {
      const previous = index === 0 ? Promise.resolve<StudyList | undefined>(undefined) : this.page(index - 1);
      p = previous.then((prev) => (prev && !prev.hasMore ? { studies: [], hasMore: false } : this.fetch(prev?.nextCursor)));
      this.pages[index] = p;
    }
    return p;
  }

  /** Drops this source: requests still in flight are aborted. */
  dispose(): void {
    this.controller.abort();
  }

  private async fetch(cursor: string | undefined): Promise<StudyList> {
    const url = new URL('v1/studies', new URL(config.apiBase, location.href));
    const q = this.query;
    if (q.expressCustomerId) url.searchParams.set('expressCustomerId', q.expressCustomerId);
    url.searchParams.set('sort', q.sort);
    url.searchParams.set('limit', String(config.pageSize));
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url, { headers: { authorization: `Bearer ${config.token}` }, signal: this.controller.signal });
    if (!res.ok) throw new Error(`GET /v1/studies answered ${res.status}`);
    return (await res.json()) as StudyList;
  }
}

export type { Study };
