import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ApiClient, CustomerList, ExpressCustomer, Me } from '../../client/api-client.js';
import type { FetchToken } from '../../client/token-manager.js';
import { customerContext } from '../../context/contexts.js';
import { FetchTask, TaskStatus, initialState } from '../../context/fetch-task.js';
import { SessionController, isAuthError } from '../../context/session-controller.js';
import { AvaraCustomerChangeEvent } from '../../events/customer-change.js';
import { tokenStyles } from '../../theme/tokens.js';
import { messages, type CustomerSwitcherMessages } from './customer-switcher.messages.js';
import { styles } from './customer-switcher.styles.js';

/** Customers asked for per request. */
export const PAGE_SIZE = 50;
/** More customers than this (or more than one page) and the picker becomes a search box. */
export const SEARCH_THRESHOLD = 10;
const SEARCH_DEBOUNCE_MS = 250;
const TYPEAHEAD_MS = 500;
/** How many pages of 100 to walk to find a remembered customer that is not on the first page. */
const RESOLVE_PAGES = 20;
/** localStorage key prefix of `persist`; the user id follows. Only a customer id is stored. */
export const STORAGE_PREFIX = 'avara.customer-switcher.v1:';

/** A list of customers as shown: the first page(s) without a query, or the matches of one. */
interface Listing extends CustomerList {
  query: string;
}

type Mode = 'none' | 'label' | 'select' | 'search';

/** An entry of the listbox; also a choice (`id` '' and `customer` null for "All customers"). */
interface Option {
  id: string;
  label?: string;
  customer: ExpressCustomer | null;
  disabled?: boolean;
}

interface Loaded {
  base: Listing;
  me: Me;
}

/** Fills the one `{placeholder}` of a message (as text: `$` in `value` is not special). */
const fill = (template: string, value: string) => template.replace(/\{\w+\}/, () => value);

const prevent = (e: Event) => e.preventDefault();

/**
 * The `persist` memory of one user: reads it (no `value`), forgets it (`null`) or stores a
 * customer id. Where storage is refused (privacy settings, a sandboxed frame) nothing is
 * remembered and nothing fails.
 */
function stored(userId: string, value?: string | null): string | undefined {
  try {
    const storage = globalThis.localStorage;
    const key = STORAGE_PREFIX + userId;
    if (value === undefined) return storage?.getItem(key) ?? undefined;
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    /* as above */
  }
  return undefined;
}

/**
 * Picks the Express customer the other elements show. A user with one customer sees a plain
 * label; several customers give a listbox picker (a select-only combobox with typeahead); more
 * than fit on a page give a search box that asks the server (`q`), page by page.
 *
 * @tag avara-customer-switcher
 *
 * @attr api-base - Base URL of the Avara API, with or without its `/v1` (standalone use; inside `<avara-provider>` the provider's).
 * @attr token - A widget token, standalone use (prefer the `token` property, or `fetchToken`).
 * @attr value - The selected Express customer id; '' for "All customers" (with `include-all`) or the first customer.
 * @attr include-all - Offer "All customers" (every customer the token allows; for admins also studies attached to none).
 * @attr persist - Remember the last choice per user in localStorage (the customer id only, keyed by user id).
 * @attr locale - BCP 47 locale; defaults to the provider's, then the page's `lang`.
 * @fires avara-customer-change - The user picked a customer (or a remembered or initial choice was restored); `detail.expressCustomerId` ('' for all) and `detail.customer` (null for all).
 * @fires avara-token-refreshed - Standalone: a new token arrived from `fetchToken`; `detail.expiresAt`.
 * @fires avara-auth-error - Standalone: `fetchToken` failed or the API refused the token; `detail.error`.
 * @csspart label - The "Customer" label.
 * @csspart control - The closed picker (the combobox, or the search box's frame), or the plain label's value.
 * @csspart input - The search box.
 * @csspart button - The search box's open button.
 * @csspart popup - The popup holding the listbox.
 * @csspart listbox - The list of customers.
 * @csspart option - One customer; also `option-selected` and `option-active`.
 * @csspart inactive-badge - The "Inactive" mark of an inactive customer (admins only see those).
 * @csspart status - Loading, empty and error messages.
 * @csspart retry-button - The button that loads the customers again after an error.
 * @cssproperty --avara-customer-switcher-width - The width of the picker (default 16rem).
 * @cssproperty --avara-customer-switcher-popup-max-height - The popup's greatest height before it scrolls (default 18rem).
 */
