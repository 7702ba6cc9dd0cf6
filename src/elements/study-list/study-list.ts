import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';

import { ContextConsumer } from '@lit/context';
import type { StudySortField } from '../../../api/types.js';
import type { ApiClient, Study, StudyList, StudyListQuery } from '../../client/api-client.js';
import { AvaraApiError } from '../../client/errors.js';
import type { FetchToken } from '../../client/token-manager.js';
import { customerContext, studyContext } from '../../context/contexts.js';
import { FetchTask, TaskStatus, initialState } from '../../context/fetch-task.js';
import { SessionController, isAuthError } from '../../context/session-controller.js';
import { AvaraErrorEvent } from '../../events/error.js';
import { AvaraLoadEvent } from '../../events/load.js';
import { AvaraStudySelectEvent } from '../../events/study-select.js';
import { dateFormat, formatCalendarDate } from '../../format/calendar-date.js';
import { formatPersonName } from '../../format/person-name.js';
import { tokenStyles } from '../../theme/tokens.js';
import { cssVars } from '../../directives/css-vars.js';
import { keyedParts } from '../../directives/keyed.js';
import { setStates } from '../custom-states.js';
import {
  COLUMNS,
  columnTracks,
  nextSort,
  parseColumns,
  parseSort,
  scanDateRange,
  type ColumnName,
  type DateFilter,
} from './study-list.columns.js';
import { messages, type StudyListMessages } from './study-list.messages.js';
import { styles } from './study-list.styles.js';

/** Rows rendered beyond each edge of the viewport (from the second frame of new rows on). */
const OVERSCAN = 4;
/** Next page is asked for when the viewport's last row is this close to the last loaded row. */
const LOOKAHEAD = 15;
const SEARCH_DEBOUNCE_MS = 300;
const DEFAULT_PAGE_SIZE = 50;

const text = (v: unknown): string => (v == null ? '' : String(v));

/** The custom states (`:state(loading)`…), which the status message follows too. */
type States = Record<'loading' | 'empty' | 'error' | 'auth-error' | 'not-configured', boolean>;

interface Page {
  page: StudyList;
  cursor: string | undefined;
}

/**
 * The radiologist's worklist: the studies the signed-in user may see, as a keyboard-driven ARIA
 * grid with server-side sorting, search and filters, and infinite scroll over cursor pages. Only
 * the rows in view are in the DOM (fixed row height), so 10,000 loaded studies scroll like 10.
 *
 * @attr api-base - Base URL of the Avara API, with or without its `/v1` (standalone use; inside `<avara-provider>` the provider's).
 * @attr token - A widget token, standalone use (prefer the `token` property, or `fetchToken`).
 * @attr express-customer-id - Show only this customer's studies; when unset, follows the provider's selected customer.
 * @attr columns - Comma-separated column names: `patientName`, `mrn`, `studyDescription`, `scanDate`, `severity`, `scanType`, `facilityName`, `sex`, `dateOfBirth`, `product`, `createdAt`. Default `patientName,studyDescription,scanDate,severity`.
 * @attr page-size - Studies per request, 1–100 (default 50).
 * @attr sort - The API's sort: `scanDate`, `patientName`, `severity`, `createdAt`, `-` prefix for descending. Default `-scanDate`. Updated when the user sorts.
 * @attr search - The search query (server-side, over name, MRN, description, facility, UID). Updated as the user types.
 * @attr severity - Severity filter: `high`, `normal`, or empty for all. Updated by the filter.
 * @attr date-filter - Scan-date filter: `today`, `last-7-days`, `custom` (uses `scan-date-from`/`scan-date-to`), or empty for any date.
 * @attr scan-date-from - First scan date (`YYYY-MM-DD`) of the custom range.
 * @attr scan-date-to - Last scan date (`YYYY-MM-DD`) of the custom range.
 * @attr selectable - Rows can be selected (click, Enter or Space); selection fires `avara-study-select`.
 * @attr no-search - Hides the search box (the `search` attribute still applies).
 * @attr no-filters - Hides the severity and date filters (their attributes still apply).
 * @attr locale - BCP 47 locale; defaults to the provider's, then the page's `lang`.
 * @fires avara-study-select - The user selected a study; `detail.study` is the full study record.
 * @fires avara-load - A page of studies arrived; `detail.count` rows are loaded in all.
 * @fires avara-error - Loading failed; `detail.error` has the API's status, type, code and message.
 * @fires avara-token-refreshed - Standalone: a new token arrived from `fetchToken`; `detail.expiresAt`.
 * @fires avara-auth-error - Standalone: `fetchToken` failed or the API refused the token; `detail.error`.
 * @csspart toolbar - The bar holding the search box and filters.
 * @csspart search - The search input.
 * @csspart filter - Each filter's select or date input.
 * @csspart grid - The scrolling grid (header and rows).
 * @csspart header - The header row.
 * @csspart header-cell - Each column header.
 * @csspart row - Each study row (`[aria-selected="true"]` when selected).
 * @csspart cell - Each study cell; also `cell-<column>` (`cell-patientName`, `cell-severity`…) for one column's cells.
 * @csspart placeholder - The "(no name)" placeholder of a study without a patient name.
 * @csspart status - The loading, empty and error messages.
 * @csspart retry-button - The Retry button of the error states.
 * @csspart clear-button - The "Clear search and filters" button of the empty state.
 * @cssproperty --avara-study-list-row-height - Height of every row (default `calc(2.5em * var(--avara-density))`).
 * @cssproperty --avara-study-list-header-background - Header row background (default `--avara-color-surface`).
 * @cssproperty --avara-study-list-selected-background - Selected row background (default `--avara-color-selection`).
 * @cssstate loading - The first page is loading.
 * @cssstate empty - Loaded, and there are no studies.
 * @cssstate error - Loading failed (including authentication).
 * @cssstate auth-error - The credentials were missing, expired or refused.
 */
