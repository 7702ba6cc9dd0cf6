import { nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';

/** Helpers for <avara-study-list> browser tests: reading the rendered grid and driving it. */

export const gridOf = (el: AvaraStudyList) => el.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;

/** Rendered study rows, in row order (by aria-rowindex). */
export function rowsOf(el: AvaraStudyList): HTMLElement[] {
  const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"][data-study-id]')];
  return rows.sort((a, b) => rowIndex(a) - rowIndex(b));
}

export const rowIndex = (row: Element) => Number(row.getAttribute('aria-rowindex'));
export const idsOf = (el: AvaraStudyList) => rowsOf(el).map((r) => r.dataset.studyId!);
export const cellsOf = (row: Element) => [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
export const textsOf = (row: Element) => cellsOf(row).map((c) => c.textContent!.trim());
export const headersOf = (el: AvaraStudyList) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="columnheader"]')].map((h) => h.textContent!.trim());
export const headerNamed = (el: AvaraStudyList, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((h) => h.textContent!.trim().startsWith(label))!;
export const rowOf = (el: AvaraStudyList, studyId: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[role="row"][data-study-id="${studyId}"]`);
/** The focused element inside the list's shadow root. */
export const focusedIn = (el: AvaraStudyList) => el.shadowRoot!.activeElement as HTMLElement | null;

/** The list is idle: not loading, not busy, and its updates are flushed. */
export async function settled(el: AvaraStudyList, message = 'the list never settled'): Promise<void> {
  await waitUntil(
    () => {
      const grid = gridOf(el);
      return !!grid && grid.getAttribute('aria-busy') === 'false' && !el.shadowRoot!.querySelector('[role="status"]');
    },
    message,
    { timeout: 8000 },
  );
  await el.updateComplete;
}

/**
 * Waits for the next `avara-load` and for the list to settle. Call it right after the action that
 * loads (a fixture of the list itself, a property change, a click): an answer that arrived before
 * the call is not seen. After an action that is itself awaited (sendKeys goes through the test
 * runner), listen with oneEvent before the action instead.
 */
export async function loaded(el: AvaraStudyList): Promise<void> {
  await oneEvent(el, 'avara-load');
  await settled(el);
}

/** Scrolls the grid and waits until the list has rendered the new window. */
export async function scrollGrid(el: AvaraStudyList, top: number): Promise<void> {
  gridOf(el).scrollTop = top;
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
}

/** Scrolls to the bottom again and again until every page is loaded; returns every study id seen, by row index. */
export async function walkToEnd(el: AvaraStudyList, step?: number): Promise<Map<number, string>> {
  const seen = new Map<number, string>();
  const grid = gridOf(el);
  const collect = () => {
    for (const r of rowsOf(el)) seen.set(rowIndex(r), r.dataset.studyId!);
  };
  for (let guard = 0; guard < 100000; guard++) {
    await settled(el);
    collect();
    const atBottom = grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1;
    if (atBottom && grid.getAttribute('aria-rowcount') !== '-1') break;
    await scrollGrid(el, step === undefined ? grid.scrollHeight : grid.scrollTop + step);
  }
  collect();
  return seen;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Hono's fetch takes (request, env?, executionCtx?)
type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/**
 * Wraps the in-page API (the real Hono app behind MSW) to watch requests and, per request, answer
 * late or differently. `settledAll()` resolves when every intercepted request has been answered.
 */
export function interceptApi(world: { app: { fetch: Fetch } }) {
  const original = world.app.fetch.bind(world.app);
  const requests: URL[] = [];
  const inflight = new Set<Promise<unknown>>();
  type Hook = (url: URL, request: Request, next: () => Promise<Response>) => Promise<Response | undefined> | Response | undefined;
  let hook: Hook | undefined;
  world.app.fetch = (request: Request, ...rest: unknown[]) => {
    const url = new URL(request.url);
    requests.push(url);
    const p = (async () => {
      const next = async () => original(request, ...rest);
      const replaced = await hook?.(url, request, next);
      return replaced ?? next();
    })();
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    return p;
  };
  return {
    requests,
    /** Only `GET /v1/studies` requests, as their query parameters. */
    studyQueries: () => requests.filter((u) => u.pathname === '/v1/studies').map((u) => Object.fromEntries(u.searchParams)),
    /** Runs before the API answers; return a Response to answer instead (`next()` gives the API's own). */
    onRequest(fn: Hook | undefined) {
      hook = fn;
    },
    async settledAll() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const apiError = (status: number, type: string, code: string, message: string) =>
  new Response(JSON.stringify({ error: { type, code, message } }), { status, headers: { 'content-type': 'application/json' } });

/**
 * Watches the page's own `fetch` calls (the element's requests) until every one has settled,
 * body included, whether answered or aborted — so a test can check what a late answer did.
 */
export function trackFetches() {
  const original = window.fetch;
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.catch(() => {}).finally(() => pending.delete(p));
    return p;
  };
  window.fetch = (...args: Parameters<typeof fetch>) =>
    track(
      original(...args).then((res) => {
        const json = res.json.bind(res);
        res.json = () => track(json());
        return res;
      }),
    );
  return {
    async settled() {
      do {
        while (pending.size) await Promise.allSettled([...pending]);
        await delay(0); // the body is read a few microtasks after the response arrives
      } while (pending.size);
    },
    restore() {
      window.fetch = original;
    },
  };
}