export class AvaraCustomerSwitcher extends LitElement {
  static override styles = [tokenStyles, styles];

  static override properties = {
    apiBase: { attribute: 'api-base' },
    token: {},
    fetchToken: { attribute: false },
    value: {},
    includeAll: { attribute: 'include-all', type: Boolean },
    persist: { type: Boolean },
    locale: {},
    providedCustomerId: { state: true },
    open: { state: true },
    activeIndex: { state: true },
    inputText: { state: true },
    query: { state: true },
    searchQuery: { state: true },
    loadingMore: { state: true },
    announcement: { state: true },
  };

  apiBase = '';
  /** A widget token minted by the host's server (standalone use). Never put it in a URL. */
  token = '';
  /** Standalone use: called for a new token at start, before expiry and after a 401. */
  fetchToken: FetchToken | undefined;
  /** The selected Express customer id ('' for all, or none yet). */
  value = '';
  includeAll = false;
  persist = false;
  locale = '';

  /** The provider's selected customer, when inside one. */
  private providedCustomerId: string | undefined;
  private open = false;
  private activeIndex = -1;
  /** What the search box shows; `query` is what was typed, `searchQuery` what was sent (debounced). */
  private inputText = '';
  private query = '';
  private searchQuery = '';
  private loadingMore = false;
  private announcement = '';