export class AvaraStudyList extends LitElement {
  static override styles = [tokenStyles, styles];

  static override properties = {
    apiBase: { attribute: 'api-base' },
    token: {},
    fetchToken: { attribute: false },
    expressCustomerId: { attribute: 'express-customer-id' },
    locale: {},
    columns: {},
    pageSize: { attribute: 'page-size', type: Number },
    sort: {},
    search: {},
    severity: {},
    dateFilter: { attribute: 'date-filter' },
    scanDateFrom: { attribute: 'scan-date-from' },
    scanDateTo: { attribute: 'scan-date-to' },
    selectable: { type: Boolean },
    noSearch: { attribute: 'no-search', type: Boolean },
    noFilters: { attribute: 'no-filters', type: Boolean },
    selectedStudyId: { attribute: false },
    clock: { attribute: false },
  };

  apiBase = '';
  /** A widget token minted by the host's server (standalone use). Never put it in a URL. */
  token = '';
  /** Standalone use: called for a new token at start, before expiry and after a 401. */
  fetchToken: FetchToken | undefined;
  expressCustomerId = '';
  locale = '';
  columns = '';
  pageSize = DEFAULT_PAGE_SIZE;
  sort = '-scanDate';
  search = '';
  severity = '';
  dateFilter: DateFilter = '';
  scanDateFrom = '';
  scanDateTo = '';
  selectable = false;
  noSearch = false;
  noFilters = false;
  /** The selected study's id ('' for none). Kept by id, so it survives re-sorting and reloading. */
  selectedStudyId = '';
  /** The clock the "Today" and "Last 7 days" filters read. Defaults to the system clock. */
  clock: () => Date = () => new Date();

  // The provider's selected customer and study, when inside one.
  #providedCustomer = new ContextConsumer(this, { context: customerContext, subscribe: true });
  #providedStudy = new ContextConsumer(this, { context: studyContext, subscribe: true });

  #session = new SessionController(this);
  #internals = this.attachInternals();

  // What is loaded: the rows of the current query, in order, and where the next page starts.
  #rows: Study[] = [];
  #ids = new Set<string>();
  #hasMore = false;
  #nextCursor: string | undefined;
  #selected: Study | undefined;

