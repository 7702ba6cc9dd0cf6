import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { ApiClient, ExpressCustomer, Me } from '../../client/api-client.js';
import type { FetchToken } from '../../client/token-manager.js';
import { customerContext, localeContext } from '../../context/contexts.js';
import { SessionController, isAuthError } from '../../context/session-controller.js';
import { AvaraCustomerChangeEvent } from '../../events/customer-change.js';
import { pickMessages, resolveLocale } from '../../format/locale.js';
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
interface Listing {
  query: string;
  customers: ExpressCustomer[];
  hasMore: boolean;
  nextCursor?: string;
}

type Mode = 'none' | 'label' | 'select' | 'search';

interface Option {
  id: string;
  label: string;
  customer: ExpressCustomer | null;
  disabled?: boolean;
}

interface Loaded {
  base: Listing;
  me: Me;
}

const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

function readStored(userId: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(STORAGE_PREFIX + userId) ?? undefined;
  } catch {
    return undefined; // storage refused (privacy settings, sandboxed frame): no memory, no error
  }
}

function writeStored(userId: string, value: string | undefined): void {
  try {
    if (value === undefined) globalThis.localStorage?.removeItem(STORAGE_PREFIX + userId);
    else globalThis.localStorage?.setItem(STORAGE_PREFIX + userId, value);
  } catch {
    /* as above */
  }
}