  #providedCustomer = new ContextConsumer(this, {
    context: customerContext,
    subscribe: true,
    callback: (id) => (this.providedCustomerId = id),
  });
  #session = new SessionController(this);
  #known = new Map<string, ExpressCustomer>();
  #selected: ExpressCustomer | null = null;
  #lastProvided: string | undefined;
  /** The `value` last shown, so a change made by code is told from one made here. */
  #appliedValue: string | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #typeahead = '';
  #typeaheadTimer: ReturnType<typeof setTimeout> | undefined;
  #moreAbort: AbortController | undefined;
  #moveAfterMore = false;

  #load = new FetchTask(this, {
    args: () => [this.#session.client] as const,
    task: async ([client], { signal }): Promise<Loaded | typeof initialState> => {
      if (!client) return initialState;
      const [page, me] = await Promise.all([client.listCustomers({ limit: PAGE_SIZE }, signal), client.me(signal)]);
      const loaded = { base: this.#listingOf('', page), me };
      await this.#settle(client, loaded, signal);
      return loaded;
    },
  });

  #search = new FetchTask(this, {
    args: () => [this.#session.client, this.searchQuery] as const,
    task: async ([client, q], { signal }): Promise<Listing | undefined> => {
      if (!client || !q) return undefined;
      const listing = this.#listingOf(q, await client.listCustomers({ q, limit: PAGE_SIZE }, signal));
      this.#announce(listing);
      return listing;
    },
  });

  /** The customer shown as selected (null for "All customers" or none). */
  get selectedCustomer(): ExpressCustomer | null {
    return this.#selected;
  }

  /** Loads the customers again. */
  reload(): Promise<unknown> {
    return this.#load.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#moreAbort?.abort();
    this.#close();
    this.#listen(false);
  }

  // State

  get #t(): CustomerSwitcherMessages {
    return this.#session.messages(messages);
  }

  get #locale(): string {
    return this.#session.locale;
  }

  get #loaded(): Loaded | undefined {
    return this.#load.status === TaskStatus.COMPLETE ? (this.#load.value as Loaded | undefined) : undefined;
  }

  /** "All customers" is offered with include-all to an admin, or to a member of several customers. */
  #allows(loaded = this.#loaded): boolean {
    const base = loaded?.base;
    return this.includeAll && !!base && (loaded.me.role === 'platform_admin' || base.expressCustomers.length > 1 || base.hasMore);
  }

  #modeOf(loaded = this.#loaded): Mode {
    const base = loaded?.base;
    if (!base) return 'none';
    const n = base.expressCustomers.length;
    if (base.hasMore || n > SEARCH_THRESHOLD) return 'search';
    const count = n + (this.#allows(loaded) ? 1 : 0);
    return count > 1 ? 'select' : count ? 'label' : 'none';
  }

  get #mode(): Mode {
    return this.#modeOf();
  }

  /** The listing the popup shows: the matches of the current query, or the first page(s). */
  get #listing(): Listing | undefined {
    if (this.#mode !== 'search' || !this.query) return this.#loaded?.base;
    const v = this.#search.value;
    return this.#search.status === TaskStatus.COMPLETE && v?.query === this.query ? v : undefined;
  }

  get #options(): Option[] {
    const t = this.#t;
    const listing = this.#listing;
    const q = this.query;
    const out: Option[] = !q && this.#allows() ? [{ id: '', label: t.allCustomers, customer: null }] : [];
    for (const c of listing?.expressCustomers ?? []) out.push({ id: c.expressCustomerId, label: c.expressCustomerName, customer: c });
    // In place of options: searching, the search failed, or nothing to show.
    const note = listing
      ? !out.length && (q ? fill(t.noMatches, q) : t.noCustomers)
      : q && this.#mode === 'search' && (this.#search.status !== TaskStatus.ERROR ? t.searching : isAuthError(this.#search.error) ? t.authError : t.errorTitle);
    if (note) out.push({ id: '', label: note, customer: null, disabled: true });
    return out;
  }

  #listingOf(query: string, page: CustomerList): Listing {
    for (const c of page.expressCustomers) this.#known.set(c.expressCustomerId, c);
    return { ...page, query };
  }

  /** Finds a customer by id: among those seen, else page on from `base` (a remembered one may be on page 3). */
  async #resolve(client: ApiClient, id: string, base: Listing, signal?: AbortSignal): Promise<ExpressCustomer | undefined> {
    let page: CustomerList = base;
    for (let i = 0; !this.#known.has(id) && i < RESOLVE_PAGES && page.hasMore && page.nextCursor; i++) {
      page = this.#listingOf('', await client.listCustomers({ limit: 100, cursor: page.nextCursor }, signal));
    }
    return this.#known.get(id);
  }

  /**
   * After the first load: the `value` attribute, else the remembered choice, else the provider's,
   * else "All customers" (with include-all) or the first customer. A choice that differs from
   * the provider's is announced, so the provider's other elements follow.
   */
  async #settle(client: ApiClient, loaded: Loaded, signal: AbortSignal): Promise<void> {
    const userId = this.persist ? loaded.me.userId : null;
    const remembered = !this.value && userId ? stored(userId) : undefined;
    const all = this.#allows(loaded);
    const first = loaded.base.expressCustomers[0];
    let choice: Option | undefined;
    for (const id of this.value ? [this.value] : [remembered, this.providedCustomerId || undefined]) {
      if (id === undefined) continue;
      const customer = /^cus_[0-9a-f]{32}$/.test(id) ? await this.#resolve(client, id, loaded.base, signal) : undefined;
      if (customer || (id === '' && all)) {
        choice = { id, customer: customer ?? null };
        break;
      }
      if (id && id === remembered) stored(userId!, null); // gone or no longer allowed: forget it
    }
    choice ??= all || !first ? { id: '', customer: null } : { id: first.expressCustomerId, customer: first };
    signal.throwIfAborted();
    this.#setValue(choice);
    this.#lastProvided = this.providedCustomerId;
    // A one-customer user's label announces nothing.
    const mode = this.#modeOf(loaded);
    if (mode !== 'label' && mode !== 'none' && choice.id !== (this.providedCustomerId ?? '')) this.#fire(choice);
  }

  #setValue({ id, customer }: Option): void {
    this.#appliedValue = this.value = id;
    this.#selected = customer;
  }

  #fire({ id, customer }: Option): void {
    this.dispatchEvent(new AvaraCustomerChangeEvent({ expressCustomerId: id, customer }));
  }

  get #displayName(): string {
    return this.#selected?.expressCustomerName ?? (this.value === '' && this.#allows() ? this.#t.allCustomers : '');
  }

  protected override willUpdate(changed: PropertyValues): void {
    const loaded = this.#loaded;
    const provided = this.providedCustomerId;
    if (!loaded) return;
    if (changed.has('providedCustomerId') && provided !== this.#lastProvided) {
      this.#lastProvided = provided;
      // Another picker (or the host through the provider) changed the selection: show it.
      if (provided !== undefined) this.value = provided;
    }
    // A selection made by code: show it (no event).
    if (this.value === this.#appliedValue) return;
    const id = (this.#appliedValue = this.value);
    this.#selected = (id && this.#known.get(id)) || null;
    const client = this.#session.client;
    if (id && !this.#selected && client) {
      this.#resolve(client, id, loaded.base).then(
        (c) => {
          if (c && this.value === id) {
            this.#selected = c;
            this.requestUpdate();
          }
        },
        () => {},
      );
    }
  }

  /** The user's choice: select, remember, announce. */
  #pick(option: Option): void {
    if (option.disabled) return;
    const changed = option.id !== this.value;
    this.#setValue(option);
    this.#close();
    // In the search box, the chosen name is selected, so typing starts a new search.
    if (this.#mode === 'search') this.updateComplete.then(() => this.renderRoot.querySelector('input')?.select());
    const userId = this.persist && this.#loaded?.me.userId;
    if (userId) stored(userId, option.id);
    if (changed) {
      this.#lastProvided = option.id;
      this.#fire(option);
    }
  }

  // Opening, closing, moving

  /** Opens the popup on option `active`, or on the chosen one (none in the search box). */
  #openPopup(active?: number): void {
    const options = this.#options;
    this.open = true;
    this.inputText = this.#displayName;
    this.activeIndex =
      active === undefined
        ? this.#mode === 'search'
          ? -1
          : Math.max(0, options.findIndex((o) => !o.disabled && o.id === this.value))
        : options[active]?.disabled
          ? -1
          : active;
  }

  #close(): void {
    this.open = false;
    this.activeIndex = -1;
    this.#moveAfterMore = false;
    this.#typeahead = '';
    clearTimeout(this.#typeaheadTimer);
    if (this.#mode === 'search') {
      clearTimeout(this.#searchTimer);
      this.query = this.searchQuery = this.announcement = '';
    }
  }

  #move(to: number): void {
    const options = this.#options;
    if (options.some((o) => !o.disabled)) this.activeIndex = Math.max(0, Math.min(options.length - 1, to));
  }

  /** Moves by `delta`; past the end of the loaded results, loads the next page and moves on when it arrives. */
  #moveBy(delta: number): void {
    const last = this.#options.length - 1;
    const i = this.activeIndex;
    if (i >= 0 && delta > 0 && i + delta > last && this.#listing?.hasMore) {
      this.#moveAfterMore = true;
      this.#loadMore();
    }
    this.#move(i < 0 ? (delta > 0 ? 0 : last) : i + delta);
  }

  /** The next page of the listing shown (on reaching its end by keyboard or scrolling). */
  async #loadMore(): Promise<void> {
    const listing = this.#listing;
    const client = this.#session.client;
    if (!listing?.hasMore || !listing.nextCursor || this.loadingMore || !client) return;
    this.loadingMore = true;
    const abort = (this.#moreAbort = new AbortController());
    try {
      const page = this.#listingOf('', await client.listCustomers({ q: listing.query || undefined, limit: PAGE_SIZE, cursor: listing.nextCursor }, abort.signal));
      if (abort.signal.aborted) return;
      listing.expressCustomers = [...listing.expressCustomers, ...page.expressCustomers];
      listing.hasMore = page.hasMore;
      listing.nextCursor = page.nextCursor;
      if (listing.query) this.#announce(listing);
      if (this.#moveAfterMore && this.open) this.#move(this.activeIndex + 1);
    } catch {
      // Keep what is loaded; scrolling or the arrow key tries again.
    } finally {
      if (this.#moreAbort === abort) {
        this.#moreAbort = undefined;
        this.loadingMore = this.#moveAfterMore = false;
      }
    }
  }

  #count(n: number): string {
    return new Intl.NumberFormat(this.#locale).format(n);
  }

  #announce({ expressCustomers: { length: n }, hasMore, query }: Listing): void {
    const t = this.#t;
    this.announcement = n
      ? fill(hasMore ? t.countMore : new Intl.PluralRules(this.#locale).select(n) === 'one' ? t.countOne : t.countOther, this.#count(n))
      : fill(t.noMatches, query);
  }

  // Events

  /** The keyboard of the picker (select-only combobox) and of the search box (editable combobox): docs/elements.md. */
  #onKeydown(e: KeyboardEvent): void {
    const { key, altKey } = e;
    const open = this.open;
    const active = this.activeIndex >= 0;
    const last = this.#options.length - 1;
    const step = ({ ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 } as Record<string, number>)[key];
    const edge = key === 'Home' ? 0 : key === 'End' ? last : undefined;
    if (this.#mode === 'search') {
      if (key === 'Tab') {
        if (open) this.#close();
        return;
      }
      if (!open) {
        if (key === 'ArrowDown') this.#openPopup(altKey ? undefined : 0);
        else if (key === 'ArrowUp') this.#openPopup(last);
        else return;
      } else if (key === 'Enter') this.#pickActive();
      else if (key === 'Escape' || (key === 'ArrowUp' && altKey)) this.#close();
      // Page keys move only in the list; Home and End move the caret unless an option is active.
      else if (step && (active || key.startsWith('Arrow'))) this.#moveBy(step);
      else if (edge !== undefined && active) this.#move(edge);
      else return;
    } else {
      const typeahead = key.length === 1 && !e.ctrlKey && !e.metaKey && !altKey;
      if (!open) {
        if (key === 'ArrowDown' || key === 'Enter' || key === ' ') this.#openPopup();
        else if (key === 'ArrowUp' || edge !== undefined) this.#openPopup(edge ?? 0);
        else if (typeahead) {
          this.#openPopup();
          this.#typeaheadKey(key);
        } else return;
      } else if (key === 'Tab') return this.#pickActive(); // focus moves on as usual
      else if (key === 'Escape') this.#close();
      else if (key === 'Enter' || (key === 'ArrowUp' && altKey) || (key === ' ' && !this.#typeahead)) this.#pickActive();
      else if (step) this.#moveBy(step);
      else if (edge !== undefined) this.#move(edge);
      else if (typeahead) this.#typeaheadKey(key);
      else return;
    }
    e.preventDefault();
  }

  #onInput(e: InputEvent): void {
    const text = (e.target as HTMLInputElement).value;
    this.inputText = text;
    this.query = text.trim();
    this.open = true;
    this.activeIndex = -1;
    this.#moreAbort?.abort();
    clearTimeout(this.#searchTimer);
    if (this.query) this.#searchTimer = setTimeout(() => (this.searchQuery = this.query), SEARCH_DEBOUNCE_MS);
    else this.searchQuery = this.announcement = '';
  }

  #pickActive(): void {
    const option = this.#options[this.activeIndex];
    if (option && !option.disabled) this.#pick(option);
    else this.#close();
  }

  /** Typeahead: letters typed within half a second jump to the next option starting with them; one letter repeated cycles. */
  #typeaheadKey(key: string): void {
    clearTimeout(this.#typeaheadTimer);
    this.#typeaheadTimer = setTimeout(() => (this.#typeahead = ''), TYPEAHEAD_MS);
    const buffer = (this.#typeahead += key.toLocaleLowerCase(this.#locale));
    const options = this.#options;
    const n = options.length;
    const repeated = [...buffer].every((c) => c === buffer[0]);
    const start = Math.max(0, this.activeIndex + (repeated ? 1 : 0));
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      const o = options[i]!;
      if (!o.disabled && o.label!.toLocaleLowerCase(this.#locale).startsWith(repeated ? buffer[0]! : buffer)) {
        this.activeIndex = i;
        return;
      }
    }
  }

  #onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (this.open && !(to && this.renderRoot.contains(to))) this.#close();
  }

  #onListboxScroll(e: Event): void {
    const el = e.currentTarget as HTMLElement;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 48) this.#loadMore();
  }

  #focusCombo = () => this.renderRoot.querySelector<HTMLElement>('#combo')?.focus();

  #reposition = () => this.#positionPopup();

  #listen(on: boolean): void {
    const listen = (on ? addEventListener : removeEventListener) as typeof addEventListener;
    listen('resize', this.#reposition);
    listen('scroll', this.#reposition, true);
  }

  protected override updated(changed: PropertyValues): void {
    const root = this.renderRoot;
    const open = this.open;
    const popup = root.querySelector<HTMLElement>('.popup');
    const input = root.querySelector('input');
    const option = root.querySelector<HTMLElement>(`#opt-${this.activeIndex}`);
    const listbox = root.querySelector<HTMLElement>('#listbox');
    if (changed.has('open')) this.#listen(open);
    // The search box shows what was typed while open, else the chosen name (also after the user typed).
    const text = open ? this.inputText : this.#displayName;
    if (input && input.value !== text) input.value = text;
    if (popup) {
      if (!popup.showPopover) popup.hidden = !open;
      else if (open !== popup.matches(':popover-open')) {
        if (open) popup.showPopover();
        else popup.hidePopover();
      }
      if (open) this.#positionPopup();
    }
    if (open && option && listbox) {
      // Keep the active option in view without scrolling the page.
      const top = option.offsetTop;
      listbox.scrollTop = Math.min(top, Math.max(listbox.scrollTop, top + option.offsetHeight - listbox.clientHeight));
    }
  }

  /**
   * Places the popup under the control, its inline-start edge on the control's (the left in
   * left-to-right text, the right in right-to-left), flipped to the inline-end edge when it would
   * leave the window, and above the control when there is more room there.
   */
  #positionPopup(): void {
    const popup = this.renderRoot.querySelector<HTMLElement>('.popup');
    const control = this.renderRoot.querySelector('.control');
    if (!popup?.showPopover || !control) return;
    const r = control.getBoundingClientRect();
    const style = popup.style;
    style.minInlineSize = `${r.width}px`;
    const w = popup.offsetWidth;
    const h = popup.offsetHeight;
    const { clientWidth: vw, clientHeight: vh } = document.documentElement;
    const rtl = getComputedStyle(this).direction === 'rtl';
    let left = rtl ? r.right - w : r.left;
    if (rtl ? left < 4 : left + w > vw - 4) left = rtl ? r.left : r.right - w;
    const below = vh - r.bottom;
    style.left = `${Math.round(Math.max(4, Math.min(left, vw - w - 4)))}px`;
    style.top = `${Math.round(h + 4 > below && r.top > below ? Math.max(4, r.top - h - 4) : r.bottom + 4)}px`;
  }

  // Rendering

  override render() {
    const t = this.#t;
    const label = html`<span id="label" class="label" part="label" @click=${this.#focusCombo}>${t.label}</span>`;
    const { status, error } = this.#load;
    if (status === TaskStatus.ERROR) {
      const auth = isAuthError(error);
      return html`${label}<span class="status error" part="status" role="alert">${auth ? t.authError : t.errorTitle}</span>${!auth ||
        this.#session.tokens?.canRefresh
          ? html`<button class="retry" part="retry-button" type="button" @click=${() => this.reload()}>${t.retry}</button>`
          : nothing}`;
    }
    if (status !== TaskStatus.COMPLETE) {
      // INITIAL: nothing to fetch, for want of a provider's client or api-base with a credential.
      return html`${label}<span class="status" part="status" role="status">${status === TaskStatus.INITIAL ? t.notConfigured : t.loading}</span>`;
    }
    const mode = this.#mode;
    if (mode === 'none' || mode === 'label') {
      const name = mode === 'label' && this.#displayName;
      return html`${label}<span class="value ${name ? '' : 'muted'}" part="control">${name || t.noCustomers}${this.#badge(this.#selected)}</span>`;
    }
    return html`${label}<div class="anchor">${mode === 'select' ? this.#renderSelect() : this.#renderSearch()}${this.#renderPopup()}</div>${mode ===
    'search'
      ? html`<span class="visually-hidden" role="status">${this.announcement}</span>`
      : nothing}`;
  }

  #badge(customer: ExpressCustomer | null) {
    return customer && !customer.isActive ? html`<span class="badge" part="inactive-badge">${this.#t.inactive}</span>` : nothing;
  }

  get #activeDescendant() {
    return this.open && this.activeIndex >= 0 ? `opt-${this.activeIndex}` : nothing;
  }

  #renderSelect() {
    const name = this.#displayName;
    return html`<div
      id="combo"
      class="control"
      part="control"
      role="combobox"
      tabindex="0"
      aria-labelledby="label"
      aria-haspopup="listbox"
      aria-controls="listbox"
      aria-expanded=${this.open}
      aria-activedescendant=${this.#activeDescendant}
      title=${name || nothing}
      @keydown=${this.#onKeydown}
      @click=${() => (this.open ? this.#close() : this.#openPopup())}
      @focusout=${this.#onFocusOut}
    >
      <span class="text ${name ? '' : 'muted'}">${name || this.#t.chooseCustomer}</span>${this.#badge(this.#selected)}<span
        class="chevron"
        aria-hidden="true"
      ></span>
    </div>`;
  }

  #renderSearch() {
    const t = this.#t;
    return html`<div class="control search" part="control" @focusout=${this.#onFocusOut}>
      <input
        id="combo"
        part="input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-labelledby="label"
        aria-controls="listbox"
        aria-expanded=${this.open}
        aria-activedescendant=${this.#activeDescendant}
        autocomplete="off"
        spellcheck="false"
        placeholder=${t.searchPlaceholder}
        @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
        @click=${() => !this.open && this.#openPopup()}
      />${this.open ? nothing : this.#badge(this.#selected)}<button
        type="button"
        part="button"
        tabindex="-1"
        aria-label=${t.showCustomers}
        aria-controls="listbox"
        aria-expanded=${this.open}
        @pointerdown=${prevent}
        @click=${() => {
          this.#focusCombo();
          if (this.open) this.#close();
          else this.#openPopup();
        }}
      >
        <span class="chevron" aria-hidden="true"></span>
      </button>
    </div>`;
  }

  #renderPopup() {
    const listing = this.#listing;
    const status = this.loadingMore
      ? this.#t.loadingMore
      : listing?.hasMore && this.#mode === 'search' && fill(this.#t.countMore, this.#count(listing.expressCustomers.length));
    return html`<div class="popup" part="popup" popover="manual" @pointerdown=${prevent}>
      <div id="listbox" role="listbox" part="listbox" aria-labelledby="label" @scroll=${this.#onListboxScroll}>
        ${this.#options.map((o, i) => {
          const selected = !o.disabled && o.id === this.value && (o.customer !== null || !this.query);
          const active = this.open && i === this.activeIndex;
          return html`<div
            id="opt-${i}"
            role="option"
            part="option${selected ? ' option-selected' : ''}${active ? ' option-active' : ''}"
            class="option ${active ? 'active' : ''} ${o.disabled ? 'disabled' : ''}"
            aria-selected=${selected}
            aria-disabled=${o.disabled || nothing}
            @click=${() => this.#pick(o)}
          >
            <span class="check" aria-hidden="true">${selected ? '✓' : ''}</span><span class="name">${o.label}</span>${this.#badge(o.customer)}
          </div>`;
        })}
      </div>
      ${status ? html`<div class="popup-status" part="status">${status}</div>` : nothing}
    </div>`;
  }
}