  // The query the rows belong to. A change of client or query starts over from the first page.
  #client: ApiClient | undefined;
  #query: StudyListQuery = {};
  #queryKey = '';
  #cursor: string | undefined;
  #generation = 0;
  #range: { scanDateFrom?: string; scanDateTo?: string } = {};
  #cols: ColumnName[] = parseColumns('');
  #seenStudyContext: string | undefined;

  // Windowing: measured sizes and the rows now rendered.
  #rowHeight = 35;
  #viewportHeight = 480;
  #scrollTop = 0;
  #window: [number, number] = [0, -1];
  /** New rows are painted first without overscan, the fastest first paint; the overscan follows. */
  #overscan = 0;
  #resizeObserver: ResizeObserver | undefined;

  // Roving focus: the active cell. Row -1 is the header. `active` is the row rendered as active.
  #activeRow = 0;
  #active = -1;
  #activeCol = 0;
  #refocus = false;
  /** The custom states of the last render, set on the host after it. */
  #states: Partial<States> = {};
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  #pages = new FetchTask(this, {
    args: () => [this.#client, this.#query, this.#cursor, this.#generation] as const,
    task: async ([client, query, cursor], { signal }): Promise<Page | typeof initialState> => {
      if (!client) return initialState;
      const request = client.listStudies({ ...query, cursor }, signal);
      // The first date formatted in a page loads the locale's data (tens of ms): done while the
      // first page is on the network, in a task after the request went out, not once it is here.
      if (cursor === undefined) setTimeout(() => formatCalendarDate('2000-01-01', this.#locale));
      const page = await request;
      signal.throwIfAborted();
      return { page, cursor };
    },
    onComplete: (result) => this.#receive(result as Page),
    onError: (e) => this.#failed(e),
  });

  /** The studies loaded so far, in display order. */
  get studies(): readonly Study[] {
    return this.#rows;
  }

  /** The selected study, if one is selected and was loaded. */
  get selectedStudy(): Study | undefined {
    return this.#selected?.studyId === this.selectedStudyId ? this.#selected : undefined;
  }

  /** Loads the list again from the first page, with the current settings; date presets are recomputed. */
  refresh(): Promise<void> {
    this.#range = this.#computeRange();
    this.#reset();
    this.#generation++;
    this.requestUpdate();
    return this.updateComplete.then(() => this.#pages.taskComplete).then(
      () => undefined,
      () => undefined,
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Once rendered (again): the grid and the row probe to measure.
    void this.updateComplete.then(() => this.#observeSizes());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
    clearTimeout(this.#searchTimer);
  }

  get #t(): StudyListMessages {
    return this.#session.messages(messages);
  }

  get #locale(): string {
    return this.#session.locale;
  }

  get #grid(): HTMLElement | null {
    return this.renderRoot.querySelector('.grid');
  }

  #computeRange() {
    return scanDateRange(this.dateFilter, this.scanDateFrom, this.scanDateTo, this.clock());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('columns')) {
      this.#cols = parseColumns(this.columns);
      this.#activeCol = Math.min(this.#activeCol, this.#cols.length - 1);
    }
    if (changed.has('dateFilter') || changed.has('scanDateFrom') || changed.has('scanDateTo') || changed.has('clock')) {
      this.#range = this.#computeRange();
    }
    const providedStudyId = this.#providedStudy.value;
    if (providedStudyId !== this.#seenStudyContext) {
      this.#seenStudyContext = providedStudyId;
      if (providedStudyId !== undefined) this.selectedStudyId = providedStudyId;
    }