/**
 * Picks the Express customer the other elements show. A user with one customer sees a plain
 * label; several customers give a listbox picker (a select-only combobox with typeahead); more
 * than fit on a page give a search box that asks the server (`q`), page by page.
 *
 * @tag avara-customer-switcher
 *
 * @attr api-base - Base URL of the Avara API (standalone use; inside `<avara-provider>` the provider's).
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

  @property({ attribute: 'api-base' }) apiBase = '';
  /** A widget token minted by the host's server (standalone use). Never put it in a URL. */
  @property({ attribute: false }) token = '';
  /** Standalone use: called for a new token at start, before expiry and after a 401. */
  @property({ attribute: false }) fetchToken: FetchToken | undefined;
  /** The selected Express customer id ('' for all, or none yet). */
  @property() value = '';
  @property({ attribute: 'include-all', type: Boolean }) includeAll = false;
  @property({ type: Boolean }) persist = false;
  @property() locale = '';

  @consume({ context: customerContext, subscribe: true })
  @state()
  private providedCustomerId: string | undefined;
  @consume({ context: localeContext, subscribe: true })
  @state()
  private providedLocale: string | undefined;

  @state() private open = false;
  @state() private activeIndex = -1;
  /** What the search box shows; `query` is what was typed, `searchQuery` what was sent (debounced). */
  @state() private inputText = '';
  @state() private query = '';
  @state() private searchQuery = '';
  @state() private loadingMore = false;
  @state() private announcement = '';

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

  #load = new Task(this, {
    args: () => [this.#session.client] as const,
    task: async ([client], { signal }): Promise<Loaded | typeof initialState> => {
      if (!client) return initialState;
      const [page, me] = await Promise.all([client.listCustomers({ limit: PAGE_SIZE }, signal), client.me(signal)]);
      const base: Listing = { query: '', customers: page.expressCustomers, hasMore: page.hasMore, nextCursor: page.nextCursor };
      this.#remember(base.customers);
      const loaded = { base, me };
      await this.#settle(client, loaded, signal);
      return loaded;
    },
  });

  #search = new Task(this, {
    args: () => [this.#session.client, this.searchQuery] as const,
    task: async ([client, q], { signal }): Promise<Listing | undefined> => {
      if (!client || !q) return undefined;
      const page = await client.listCustomers({ q, limit: PAGE_SIZE }, signal);
      this.#remember(page.expressCustomers);
      const listing: Listing = { query: q, customers: page.expressCustomers, hasMore: page.hasMore, nextCursor: page.nextCursor };
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
    clearTimeout(this.#typeaheadTimer);
    this.#moreAbort?.abort();
    this.#close();
    removeEventListener('resize', this.#reposition);
    removeEventListener('scroll', this.#reposition, true);
  }

  // State

  get #t(): CustomerSwitcherMessages {
    return pickMessages(messages, this.#locale);
  }

  get #locale(): string {
    return resolveLocale(this, this.locale, this.providedLocale);
  }

  get #loaded(): Loaded | undefined {
    return this.#load.status === TaskStatus.COMPLETE ? (this.#load.value as Loaded | undefined) : undefined;
  }

  get #isAdmin(): boolean {
    return this.#loaded?.me.role === 'platform_admin';
  }

  /** "All customers" is offered with include-all to an admin, or to a member of several customers. */
  get #allOption(): boolean {
    const base = this.#loaded?.base;
    return this.includeAll && !!base && (this.#isAdmin || base.customers.length > 1 || base.hasMore);
  }

  get #mode(): Mode {
    const base = this.#loaded?.base;
    if (!base) return 'none';
    if (base.hasMore || base.customers.length > SEARCH_THRESHOLD) return 'search';
    const count = base.customers.length + (this.#allOption ? 1 : 0);
    return count === 0 ? 'none' : count === 1 ? 'label' : 'select';
  }

  /** The listing the popup shows: the matches of the current query, or the first page(s). */
  get #listing(): Listing | undefined {
    if (this.#mode === 'search' && this.query) {
      const v = this.#search.value;
      return this.#search.status === TaskStatus.COMPLETE && v && v.query === this.query ? v : undefined;
    }
    return this.#loaded?.base;
  }

  get #options(): Option[] {
    const t = this.#t;
    const listing = this.#listing;
    const out: Option[] = [];
    if (!this.query && this.#allOption) out.push({ id: '', label: t.allCustomers, customer: null });
    if (listing) for (const c of listing.customers) out.push({ id: c.expressCustomerId, label: c.expressCustomerName, customer: c });
    if (this.#mode === 'search' && this.query && !listing) {
      if (this.#search.status === TaskStatus.ERROR) {
        out.push({ id: '', label: isAuthError(this.#search.error) ? t.authError : t.errorTitle, customer: null, disabled: true });
      } else {
        out.push({ id: '', label: t.searching, customer: null, disabled: true });
      }
    } else if (listing && out.length === 0) {
      out.push({ id: '', label: this.query ? fill(t.noMatches, { query: this.query }) : t.noCustomers, customer: null, disabled: true });
    }
    return out;
  }

  #remember(customers: ExpressCustomer[]): void {
    for (const c of customers) this.#known.set(c.expressCustomerId, c);
  }

  /** Finds a customer by id: among those seen, else page through the list (a remembered one may be on page 3). */
  async #resolve(client: ApiClient, id: string, signal?: AbortSignal): Promise<ExpressCustomer | undefined> {
    const seen = this.#known.get(id);
    if (seen) return seen;
    let cursor = this.#loaded?.base.nextCursor;
    if (!cursor && this.#loaded && !this.#loaded.base.hasMore) return undefined;
    for (let i = 0; i < RESOLVE_PAGES; i++) {
      const page = await client.listCustomers({ limit: 100, cursor }, signal);
      this.#remember(page.expressCustomers);
      const found = page.expressCustomers.find((c) => c.expressCustomerId === id);
      if (found) return found;
      if (!page.hasMore || !page.nextCursor) return undefined;
      cursor = page.nextCursor;
    }
    return undefined;
  }

  /**
   * After the first load: the `value` attribute, else the remembered choice, else the provider's,
   * else "All customers" (with include-all) or the first customer. A choice that differs from
   * the provider's is announced, so the provider's other elements follow.
   */
  async #settle(client: ApiClient, loaded: Loaded, signal: AbortSignal): Promise<void> {
    const userId = this.persist ? loaded.me.userId : null;
    const candidates: { id: string; stored?: boolean }[] = [];
    if (this.value) candidates.push({ id: this.value });
    else {
      const stored = userId ? readStored(userId) : undefined;
      if (stored !== undefined) candidates.push({ id: stored, stored: true });
      if (this.providedCustomerId) candidates.push({ id: this.providedCustomerId });
    }
    const allAllowed = this.includeAll && (loaded.me.role === 'platform_admin' || loaded.base.customers.length > 1 || loaded.base.hasMore);
    let choice: { id: string; customer: ExpressCustomer | null } | undefined;
    for (const c of candidates) {
      if (c.id === '') {
        if (allAllowed) {
          choice = { id: '', customer: null };
          break;
        }
        continue;
      }
      const customer = /^cus_[0-9a-f]{32}$/.test(c.id) ? await this.#resolve(client, c.id, signal) : undefined;
      if (customer) {
        choice = { id: c.id, customer };
        break;
      }
      if (c.stored && userId) writeStored(userId, undefined); // gone or no longer allowed: forget it
    }
    if (!choice) {
      const first = loaded.base.customers[0];
      choice = allAllowed || !first ? { id: '', customer: null } : { id: first.expressCustomerId, customer: first };
    }
    signal.throwIfAborted();
    this.#setValue(choice.id, choice.customer);
    this.#lastProvided = this.providedCustomerId;
    const single = loaded.base.customers.length + (allAllowed ? 1 : 0) <= 1 && !loaded.base.hasMore;
    if (!single && choice.id !== (this.providedCustomerId ?? '')) {
      this.dispatchEvent(new AvaraCustomerChangeEvent({ expressCustomerId: choice.id, customer: choice.customer }));
    }
  }

  #setValue(id: string, customer: ExpressCustomer | null): void {
    this.#appliedValue = id;
    this.value = id;
    this.#selected = customer;
  }

  get #displayName(): string {
    if (this.#selected) return this.#selected.expressCustomerName;
    return this.value === '' && this.#allOption ? this.#t.allCustomers : '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.#loaded) return;
    if (changed.has('providedCustomerId') && this.providedCustomerId !== this.#lastProvided) {
      this.#lastProvided = this.providedCustomerId;
      // Another picker (or the host through the provider) changed the selection: show it.
      if (this.providedCustomerId !== undefined) this.value = this.providedCustomerId;
    }
    if (this.value !== this.#appliedValue) {
      this.#appliedValue = this.value;
      this.#adopt(this.value);
    }
  }

  /** Shows a selection made by code (no event). */
  #adopt(id: string): void {
    if (!this.#loaded) return;
    this.#selected = id ? (this.#known.get(id) ?? null) : null;
    const client = this.#session.client;
    if (id && !this.#selected && client) {
      void this.#resolve(client, id).then(
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
    this.#setValue(option.id, option.customer);
    this.#close();
    // In the search box, the chosen name is selected, so typing starts a new search.
    if (this.#mode === 'search') void this.updateComplete.then(() => (this.renderRoot.querySelector('input') as HTMLInputElement | null)?.select());
    const userId = this.persist ? this.#loaded?.me.userId : null;
    if (userId) writeStored(userId, option.id);
    if (changed) {
      this.#lastProvided = option.id;
      this.dispatchEvent(new AvaraCustomerChangeEvent({ expressCustomerId: option.id, customer: option.customer }));
    }
  }

  // Opening, closing, moving

  #openPopup(active: number | 'selected' = 'selected'): void {
    const options = this.#options;
    this.open = true;
    this.inputText = this.#displayName;
    if (active === 'selected') {
      const i = options.findIndex((o) => !o.disabled && o.id === this.value);
      this.activeIndex = this.#mode === 'search' ? -1 : Math.max(0, i);
    } else {
      this.activeIndex = options[active]?.disabled ? -1 : active;
    }
  }

  #close(): void {
    this.open = false;
    this.activeIndex = -1;
    this.#moveAfterMore = false;
    this.#typeahead = '';
    clearTimeout(this.#typeaheadTimer);
    if (this.#mode === 'search') {
      clearTimeout(this.#searchTimer);
      this.query = '';
      this.searchQuery = '';
      this.announcement = '';
    }
  }

  #move(to: number): void {
    const options = this.#options;
    const enabled = options.some((o) => !o.disabled);
    if (!enabled) return;
    this.activeIndex = Math.max(0, Math.min(options.length - 1, to));
  }

  #moveBy(delta: number): void {
    const options = this.#options;
    const last = options.length - 1;
    if (this.activeIndex < 0) return this.#move(delta > 0 ? 0 : last);
    if (delta > 0 && this.activeIndex + delta > last && this.#listing?.hasMore) {
      this.#moveAfterMore = true;
      void this.#loadMore();
      return this.#move(last);
    }
    this.#move(this.activeIndex + delta);
  }

  /** The next page of the listing shown (on reaching its end by keyboard or scrolling). */
  async #loadMore(): Promise<void> {
    const listing = this.#listing;
    const client = this.#session.client;
    if (!listing?.hasMore || !listing.nextCursor || this.loadingMore || !client) return;
    this.loadingMore = true;
    const abort = new AbortController();
    this.#moreAbort = abort;
    try {
      const page = await client.listCustomers({ q: listing.query || undefined, limit: PAGE_SIZE, cursor: listing.nextCursor }, abort.signal);
      if (abort.signal.aborted) return;
      this.#remember(page.expressCustomers);
      listing.customers = [...listing.customers, ...page.expressCustomers];
      listing.hasMore = page.hasMore;
      listing.nextCursor = page.nextCursor;
      if (listing.query) this.#announce(listing);
      if (this.#moveAfterMore && this.open) this.#move(this.activeIndex + 1);
    } catch {
      // Keep what is loaded; scrolling or the arrow key tries again.
    } finally {
      if (this.#moreAbort === abort) {
        this.#moreAbort = undefined;
        this.loadingMore = false;
        this.#moveAfterMore = false;
      }
    }
  }

  #announce(listing: Listing): void {
    const t = this.#t;
    const n = new Intl.NumberFormat(this.#locale).format(listing.customers.length);
    this.announcement =
      listing.customers.length === 0
        ? fill(t.noMatches, { query: listing.query })
        : fill(listing.hasMore ? t.countMore : new Intl.PluralRules(this.#locale).select(listing.customers.length) === 'one' ? t.countOne : t.countOther, {
            count: n,
          });
  }

  // Events

  #onComboKeydown(e: KeyboardEvent): void {
    if (this.#mode === 'search') return this.#onSearchKeydown(e);
    const options = this.#options;
    const key = e.key;
    if (!this.open) {
      if (key === 'ArrowDown' || key === 'Enter' || key === ' ') this.#openPopup();
      else if (key === 'ArrowUp' || key === 'Home') this.#openPopup(0);
      else if (key === 'End') this.#openPopup(options.length - 1);
      else if (this.#isTypeahead(e)) {
        this.#openPopup();
        this.#typeaheadKey(e.key);
      } else return;
      e.preventDefault();
      return;
    }
    switch (key) {
      case 'ArrowDown':
        this.#moveBy(1);
        break;
      case 'ArrowUp':
        if (e.altKey) this.#pickActive();
        else this.#moveBy(-1);
        break;
      case 'Home':
        this.#move(0);
        break;
      case 'End':
        this.#move(options.length - 1);
        break;
      case 'PageDown':
        this.#moveBy(10);
        break;
      case 'PageUp':
        this.#moveBy(-10);
        break;
      case 'Enter':
        this.#pickActive();
        break;
      case ' ':
        if (this.#typeahead) this.#typeaheadKey(' ');
        else this.#pickActive();
        break;
      case 'Escape':
        this.#close();
        break;
      case 'Tab':
        this.#pickActive();
        return; // focus moves on as usual
      default:
        if (!this.#isTypeahead(e)) return;
        this.#typeaheadKey(e.key);
    }
    e.preventDefault();
  }

  #onSearchKeydown(e: KeyboardEvent): void {
    const options = this.#options;
    switch (e.key) {
      case 'ArrowDown':
        if (!this.open) this.#openPopup(e.altKey ? 'selected' : 0);
        else this.#moveBy(1);
        break;
      case 'ArrowUp':
        if (!this.open) this.#openPopup(options.length - 1);
        else if (e.altKey) this.#close();
        else this.#moveBy(-1);
        break;
      case 'PageDown':
        if (!this.open || this.activeIndex < 0) return;
        this.#moveBy(10);
        break;
      case 'PageUp':
        if (!this.open || this.activeIndex < 0) return;
        this.#moveBy(-10);
        break;
      case 'Home':
      case 'End':
        // With an option active, Home and End move in the list; otherwise they move the caret.
        if (!this.open || this.activeIndex < 0) return;
        this.#move(e.key === 'Home' ? 0 : options.length - 1);
        break;
      case 'Enter':
        if (!this.open) return;
        this.#pickActive();
        break;
      case 'Escape':
        if (!this.open) return;
        this.#close();
        break;
      case 'Tab':
        if (this.open) this.#close();
        return;
      default:
        return;
    }
    e.preventDefault();
  }

  #onSearchInput(e: InputEvent): void {
    const text = (e.target as HTMLInputElement).value;
    this.inputText = text;
    this.query = text.trim();
    this.open = true;
    this.activeIndex = -1;
    this.#moreAbort?.abort();
    clearTimeout(this.#searchTimer);
    if (!this.query) {
      this.searchQuery = '';
      this.announcement = '';
    } else {
      this.#searchTimer = setTimeout(() => (this.searchQuery = this.query), SEARCH_DEBOUNCE_MS);
    }
  }

  #pickActive(): void {
    const option = this.#options[this.activeIndex];
    if (option && !option.disabled) this.#pick(option);
    else this.#close();
  }

  #isTypeahead(e: KeyboardEvent): boolean {
    return e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;
  }

  /** Typeahead: letters typed within half a second jump to the next option starting with them. */
  #typeaheadKey(key: string): void {
    clearTimeout(this.#typeaheadTimer);
    this.#typeaheadTimer = setTimeout(() => (this.#typeahead = ''), TYPEAHEAD_MS);
    this.#typeahead += key.toLocaleLowerCase(this.#locale);
    const options = this.#options;
    const buffer = this.#typeahead;
    const repeated = [...buffer].every((c) => c === buffer[0]);
    const prefix = repeated ? buffer[0]! : buffer;
    const start = this.activeIndex < 0 ? 0 : this.activeIndex + (repeated || buffer.length === 1 ? 1 : 0);
    for (let k = 0; k < options.length; k++) {
      const i = (start + k) % options.length;
      const o = options[i]!;
      if (!o.disabled && o.label.toLocaleLowerCase(this.#locale).startsWith(prefix)) {
        this.activeIndex = i;
        return;
      }
    }
  }

  #onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && this.renderRoot.contains(to)) return;
    if (this.open) this.#close();
  }

  #onListboxScroll(e: Event): void {
    const el = e.currentTarget as HTMLElement;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 48) void this.#loadMore();
  }

  #focusCombo = () => (this.renderRoot.querySelector('#combo') as HTMLElement | null)?.focus();

  #reposition = () => this.#positionPopup();

  protected override updated(changed: PropertyValues): void {
    const popup = this.renderRoot.querySelector<HTMLElement>('.popup');
    if (changed.has('open')) {
      if (this.open) {
        addEventListener('resize', this.#reposition);
        addEventListener('scroll', this.#reposition, true);
      } else {
        removeEventListener('resize', this.#reposition);
        removeEventListener('scroll', this.#reposition, true);
      }
    }
    if (popup) {
      const supported = typeof popup.showPopover === 'function';
      if (supported) {
        const shown = popup.matches(':popover-open');
        if (this.open && !shown) popup.showPopover();
        else if (!this.open && shown) popup.hidePopover();
      } else {
        popup.hidden = !this.open;
      }
      if (this.open) this.#positionPopup();
    }
    if (this.open && this.activeIndex >= 0) {
      const listbox = this.renderRoot.querySelector<HTMLElement>('[role="listbox"]');
      const option = this.renderRoot.querySelector<HTMLElement>(`#opt-${this.activeIndex}`);
      if (listbox && option) {
        // Keep the active option in view without scrolling the page.
        if (option.offsetTop < listbox.scrollTop) listbox.scrollTop = option.offsetTop;
        else if (option.offsetTop + option.offsetHeight > listbox.scrollTop + listbox.clientHeight) {
          listbox.scrollTop = option.offsetTop + option.offsetHeight - listbox.clientHeight;
        }
      }
    }
  }

  /**
   * Places the popup under the control, its inline-start edge on the control's (the left in
   * left-to-right text, the right in right-to-left), flipped to the inline-end edge when it would
   * leave the window, and above the control when there is more room there.
   */
  #positionPopup(): void {
    const popup = this.renderRoot.querySelector<HTMLElement>('.popup');
    const control = this.renderRoot.querySelector<HTMLElement>('.control');
    if (!popup || !control || typeof popup.showPopover !== 'function') return;
    const r = control.getBoundingClientRect();
    popup.style.setProperty('min-inline-size', `${r.width}px`);
    const w = popup.offsetWidth;
    const h = popup.offsetHeight;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const rtl = getComputedStyle(this).direction === 'rtl';
    let left = rtl ? r.right - w : r.left;
    if (!rtl && left + w > vw - 4) left = r.right - w;
    if (rtl && left < 4) left = r.left;
    left = Math.max(4, Math.min(left, vw - w - 4));
    const below = vh - r.bottom;
    const top = h + 4 > below && r.top > below ? Math.max(4, r.top - h - 4) : r.bottom + 4;
    popup.style.setProperty('left', `${Math.round(left)}px`);
    popup.style.setProperty('top', `${Math.round(top)}px`);
  }

  // Rendering

  override render() {
    const t = this.#t;
    const label = html`<span id="label" class="label" part="label" @click=${this.#focusCombo}>${t.label}</span>`;
    return this.#load.render({
      initial: () => html`${label}<span class="status" part="status">${t.loading}</span>`,
      pending: () => html`${label}<span class="status" part="status" role="status">${t.loading}</span>`,
      error: (e) => {
        const auth = isAuthError(e);
        const canRetry = !auth || !!this.#session.tokens?.canRefresh;
        return html`${label}<span class="status error" part="status" role="alert">${auth ? t.authError : t.errorTitle}</span>
          ${canRetry ? html`<button class="retry" part="retry-button" type="button" @click=${() => this.reload()}>${t.retry}</button>` : nothing}`;
      },
      complete: () => this.#renderLoaded(label),
    });
  }

  #renderLoaded(label: unknown) {
    const t = this.#t;
    switch (this.#mode) {
      case 'none':
        return html`${label}<span class="value muted" part="control">${t.noCustomers}</span>`;
      case 'label':
        return html`${label}<span class="value" part="control">${this.#displayName || t.noCustomers}${this.#badge(this.#selected)}</span>`;
      case 'select':
        return html`${label}<div class="anchor">${this.#renderSelect()}${this.#renderPopup()}</div>`;
      case 'search':
        return html`${label}<div class="anchor">${this.#renderSearch()}${this.#renderPopup()}</div>
          <span class="visually-hidden" role="status">${this.announcement}</span>`;
    }
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
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-activedescendant=${this.#activeDescendant}
      title=${name || nothing}
      @keydown=${this.#onComboKeydown}
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
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${this.#activeDescendant}
        autocomplete="off"
        spellcheck="false"
        placeholder=${t.searchPlaceholder}
        .value=${live(this.open ? this.inputText : this.#displayName)}
        @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        @input=${this.#onSearchInput}
        @keydown=${this.#onComboKeydown}
        @click=${() => !this.open && this.#openPopup()}
      />${this.open ? nothing : this.#badge(this.#selected)}<button
        type="button"
        part="button"
        tabindex="-1"
        aria-label=${t.showCustomers}
        aria-controls="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        @pointerdown=${(e: Event) => e.preventDefault()}
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
    const options = this.#options;
    const listing = this.#listing;
    const status = this.loadingMore ? this.#t.loadingMore : '';
    return html`<div class="popup" part="popup" popover="manual" @pointerdown=${(e: Event) => e.preventDefault()}>
      <div id="listbox" role="listbox" part="listbox" aria-labelledby="label" @scroll=${this.#onListboxScroll}>
        ${options.map((o, i) => {
          const selected = !o.disabled && o.id === this.value && (o.customer !== null || !this.query);
          const active = this.open && i === this.activeIndex;
          const part = `option${selected ? ' option-selected' : ''}${active ? ' option-active' : ''}`;
          return html`<div
            id="opt-${i}"
            role="option"
            part=${part}
            class="option ${active ? 'active' : ''} ${o.disabled ? 'disabled' : ''}"
            aria-selected=${selected ? 'true' : 'false'}
            aria-disabled=${o.disabled ? 'true' : nothing}
            @click=${() => this.#pick(o)}
          >
            <span class="check" aria-hidden="true">${selected ? '✓' : ''}</span><span class="name">${o.label}</span>${this.#badge(o.customer)}
          </div>`;
        })}
      </div>
      ${status || (listing?.hasMore && this.#mode === 'search')
        ? html`<div class="popup-status" part="status">${status || fill(this.#t.countMore, { count: new Intl.NumberFormat(this.#locale).format(listing!.customers.length) })}</div>`
        : nothing}
    </div>`;
  }
}
