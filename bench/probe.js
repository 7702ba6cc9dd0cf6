// @ts-check
/**
 * The in-page half of the benchmark, injected by the harness before any script of the page runs
 * (Playwright `addInitScript`). It is the same for every candidate and is not part of any
 * candidate's bundle. Plain JavaScript, so it reaches the page exactly as written.
 *
 * What it provides, on `window.__bench`:
 * - a frame clock: a requestAnimationFrame loop that knows which frame is being produced and when
 *   each frame's rendering step has finished (a MessageChannel message posted from the frame's
 *   rAF runs right after that frame's style, layout and paint);
 * - `watch(expected)`: resolves when row 0 of the candidate shows `expected` (patient name and
 *   description), with `dom` = when that text entered the DOM (MutationObserver, shadow roots
 *   included) and `paint` = the end of the first frame that contains it;
 * - `scroll(px, frames)`: moves the candidate's scroller by a fixed number of pixels per frame and
 *   returns the rAF timestamps;
 * - `count()`: elements and nodes under #app, shadow roots included;
 * - request accounting for `fetch` (in-flight count and the first `/v1/studies` response).
 */
(() => {
  /** @type {any} */
  const w = window;
  const kind = w.__benchConfig?.kind;

  // Every shadow root, so MutationObservers can see inside the candidates' shadow DOM.
  /** @type {ShadowRoot[]} */
  const roots = [];
  /** @type {Set<(root: ShadowRoot) => void>} */
  const onRoot = new Set();
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    for (const f of onRoot) f(root);
    return root;
  };

  // Requests: how many are in flight, and when the first study page arrived.
  let inFlight = 0;
  let lastRequestEnd = 0;
  let studyRequests = 0;
  /** With `gateFirstStudies`: when the first study page was handed to the candidate (see below). */
  let dataAvailable = /** @type {number | null} */ (null);
  const origFetch = w.fetch.bind(w);
  w.fetch = async (/** @type {any[]} */ ...args) => {
    const url = String(args[0] instanceof Request ? args[0].url : args[0]);
    const isStudies = url.includes('/v1/studies');
    if (isStudies) studyRequests++;
    const gate = isStudies && studyRequests === 1 && !!w.__benchConfig?.gateFirstStudies;
    inFlight++;
    try {
      const res = await origFetch(...args);
      if (!gate) return res;
      // The first study page is read in full, then held until the page has been idle for a few
      // frames, and handed over in a task of its own right after a frame. The candidate's work from
      // that moment to the frame that shows row 0 is then all its own: it no longer depends on how
      // early the candidate asked (a response that lands while a page is still booting waits for
      // the boot) or on what else the main thread happens to be doing.
      const body = await res.arrayBuffer();
      await quiet();
      await framePainted();
      dataAvailable = performance.now();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      inFlight--;
      lastRequestEnd = performance.now();
    }
  };

  // The frame clock. `phase` is 'raf' from the start of a frame's rAF callbacks until layout has
  // run (our ResizeObserver callback), 'late' after that, 'idle' once the frame's message arrived.
  let frame = 0;
  let phase = 'idle';
  /** @type {{ target: number, resolve: (t: number) => void }[]} */
  const waiters = [];
  /** @type {Set<(ts: number) => void>} */
  const frameHooks = new Set();
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => {
    const done = e.data;
    const t = performance.now();
    if (frame === done) phase = 'idle';
    for (let i = waiters.length - 1; i >= 0; i--) {
      const wt = waiters[i];
      if (wt && wt.target <= done) {
        waiters.splice(i, 1);
        wt.resolve(t);
      }
    }
  };
  const marker = document.createElement('div');
  marker.setAttribute('aria-hidden', 'true');
  marker.style.cssText = 'position:fixed;left:0;top:0;height:1px;width:1px;contain:strict;pointer-events:none;opacity:0';
  // A new ResizeObserver every frame: a new observation always reports once, after layout, and
  // observers report in the order they were created, so ours reports after every observer the
  // candidate already had. DOM changes made in those observers' callbacks are still painted in the
  // same frame (the rendering step lays out again), so they must not be counted as the next frame's.
  const onResize = () => {
    phase = 'late';
  };
  let ro = new ResizeObserver(onResize);
  const tick = (/** @type {number} */ ts) => {
    frame++;
    phase = 'raf';
    ro.disconnect();
    ro = new ResizeObserver(onResize);
    ro.observe(marker);
    channel.port2.postMessage(frame);
    for (const f of frameHooks) f(ts);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const addMarker = () => document.documentElement.append(marker);
  if (document.documentElement) addMarker();
  else document.addEventListener('readystatechange', addMarker, { once: true });

  /** Resolves once `frames` frames in a row came at most `maxMs` apart (the main thread is idle). */
  const quiet = (frames = 5, maxMs = 20) =>
    new Promise((resolve) => {
      let last = 0;
      let run = 0;
      const hook = (/** @type {number} */ ts) => {
        run = last && ts - last <= maxMs ? run + 1 : 0;
        last = ts;
        if (run >= frames) {
          frameHooks.delete(hook);
          resolve(undefined);
        }
      };
      frameHooks.add(hook);
    });

  /** The end of the frame that will show what is in the DOM now. */
  const framePainted = () =>
    new Promise((resolve) => {
      waiters.push({ target: phase === 'raf' ? frame : frame + 1, resolve });
    });

  /** @param {Element} el */
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < innerHeight && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const text = (/** @type {Node | null | undefined} */ n) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

  /** Row 0's cell texts as the candidate shows them (null while row 0 is not rendered). */
  const readers = {
    avara() {
      const root = document.querySelector('avara-study-list')?.shadowRoot;
      const row = root?.querySelector('.body > [role="row"][data-i="0"]');
      return row ? { el: row, cells: [...row.querySelectorAll('[role="gridcell"]')].map(text) } : null;
    },
    vaadin() {
      const grid = document.querySelector('vaadin-grid');
      for (const tr of grid?.shadowRoot?.querySelectorAll('#items > tr') ?? []) {
        if (/** @type {any} */ (tr).index !== 0 || tr.hasAttribute('loading') || tr.hidden) continue;
        const cells = [...tr.querySelectorAll('td')].map((td) => td.querySelector('slot')?.assignedElements()[0]);
        return { el: tr, cells: cells.map(text) };
      }
      return null;
    },
    agGrid() {
      const row = document.querySelector('.ag-row[row-index="0"]');
      if (!row) return null;
      return { el: row, cells: ['patientName', 'studyDescription', 'scanDate', 'severity'].map((c) => text(row.querySelector(`[col-id="${c}"]`))) };
    },
  };
  const readRow0 = () => {
    if (kind === 'avara' || kind === 'avara-provider') return readers.avara();
    if (kind === 'vaadin') return readers.vaadin();
    if (kind === 'ag-grid') return readers.agGrid();
    return null;
  };

  /** The element whose scrollTop moves the rows. */
  const scroller = () => {
    if (kind === 'avara' || kind === 'avara-provider') return document.querySelector('avara-study-list')?.shadowRoot?.querySelector('.grid');
    if (kind === 'vaadin') return /** @type {any} */ (document.querySelector('vaadin-grid'))?.$?.table;
    if (kind === 'ag-grid') return document.querySelector('.ag-grid-viewport') ?? document.querySelector('.ag-body-viewport');
    return null;
  };

  /** The patient-name header control a user clicks to sort by name. */
  const nameHeader = () => {
    if (kind === 'avara' || kind === 'avara-provider')
      return document.querySelector('avara-study-list')?.shadowRoot?.querySelector('button[data-sort="patientName"]');
    if (kind === 'vaadin') return [...document.querySelectorAll('vaadin-grid-sorter')].find((s) => /** @type {any} */ (s).path === 'patientName');
    if (kind === 'ag-grid') return document.querySelector('.ag-header-cell[col-id="patientName"] .ag-header-cell-label');
    return null;
  };

  /**
   * Resolves once row 0 shows `expected` ([patient name, description]) and is visible.
   * @param {string[]} expected
   */
  const watch = (expected) =>
    new Promise((resolve) => {
      let done = false;
      const check = () => {
        if (done) return;
        const row = readRow0();
        if (!row || row.cells[0] !== expected[0] || row.cells[1] !== expected[1] || !visible(row.el)) return;
        done = true;
        const dom = performance.now();
        const detectedIn = phase;
        const target = phase === 'raf' ? frame : frame + 1;
        mo.disconnect();
        onRoot.delete(observeRoot);
        frameHooks.delete(check);
        waiters.push({ target, resolve: (paint) => resolve({ dom, paint, detectedIn, cells: row.cells }) });
      };
      const mo = new MutationObserver(check);
      const options = { subtree: true, childList: true, characterData: true, attributes: true };
      const observeRoot = (/** @type {Node} */ r) => mo.observe(r, options);
      mo.observe(document, options);
      roots.forEach(observeRoot);
      onRoot.add(observeRoot);
      frameHooks.add(check);
      check();
    });

  /**
   * Scrolls from the top at `px` per frame for `frames` frames (setting scrollTop in a rAF
   * callback each frame). Returns every frame's rAF timestamp (the frame's start) and, per frame,
   * how long after that start its rendering step ended (`work`: scroll handlers, rAF callbacks,
   * style, layout, paint and observers of that frame, plus any task that delayed its start).
   * @param {number} px
   * @param {number} frames
   */
  const scroll = (px, frames) =>
    new Promise((resolve) => {
      const el = scroller();
      if (!el) throw new Error('no scroller');
      el.scrollTop = 0;
      /** @type {number[]} */
      const stamps = [];
      /** @type {Promise<number>[]} */
      const work = [];
      let i = 0;
      const step = (/** @type {number} */ ts) => {
        stamps.push(ts);
        if (i >= frames) {
          frameHooks.delete(step);
          const scrollTop = el.scrollTop;
          const scrollHeight = el.scrollHeight;
          const clientHeight = el.clientHeight;
          const requests = studyRequests;
          Promise.all(work).then((w) => resolve({ stamps, work: w, scrollTop, scrollHeight, clientHeight, requests }));
          return;
        }
        if (i > 0) work.push(new Promise((r) => waiters.push({ target: frame, resolve: (t) => r(t - ts) })));
        i++;
        el.scrollTop = i * px;
      };
      frameHooks.add(step);
    });

  /** Elements and all nodes under #app, shadow roots included. */
  const count = () => {
    let elements = 0;
    let nodes = 0;
    /** @param {Node} n */
    const walk = (n) => {
      nodes++;
      if (n.nodeType === 1) {
        elements++;
        const sr = /** @type {Element} */ (n).shadowRoot;
        if (sr) for (let c = sr.firstChild; c; c = c.nextSibling) walk(c);
      }
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    };
    const app = document.querySelector('#app');
    if (app) walk(app);
    return { elements, nodes };
  };

  /** Resolves once no request has been in flight for `quietMs`. */
  const settled = (quietMs = 300) =>
    new Promise((resolve) => {
      const poll = () => (inFlight === 0 && performance.now() - lastRequestEnd >= quietMs ? resolve(undefined) : setTimeout(poll, 50));
      poll();
    });

  /** The first `/v1/studies` response's end (Resource Timing), ms since navigation start. */
  const firstStudiesResponse = () => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/v1/studies'));
    return e ? { start: e.startTime, responseEnd: /** @type {PerformanceResourceTiming} */ (e).responseEnd } : null;
  };

  const rect = (/** @type {Element | null | undefined} */ el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  };

  /** The timestamp of the next pointerup anywhere (the input that starts a sort). */
  const nextPointerUp = () =>
    new Promise((resolve) => addEventListener('pointerup', (e) => resolve(e.timeStamp), { capture: true, once: true }));

  w.__bench = {
    watch,
    scroll,
    count,
    settled,
    framePainted,
    firstStudiesResponse,
    dataAvailable: () => dataAvailable,
    quiet,
    nextPointerUp,
    nameHeaderPoint: () => rect(nameHeader()),
    row0: () => readRow0()?.cells ?? null,
    requests: () => studyRequests,
    rowHeight: () => {
      const row = readRow0();
      return row ? row.el.getBoundingClientRect().height : null;
    },
    /** Fires `avara-customer-change` on a child of #app's first element (the provider, or the grid's host). */
    switchCustomer(/** @type {string} */ expressCustomerId) {
      const target = document.querySelector('avara-study-list') ?? document.querySelector('#app > :last-child');
      const t = performance.now();
      target?.dispatchEvent(new CustomEvent('avara-customer-change', { detail: { expressCustomerId, customer: null }, bubbles: true, composed: true }));
      return t;
    },
  };

  // The first rows: watched from before the page's own scripts run.
  if (w.__benchConfig?.first) w.__bench.first = watch(w.__benchConfig.first);
})();