    const client = this.#session.client;
    const size = Math.trunc(Number(this.pageSize));
    const query: StudyListQuery = {
      expressCustomerId: this.expressCustomerId || this.#providedCustomer.value || undefined,
      q: this.search.trim() || undefined,
      severity: this.severity === 'high' || this.severity === 'normal' ? this.severity : undefined,
      ...this.#range,
      sort: parseSort(this.sort).sort,
      limit: size >= 1 ? Math.min(size, 100) : DEFAULT_PAGE_SIZE,
    };
    const key = JSON.stringify(query);
    const credentialsChanged = changed.has('token') || changed.has('fetchToken');
    if (client !== this.#client || key !== this.#queryKey) {
      this.#client = client;
      this.#query = query;
      this.#queryKey = key;
      this.#reset();
    } else if (credentialsChanged && this.#pages.status === TaskStatus.ERROR) {
      // New credentials after a failure: start over with them.
      this.#reset();
      this.#generation++;
    }
  }

  /** Forgets the loaded rows (the selection, kept by id, stays). */
  #reset(): void {
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    if (focused?.closest('.body')) this.#refocus = true;
    this.#rows = [];
    this.#ids.clear();
    this.#hasMore = false;
    this.#nextCursor = undefined;
    this.#cursor = undefined;
    if (this.#activeRow >= 0) this.#activeRow = 0;
    this.#scrollTop = 0;
    this.#overscan = 0;
    const grid = this.#grid;
    if (grid) grid.scrollTop = 0;
  }

  #receive({ page, cursor }: Page): void {
    if (cursor === undefined) {
      this.#rows = [];
      this.#ids.clear();
    }
    for (const s of page.studies) {
      if (this.#ids.has(s.studyId)) continue;
      this.#ids.add(s.studyId);
      this.#rows.push(s);
    }
    this.#hasMore = page.hasMore && !!page.nextCursor;
    this.#nextCursor = page.nextCursor;
    if (cursor === undefined && this.#activeRow >= 0) {
      const i = this.selectedStudyId ? this.#rows.findIndex((s) => s.studyId === this.selectedStudyId) : -1;
      this.#activeRow = Math.max(0, i);
    }
    const selected = this.selectedStudyId && page.studies.find((s) => s.studyId === this.selectedStudyId);
    if (selected) this.#selected = selected;
    this.dispatchEvent(new AvaraLoadEvent({ count: this.#rows.length }));
    void this.updateComplete.then(() => {
      if (this.#refocus && this.#rows.length) {
        this.#refocus = false;
        this.#focusCell(this.#activeRow, this.#activeCol);
      }
      this.#maybeLoadMore();
    });
  }

  #failed(e: unknown): void {
    if ((e as Error)?.name === 'AbortError') return;
    const error =
      e instanceof AvaraApiError ? e : new AvaraApiError(0, 'api_error', 'unexpected_response', (e as Error)?.message ?? String(e));
    this.dispatchEvent(new AvaraErrorEvent({ error }));
  }

  /** Asks for the next page when the viewport nears the last loaded row. */
  #maybeLoadMore(): void {
    if (!this.#hasMore || !this.#nextCursor || this.#pages.status !== TaskStatus.COMPLETE) return;
    if (this.#cursor === this.#nextCursor) return;
    const [, last] = this.#visibleRange(0);
    if (last >= this.#rows.length - LOOKAHEAD) {
      this.#cursor = this.#nextCursor;
      this.requestUpdate();
    }
  }

  // Windowing

  #visibleRange(overscan: number): [number, number] {
    const h = this.#rowHeight;
    const body = Math.max(h, this.#viewportHeight - h);
    const first = Math.max(0, Math.floor(this.#scrollTop / h) - overscan);
    const last = Math.min(this.#rows.length - 1, Math.ceil((this.#scrollTop + body) / h) - 1 + overscan);
    return [first, last];
  }

  #onScroll = {
    handleEvent: (e: Event) => {
      const top = (e.currentTarget as HTMLElement).scrollTop;
      if (top === this.#scrollTop) return;
      this.#scrollTop = top;
      const [first, last] = this.#visibleRange((this.#overscan = OVERSCAN));
      if (first !== this.#window[0] || last !== this.#window[1]) this.requestUpdate();
      this.#maybeLoadMore();
    },
    passive: true,
  };

  #observeSizes(): void {
    const grid = this.#grid;
    const probe = this.renderRoot.querySelector('.probe');
    if (!grid || !probe || !this.isConnected || typeof ResizeObserver === 'undefined') return;
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = new ResizeObserver(() => {
      const rowHeight = (probe as HTMLElement).offsetHeight || this.#rowHeight;
      const viewportHeight = grid.clientHeight;
      if (rowHeight === this.#rowHeight && viewportHeight === this.#viewportHeight) return;
      this.#rowHeight = rowHeight;
      this.#viewportHeight = viewportHeight;
      this.requestUpdate();
      void this.updateComplete.then(() => this.#maybeLoadMore());
    });
    this.#resizeObserver.observe(grid);
    this.#resizeObserver.observe(probe);
  }

  protected override updated(): void {
    setStates(this.#internals, this.#states);
    if (!this.#overscan && this.#rows.length) {
      this.#overscan = OVERSCAN;
      // After the frame that paints the rows: the rows around them.
      requestAnimationFrame(() => requestAnimationFrame(() => this.requestUpdate()));
    }
  }

  // Keyboard and pointer

  #focusCell(row: number, col: number): void {
    const cell = this.renderRoot.querySelector<HTMLElement>(`[data-i="${row}"] > [data-c="${col}"]`);
    const el = cell?.querySelector<HTMLElement>('button') ?? cell;
    const grid = this.#grid;
    if (!el || !grid) return;
    el.focus({ preventScroll: true });
    // Scroll the grid itself (never the page) so the cell is in view below the sticky header.
    const h = this.#rowHeight;
    if (row >= 0) {
      const top = (row + 1) * h;
      if (top < grid.scrollTop + h) grid.scrollTop = top - h;
      else if (top + h > grid.scrollTop + grid.clientHeight) grid.scrollTop = top + h - grid.clientHeight;
    }
    const box = el.getBoundingClientRect();
    const start = grid.getBoundingClientRect().left + grid.clientLeft;
    if (box.left < start) grid.scrollLeft -= start - box.left;
    else if (box.right > start + grid.clientWidth) grid.scrollLeft += box.right - start - grid.clientWidth;
  }

  async #moveTo(row: number, col: number): Promise<void> {
    this.#activeRow = row;
    this.#activeCol = col;
    this.requestUpdate();
    await this.updateComplete;
    this.#focusCell(row, col);
  }

  #onFocusIn = (e: FocusEvent) => {
    const cell = (e.target as Element).closest<HTMLElement>('[data-c]');
    const row = cell?.closest<HTMLElement>('[data-i]');
    if (!cell || !row) return;
    const r = Number(row.dataset.i);
    const c = Number(cell.dataset.c);
    if (r !== this.#activeRow || c !== this.#activeCol) {
      this.#activeRow = r;
      this.#activeCol = c;
      this.requestUpdate();
    }
  };

  #onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[data-c]');
    const rowEl = cell?.closest<HTMLElement>('[data-i]');
    if (!cell || !rowEl || e.altKey || e.metaKey) return;
    let r = Number(rowEl.dataset.i);
    let c = Number(cell.dataset.c);
    const last = this.#rows.length - 1;
    const lastCol = this.#cols.length - 1;
    const forward = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    const column = (step: number) => Math.min(Math.max(c + step, 0), lastCol);
    const page = Math.max(1, Math.floor((this.#viewportHeight - this.#rowHeight) / this.#rowHeight) - 1);
    switch (e.key) {
      case 'ArrowDown':
        r = Math.min(r + 1, last);
        break;
      case 'ArrowUp':
        r = Math.max(r - 1, -1);
        break;
      case 'ArrowRight':
        c = column(forward);
        break;
      case 'ArrowLeft':
        c = column(-forward);
        break;
      case 'Home':
        if (e.ctrlKey) r = Math.min(0, last);
        c = 0;
        break;
      case 'End':
        if (e.ctrlKey) r = last;
        c = lastCol;
        break;
      case 'PageDown':
        r = Math.min(r + page, last);
        break;
      case 'PageUp':
        r = r < 0 ? r : Math.max(r - page, 0);
        break;
      case 'Enter':
      case ' ':
        if (target.localName === 'button') return; // a sortable header's button sorts on its own click
        e.preventDefault(); // Space would scroll the grid
        if (r >= 0) this.#select(r);
        return;
      default:
        return;
    }
    e.preventDefault();
    void this.#moveTo(r, c);
  };

  #onClick = (e: MouseEvent) => {
    const target = e.target as Element;
    const sort = target.closest<HTMLElement>('button[data-sort]');
    if (sort) {
      this.sort = nextSort(this.sort, sort.dataset.sort as StudySortField);
      return;
    }
    const row = target.closest<HTMLElement>('.body > [data-i]');
    if (row) this.#select(Number(row.dataset.i));
  };

  #select(i: number): void {
    const study = this.#rows[i];
    if (!this.selectable || !study) return;
    this.selectedStudyId = study.studyId;
    this.#selected = study;
    this.dispatchEvent(new AvaraStudySelectEvent({ study }));
  }

  // Toolbar

  #onSearchInput = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => (this.search = value), SEARCH_DEBOUNCE_MS);
  };

  #onSearchKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    clearTimeout(this.#searchTimer);
    this.search = (e.target as HTMLInputElement).value;
  };

  #clearFilters(): void {
    clearTimeout(this.#searchTimer);
    this.search = '';
    this.severity = '';
    this.dateFilter = '';
    this.scanDateFrom = '';
    this.scanDateTo = '';
  }

  // Rendering

  override render() {
    const t = this.#t;
    const status = this.#pages.status;
    const error = status === TaskStatus.ERROR ? this.#pages.error : undefined;
    const auth = isAuthError(error);
    const n = this.#rows.length;
    const showRows = !auth && n > 0;
    // INITIAL only after a run without a client: no provider's, and no api-base with a credential.
    const unconfigured = status === TaskStatus.INITIAL;
    const loadingFirst = n === 0 && status === TaskStatus.PENDING;
    const loadingMore = showRows && status === TaskStatus.PENDING;
    const { tracks, min } = columnTracks(this.#cols);
    this.#active = showRows ? Math.min(this.#activeRow, n - 1) : -1;
    const rowCount = loadingFirst || (showRows && this.#hasMore) ? -1 : (showRows ? n : 0) + 1;
    const states = (this.#states = {
      loading: loadingFirst,
      empty: n === 0 && status === TaskStatus.COMPLETE,
      error: !!error,
      'auth-error': auth,
      'not-configured': unconfigured,
    });

    // One box that fills the host, so the layout holds whatever display the page gives the host.
    return html`<div class="layout">${this.#renderToolbar(t)}
      <div class="main">
        <div
          part="grid"
          class="grid"
          role="grid"
          aria-label=${t.studies}
          aria-rowcount=${rowCount}
          aria-colcount=${this.#cols.length}
          aria-busy=${loadingFirst || loadingMore ? 'true' : 'false'}
          ${cssVars({ '--_cols': tracks, '--_min': `${min}em` })}
          @scroll=${this.#onScroll}
          @keydown=${this.#onKeyDown}
          @focusin=${this.#onFocusIn}
          @click=${this.#onClick}
        >
          <div role="rowgroup" class="head">
            <div role="row" part="header" class="row" aria-rowindex="1" data-i="-1">
              ${this.#cols.map((c, ci) => this.#renderHeader(c, ci, t))}
            </div>
          </div>
          ${showRows ? this.#renderBody(t, loadingMore) : loadingFirst ? this.#renderSkeleton() : nothing}
        </div>
        ${this.#renderStatus(t, states, loadingMore)}
        <div class="probe" aria-hidden="true"></div>
      </div></div>`;
  }

  #renderToolbar(t: StudyListMessages) {
    if (this.noSearch && this.noFilters) return nothing;
    const custom = this.dateFilter === 'custom';
    return html`<div part="toolbar" class="toolbar">
      ${this.noSearch
        ? nothing
        : html`<label class="field search">
            <span class="label">${t.search}</span>
            <input
              part="search"
              type="search"
              autocomplete="off"
              spellcheck="false"
              placeholder=${t.searchPlaceholder}
              .value=${this.search}
              @input=${this.#onSearchInput}
              @keydown=${this.#onSearchKey}
            />
          </label>`}
      ${this.noFilters
        ? nothing
        : html`<label class="field">
              <span class="label">${t.severityFilter}</span>
              <select part="filter" class="severity" .value=${this.severity} @change=${(e: Event) => (this.severity = (e.target as HTMLSelectElement).value)}>
                <option value="">${t.allSeverities}</option>
                <option value="high">${t.severityHigh}</option>
                <option value="normal">${t.severityNormal}</option>
              </select>
            </label>
            <label class="field">
              <span class="label">${t.dateFilter}</span>
              <select
                part="filter"
                class="date-filter"
                .value=${this.dateFilter}
                @change=${(e: Event) => (this.dateFilter = (e.target as HTMLSelectElement).value as DateFilter)}
              >
                <option value="">${t.anyDate}</option>
                <option value="today">${t.today}</option>
                <option value="last-7-days">${t.last7Days}</option>
                <option value="custom">${t.customRange}</option>
              </select>
            </label>
            ${custom
              ? html`<label class="field">
                    <span class="label">${t.from}</span>
                    <input
                      part="filter"
                      class="from"
                      type="date"
                      .value=${this.scanDateFrom}
                      max=${this.scanDateTo || nothing}
                      @change=${(e: Event) => (this.scanDateFrom = (e.target as HTMLInputElement).value)}
                    />
                  </label>
                  <label class="field">
                    <span class="label">${t.to}</span>
                    <input
                      part="filter"
                      class="to"
                      type="date"
                      .value=${this.scanDateTo}
                      min=${this.scanDateFrom || nothing}
                      @change=${(e: Event) => (this.scanDateTo = (e.target as HTMLInputElement).value)}
                    />
                  </label>`
              : nothing}`}
    </div>`;
  }

  #renderHeader(c: ColumnName, ci: number, t: StudyListMessages) {
    const field = COLUMNS[c].sort;
    const tabindex = this.#active < 0 && this.#activeCol === ci ? 0 : -1;
    const label = t.columns[c];
    if (!field) {
      return html`<div role="columnheader" part="header-cell" class="cell" data-c=${ci} tabindex=${tabindex} title=${label}>${label}</div>`;
    }
    const { field: sorted, descending } = parseSort(this.sort);
    const on = sorted === field;
    return html`<div role="columnheader" part="header-cell" class="cell" data-c=${ci} aria-sort=${on ? (descending ? 'descending' : 'ascending') : nothing}>
      <button type="button" class="sort" data-sort=${field} tabindex=${tabindex} title=${label}>
        <span class="sort-label">${label}</span><span class="arrow" aria-hidden="true">${on ? (descending ? '▼' : '▲') : '↕'}</span>
      </button>
    </div>`;
  }

  #renderBody(t: StudyListMessages, loadingMore: boolean) {
    const [first, last] = (this.#window = this.#visibleRange(this.#overscan));
    const indices: number[] = [];
    const active = this.#active;
    if (active >= 0 && active < first) indices.push(active);
    for (let i = first; i <= last; i++) indices.push(i);
    if (active > last) indices.push(active);
    const locale = this.#locale;
    const total = this.#rows.length + (loadingMore ? 1 : 0);
    return html`<div role="rowgroup" class="body" ${cssVars({ '--n': total })}>
      ${keyedParts(
        indices,
        (i) => this.#rows[i]!.studyId,
        (i) => this.#renderRow(this.#rows[i]!, i, i === this.#active ? this.#activeCol : -1, t, locale),
        // A row that stays in view renders again only when something it shows has changed.
        (i) => {
          const s = this.#rows[i]!;
          return [s, i, s.studyId === this.selectedStudyId, i === this.#active ? this.#activeCol : -1, this.selectable, this.#cols, t, locale];
        },
      )}
      ${loadingMore ? html`<div class="row skeleton-row" aria-hidden="true" ${cssVars({ '--i': this.#rows.length })}>${this.#skeletonCells()}</div>` : nothing}
    </div>`;
  }

  #renderRow(s: Study, i: number, activeCol: number, t: StudyListMessages, locale: string) {
    const selected = s.studyId === this.selectedStudyId;
    return html`<div
      role="row"
      part="row"
      class="row"
      aria-rowindex=${i + 2}
      aria-selected=${this.selectable ? (selected ? 'true' : 'false') : nothing}
      data-i=${i}
      data-study-id=${s.studyId}
      ${cssVars({ '--i': i })}
    >
      ${this.#cols.map(
        (c, ci) =>
          html`<div role="gridcell" part="cell cell-${c}" class="cell" data-c=${ci} tabindex=${ci === activeCol ? 0 : -1}>${this.#cellContent(c, s, t, locale)}</div>`,
      )}
    </div>`;
  }

  #cellContent(c: ColumnName, s: Study, t: StudyListMessages, locale: string): string | TemplateResult {
    const m = s.reportMetadata ?? {};
    switch (c) {
      case 'patientName':
        return formatPersonName(text(m.patientName)) || html`<span part="placeholder" class="placeholder">${t.noName}</span>`;
      case 'studyDescription':
        return text(s.studyDescription);
      case 'scanDate':
      case 'dateOfBirth':
        return formatCalendarDate(text(m[c]), locale);
      case 'severity':
        return s.severity === 'high'
          ? html`<span class="sev high">${t.severityHigh}</span>`
          : s.severity === 'normal'
            ? html`<span class="sev">${t.severityNormal}</span>`
            : text(s.severity);
      case 'sex':
        return m.sex === 'female'
          ? t.sexFemale
          : m.sex === 'male'
            ? t.sexMale
            : m.sex === 'other'
              ? t.sexOther
              : m.sex === 'unknown'
                ? t.sexUnknown
                : text(m.sex);
      case 'product':
        return s.product === 'autoScribe' ? t.productAutoScribe : s.product === 'viewer' ? t.productViewer : text(s.product);
      case 'createdAt': {
        const d = new Date(text(s.createdAt));
        return Number.isNaN(d.getTime()) ? '' : dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
      }
      default:
        return text(m[c]);
    }
  }

  #skeletonCells() {
    return this.#cols.map(() => html`<div class="cell"><span class="bar"></span></div>`);
  }

  #renderSkeleton() {
    const count = Math.min(20, Math.max(3, Math.ceil((this.#viewportHeight - this.#rowHeight) / this.#rowHeight)));
    const rows = [];
    for (let i = 0; i < count; i++) rows.push(html`<div class="row" ${cssVars({ '--i': i })}>${this.#skeletonCells()}</div>`);
    return html`<div class="body skeleton" aria-hidden="true" ${cssVars({ '--n': count })}>${rows}</div>`;
  }

  #renderStatus(t: StudyListMessages, s: States, loadingMore: boolean) {
    if (s['auth-error']) return html`<div part="status" class="status overlay error" role="alert">${t.authError}</div>`;
    if (s.error) {
      const more = this.#rows.length > 0;
      return html`<div part="status" class="status ${more ? 'footer' : 'overlay'} error" role="alert">
        <span>${more ? t.errorMore : t.errorTitle}</span>
        <button part="retry-button" type="button" class="retry" @click=${() => this.#pages.run()}>${t.retry}</button>
      </div>`;
    }
    if (s['not-configured']) return html`<div part="status" class="status overlay" role="status">${t.notConfigured}</div>`;
    if (s.loading || loadingMore) return html`<div part="status" class="visually-hidden" role="status">${s.loading ? t.loading : t.loadingMore}</div>`;
    if (s.empty) {
      const filtered = !!(this.#query.q || this.#query.severity || this.#query.scanDateFrom || this.#query.scanDateTo);
      return html`<div part="status" class="status overlay">
        <p>${filtered ? t.emptyFiltered : t.empty}</p>
        ${filtered ? html`<button part="clear-button" type="button" class="clear" @click=${this.#clearFilters}>${t.clearFilters}</button>` : nothing}
      </div>`;
    }
    return nothing;
  }
}
