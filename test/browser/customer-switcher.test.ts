import { expect, fixture, html, oneEvent, waitUntil as waitUntil_ } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/customer-switcher.js';
import '../../src/define/provider.js';
import '../../src/define/study-list.js';
import type { AvaraCustomerSwitcher } from '../../src/elements/customer-switcher/customer-switcher.js';
import { STORAGE_PREFIX } from '../../src/elements/customer-switcher/customer-switcher.js';
import type { AvaraProvider } from '../../src/elements/provider/provider.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import { startMockWorld } from '../support/mock-api.js';

type World = Awaited<ReturnType<typeof startMockWorld>>;

/** Waits for a condition (never asserts on time: the generous timeout only bounds a failure). */
const waitUntil = (fn: () => unknown, message: string) => waitUntil_(fn, message, { timeout: 8000 });

const $ = <T extends Element = HTMLElement>(el: AvaraCustomerSwitcher, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const combo = (el: AvaraCustomerSwitcher) => $(el, '#combo')!;
const optionTexts = (el: AvaraCustomerSwitcher) =>
  [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.querySelector('.name')!.textContent!.trim());
const activeText = (el: AvaraCustomerSwitcher) => {
  const id = combo(el).getAttribute('aria-activedescendant');
  return id ? el.shadowRoot!.getElementById(id)!.querySelector('.name')!.textContent!.trim() : null;
};
const expanded = (el: AvaraCustomerSwitcher) => combo(el).getAttribute('aria-expanded');
const shown = (el: AvaraCustomerSwitcher) => el.shadowRoot!.querySelector('.popup')!.matches(':popover-open');

async function ready(el: AvaraCustomerSwitcher) {
  await waitUntil(() => el.shadowRoot!.querySelector('#combo, .value, [role="alert"]'), 'the switcher never loaded');
  await el.updateComplete;
}

async function press(el: AvaraCustomerSwitcher, ...keys: string[]) {
  for (const key of keys) {
    await sendKeys({ press: key });
    await el.updateComplete;
  }
}

/** Records every event of a type on an element. */
function record<K extends keyof HTMLElementEventMap>(el: EventTarget, type: K): HTMLElementEventMap[K][] {
  const seen: HTMLElementEventMap[K][] = [];
  el.addEventListener(type, (e) => seen.push(e as HTMLElementEventMap[K]));
  return seen;
}

/** Records the API requests the page makes (URL and query), and can hold some back. */
function watchRequests(w: World) {
  const requests: URL[] = [];
  const answered: URL[] = [];
  const original = w.app.fetch;
  const gates: { match: (u: URL) => boolean; open: Promise<void> }[] = [];
  w.app.fetch = (async (req: Request, ...rest: unknown[]) => {
    const url = new URL(req.url);
    requests.push(url);
    for (const g of gates) if (g.match(url)) await g.open;
    const res = await (original as (...a: unknown[]) => Promise<Response>)(req, ...rest);
    answered.push(url);
    return res;
  }) as typeof w.app.fetch;
  return {
    requests,
    answered,
    /** Holds matching requests until the returned function is called. */
    hold(match: (u: URL) => boolean) {
      let release!: () => void;
      gates.push({ match, open: new Promise<void>((r) => (release = r)) });
      return () => release();
    },
  };
}

async function member(w: World, names: string[]) {
  const u = w.user('Radiologist');
  const ids = names.map((n) => {
    const c = w.customer(n);
    w.join(c, u);
    return c;
  });
  return { user: u, ids, token: await w.token(u) };
}

async function switcher(w: World, token: string, attrs: { includeAll?: boolean; persist?: boolean; value?: string; lang?: string } = {}) {
  const el = await fixture<AvaraCustomerSwitcher>(html`<avara-customer-switcher
    api-base=${w.apiBase}
    .token=${token}
    ?include-all=${attrs.includeAll}
    ?persist=${attrs.persist}
    value=${attrs.value ?? ''}
    lang=${attrs.lang ?? 'en'}
  ></avara-customer-switcher>`);
  await ready(el);
  return el;
}

describe('<avara-customer-switcher>', () => {
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(STORAGE_PREFIX)) localStorage.removeItem(key);
  });

  it('shows a plain label, and no picker, to a member of one customer', async () => {
    const w = await startMockWorld();
    const { token, ids } = await member(w, ['Northside Imaging']);
    const el = document.createElement('avara-customer-switcher');
    const events = record(el, 'avara-customer-change');
    el.apiBase = w.apiBase;
    el.token = token;
    await fixture(html`<div lang="en">${el}</div>`);
    await ready(el);
    expect($(el, '[role="combobox"]')).to.equal(null);
    expect($(el, '[part="label"]')!.textContent).to.equal('Customer');
    expect($(el, '.value')!.textContent!.trim()).to.equal('Northside Imaging');
    expect(el.value).to.equal(ids[0]);
    expect(events).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows the loading state, labelled and accessible', async () => {
    const w = await startMockWorld();
    const { token } = await member(w, ['A', 'B']);
    const watch = watchRequests(w);
    const release = watch.hold(() => true);
    const el = await fixture<AvaraCustomerSwitcher>(html`<avara-customer-switcher api-base=${w.apiBase} .token=${token}></avara-customer-switcher>`);
    await waitUntil(() => $(el, '[role="status"]'), 'no loading state');
    expect($(el, '[role="status"]')!.textContent).to.equal('Loading customers…');
    await expect(el).to.be.accessible();
    release();
    await ready(el);
  });

  it('says it is waiting for credentials while it has none, then loads when they come', async () => {
    const w = await startMockWorld();
    const { token } = await member(w, ['Northside Imaging']);
    const el = await fixture<AvaraCustomerSwitcher>(html`<avara-customer-switcher lang="en"></avara-customer-switcher>`);
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.equal('Not connected: no API address or sign-in token was given.');
    expect($(el, '[part="label"]')!.textContent).to.equal('Customer');
    await expect(el).to.be.accessible();
    el.apiBase = w.apiBase;
    el.token = token;
    await ready(el);
    expect($(el, '.value')!.textContent!.trim()).to.equal('Northside Imaging');
  });

  it('gives a member of several customers a listbox picker that works by keyboard', async () => {
    const w = await startMockWorld();
    const { token, ids } = await member(w, ['Charlie Clinic', 'Alpha Hospital', 'Bravo Imaging', 'Delta Diagnostics']);
    const el = document.createElement('avara-customer-switcher');
    const events = record(el, 'avara-customer-change');
    el.apiBase = w.apiBase;
    el.token = token;
    await fixture(html`<div lang="en">${el}</div>`);
    await ready(el);
    // No include-all: the first customer by name is chosen and announced, so a provider's list follows.
    expect(el.value).to.equal(ids[1]);
    expect(events.map((e) => e.detail.expressCustomerId)).to.deep.equal([ids[1]]);
    const cb = combo(el);
    expect(cb.getAttribute('role')).to.equal('combobox');
    expect(cb.getAttribute('aria-labelledby')).to.equal('label');
    expect(cb.getAttribute('aria-haspopup')).to.equal('listbox');
    expect(cb.textContent!.trim()).to.equal('Alpha Hospital');
    expect(expanded(el)).to.equal('false');
    await expect(el).to.be.accessible();

    cb.focus();
    await press(el, 'ArrowDown');
    expect(expanded(el)).to.equal('true');
    expect(shown(el)).to.equal(true);
    expect(optionTexts(el)).to.deep.equal(['Alpha Hospital', 'Bravo Imaging', 'Charlie Clinic', 'Delta Diagnostics']);
    expect(activeText(el)).to.equal('Alpha Hospital');
    expect($(el, '[aria-selected="true"] .name')!.textContent).to.equal('Alpha Hospital');
    await expect(el).to.be.accessible();

    await press(el, 'ArrowDown');
    expect(activeText(el)).to.equal('Bravo Imaging');
    await press(el, 'End');
    expect(activeText(el)).to.equal('Delta Diagnostics');
    await press(el, 'ArrowDown'); // stays on the last
    expect(activeText(el)).to.equal('Delta Diagnostics');
    await press(el, 'Home');
    expect(activeText(el)).to.equal('Alpha Hospital');
    await press(el, 'ArrowUp'); // stays on the first
    expect(activeText(el)).to.equal('Alpha Hospital');

    // Escape closes without changing anything.
    await press(el, 'ArrowDown', 'Escape');
    expect(expanded(el)).to.equal('false');
    expect(cb.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(el.value).to.equal(ids[1]);
    expect(events).to.have.length(1);

    // Typeahead: "c" jumps to Charlie; Enter picks it; focus stays on the combobox.
    await press(el, 'ArrowDown', 'c');
    expect(activeText(el)).to.equal('Charlie Clinic');
    await press(el, 'Enter');
    expect(expanded(el)).to.equal('false');
    expect(el.value).to.equal(ids[0]);
    expect(cb.textContent!.trim()).to.equal('Charlie Clinic');
    expect(el.shadowRoot!.activeElement).to.equal(cb);
    expect(events).to.have.length(2);
    const last = events[1]!;
    expect(last.detail.expressCustomerId).to.equal(ids[0]);
    expect(last.detail.customer!.expressCustomerName).to.equal('Charlie Clinic');
    expect(last.bubbles && last.composed).to.equal(true);

    // Typeahead while closed opens the list on the match; typing "de" finds Delta.
    await press(el, 'd', 'e');
    expect(expanded(el)).to.equal('true');
    expect(activeText(el)).to.equal('Delta Diagnostics');
    // Space picks the active option.
    await new Promise((r) => setTimeout(r, 600)); // let the typeahead buffer lapse, so Space is not a character
    await press(el, ' ');
    expect(el.value).to.equal(ids[3]);
    expect(events).to.have.length(3);

    // Picking the selected customer again announces nothing.
    await press(el, 'Enter', 'Enter');
    expect(events).to.have.length(3);
  });

  it('opens and picks with the mouse, and closes when focus leaves', async () => {
    const w = await startMockWorld();
    const { token, ids } = await member(w, ['Alpha', 'Bravo', 'Charlie']);
    const el = await switcher(w, token);
    const events = record(el, 'avara-customer-change');
    combo(el).click();
    await el.updateComplete;
    expect(expanded(el)).to.equal('true');
    (el.shadowRoot!.querySelectorAll('[role="option"]')[2] as HTMLElement).click();
    await el.updateComplete;
    expect(el.value).to.equal(ids[2]);
    expect(events.map((e) => e.detail.expressCustomerId)).to.deep.equal([ids[2]]);
    combo(el).focus();
    await press(el, 'ArrowDown');
    expect(expanded(el)).to.equal('true');
    combo(el).blur();
    await el.updateComplete;
    expect(expanded(el)).to.equal('false');
    expect(el.value).to.equal(ids[2]);
  });

  it('offers "All customers" with include-all, selected by default and announced when picked', async () => {
    const w = await startMockWorld();
    const { token, ids } = await member(w, ['Alpha', 'Bravo']);
    const el = document.createElement('avara-customer-switcher');
    const events = record(el, 'avara-customer-change');
    el.apiBase = w.apiBase;
    el.token = token;
    el.includeAll = true;
    await fixture(html`<div lang="en">${el}</div>`);
    await ready(el);
    expect(el.value).to.equal('');
    expect(combo(el).textContent!.trim()).to.equal('All customers');
    expect(events).to.have.length(0);
    combo(el).focus();
    await press(el, 'ArrowDown');
    expect(optionTexts(el)).to.deep.equal(['All customers', 'Alpha', 'Bravo']);
    await press(el, 'ArrowDown', 'Enter');
    expect(events.at(-1)!.detail.expressCustomerId).to.equal(ids[0]);
    await press(el, 'ArrowDown', 'Home', 'Enter');
    expect(el.value).to.equal('');
    expect(events.at(-1)!.detail).to.deep.equal({ expressCustomerId: '', customer: null });
  });

  it('searches the server for an admin with hundreds of customers, finds one on page 3, and pages by keyboard', async () => {
    const w = await startMockWorld();
    const admin = w.user('Admin', 'platform_admin');
    for (let i = 1; i <= 130; i++) w.customer(`Customer ${String(i).padStart(3, '0')}`);
    const target = w.customer('Zebra Imaging'); // last by name: page 3 of 50
    const inactive = w.customer('Aardvark Radiology');
    w.store.setCustomerActive(w.accountId, inactive, false);
    const token = await w.token(admin);
    const watch = watchRequests(w);
    const el = document.createElement('avara-customer-switcher');
    const events = record(el, 'avara-customer-change');
    el.apiBase = w.apiBase;
    el.token = token;
    el.includeAll = true;
    await fixture(html`<div lang="en">${el}</div>`);
    await ready(el);
    const input = combo(el) as HTMLInputElement;
    expect(input.tagName).to.equal('INPUT');
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    expect(input.value).to.equal('All customers');
    await expect(el).to.be.accessible();

    // The first page: "All customers", then names; the inactive one is marked.
    input.focus();
    await press(el, 'ArrowDown');
    expect(optionTexts(el).slice(0, 3)).to.deep.equal(['All customers', 'Aardvark Radiology', 'Customer 001']);
    const aardvark = el.shadowRoot!.querySelectorAll('[role="option"]')[1]!;
    expect(aardvark.querySelector('[part="inactive-badge"]')!.textContent).to.equal('Inactive');
    expect(optionTexts(el)).not.to.include('Zebra Imaging');
    await expect(el).to.be.accessible();

    // Paging: End goes to the last loaded option; ArrowDown there loads the next page and moves on.
    await press(el, 'End');
    expect(activeText(el)).to.equal('Customer 049');
    await press(el, 'ArrowDown');
    await waitUntil(() => activeText(el) === 'Customer 050', 'the next page did not load');
    expect(optionTexts(el)).to.have.length(101);
    expect(new Set(optionTexts(el)).size).to.equal(101);
    await press(el, 'Escape');

    // Search asks the server with q.
    await sendKeys({ type: 'zeb' });
    await waitUntil(() => optionTexts(el).includes('Zebra Imaging'), 'the search never found the customer');
    const searches = watch.requests.filter((u) => u.pathname.endsWith('/v1/me/customers') && u.searchParams.has('q'));
    expect(searches.map((u) => u.searchParams.get('q'))).to.deep.equal(['zeb']);
    expect(optionTexts(el)).to.deep.equal(['Zebra Imaging']);
    expect($(el, '.visually-hidden[role="status"]')!.textContent).to.equal('1 customer');
    await expect(el).to.be.accessible();
    // Home and End move the caret while no option is active; ArrowDown activates the match.
    await press(el, 'Home');
    expect(input.selectionStart).to.equal(0);
    expect(activeText(el)).to.equal(null);
    await press(el, 'End');
    expect(input.selectionStart).to.equal(3);
    await press(el, 'ArrowDown');
    expect(activeText(el)).to.equal('Zebra Imaging');
    await press(el, 'Enter');
    expect(el.value).to.equal(target);
    expect(input.value).to.equal('Zebra Imaging');
    expect(events.at(-1)!.detail.customer!.expressCustomerId).to.equal(target);

    // No match: a disabled option says so, and Enter picks nothing.
    input.focus();
    await sendKeys({ type: 'nothing like it' });
    await waitUntil(() => optionTexts(el)[0]?.startsWith('No customers match'), 'no empty result shown');
    expect(optionTexts(el)).to.deep.equal(['No customers match “nothing like it”']);
    await expect(el).to.be.accessible();
    await press(el, 'ArrowDown', 'Enter');
    expect(el.value).to.equal(target);
    // Escape closes and puts the chosen name back.
    await press(el, 'Escape');
    expect(expanded(el)).to.equal('false');
    expect(input.value).to.equal('Zebra Imaging');
  });

  it('remembers the choice per user with persist, storing the customer id and never the token', async () => {
    const w = await startMockWorld();
    const { token, ids, user } = await member(w, ['Alpha', 'Bravo', 'Charlie']);
    const first = await switcher(w, token, { persist: true });
    combo(first).focus();
    await press(first, 'ArrowDown', 'ArrowDown', 'Enter');
    expect(first.value).to.equal(ids[1]);
    expect(localStorage.getItem(STORAGE_PREFIX + user)).to.equal(ids[1]);
    for (const key of Object.keys(localStorage)) {
      const value = localStorage.getItem(key)!;
      expect(value).not.to.contain(token);
      expect(value).not.to.contain(token.split('.')[1]!);
    }

    // A new page for the same user: the choice comes back and is announced (the list follows).
    const again = document.createElement('avara-customer-switcher');
    const events = record(again, 'avara-customer-change');
    again.apiBase = w.apiBase;
    again.token = await w.token(user);
    again.persist = true;
    await fixture(html`<div lang="en">${again}</div>`);
    await ready(again);
    expect(again.value).to.equal(ids[1]);
    expect(combo(again).textContent!.trim()).to.equal('Bravo');
    expect(events.map((e) => e.detail.expressCustomerId)).to.deep.equal([ids[1]]);

    // Another user of the same browser does not get it.
    const other = await member(w, ['Delta', 'Echo']);
    const theirs = await switcher(w, other.token, { persist: true });
    expect(theirs.value).to.equal(other.ids[0]);

    // A remembered customer the user lost is forgotten.
    w.store.removeMembership(ids[1]!, user);
    const after = await switcher(w, await w.token(user), { persist: true });
    expect(after.value).to.equal(ids[0]);
    expect(localStorage.getItem(STORAGE_PREFIX + user)).to.equal(null);

    // Without persist nothing is stored.
    localStorage.clear();
    const plain = await switcher(w, token);
    combo(plain).focus();
    await press(plain, 'ArrowDown', 'End', 'Enter');
    expect(Object.keys(localStorage).filter((k) => k.startsWith(STORAGE_PREFIX))).to.deep.equal([]);
  });

  it('restores a remembered customer that is not on the first page', async () => {
    const w = await startMockWorld();
    const admin = w.user('Admin', 'platform_admin');
    for (let i = 1; i <= 120; i++) w.customer(`Customer ${String(i).padStart(3, '0')}`);
    const far = w.customer('Zulu Health');
    localStorage.setItem(STORAGE_PREFIX + admin, far);
    const el = await switcher(w, await w.token(admin), { persist: true, includeAll: true });
    expect(el.value).to.equal(far);
    expect((combo(el) as HTMLInputElement).value).to.equal('Zulu Health');
  });

  it('renders hostile customer names as text', async () => {
    const w = await startMockWorld();
    const hostile = '<img src=x onerror="window.__pwnedSwitcher=1"><b>bold</b>${7*7}';
    const { token } = await member(w, [hostile, 'Plain']);
    const el = await switcher(w, token);
    combo(el).focus();
    await press(el, 'ArrowDown');
    expect(optionTexts(el)).to.include(hostile);
    expect(el.shadowRoot!.querySelector('img, b, script')).to.equal(null);
    expect((window as unknown as { __pwnedSwitcher?: number }).__pwnedSwitcher).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows an authentication error, never "No customers", when the token is refused', async () => {
    const w = await startMockWorld();
    const { token } = await member(w, ['Alpha', 'Bravo']);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    const el = document.createElement('avara-customer-switcher');
    el.apiBase = w.apiBase;
    el.token = forged;
    const authError = oneEvent(el, 'avara-auth-error');
    await fixture(html`<div lang="en">${el}</div>`);
    const { detail } = await authError;
    expect(detail.error.status).to.equal(401);
    await ready(el);
    expect($(el, '[role="alert"]')!.textContent).to.contain('session has expired');
    expect(el.shadowRoot!.textContent).not.to.contain('No customers');
    expect($(el, '[part="retry-button"]')).to.equal(null); // nothing to retry with
    await expect(el).to.be.accessible();
    // A new token from the host: it loads.
    el.token = token;
    await waitUntil(() => $(el, '#combo'), 'did not recover with a new token');
  });

  it('shows an error with a retry that works', async () => {
    const w = await startMockWorld();
    const { token } = await member(w, ['Alpha', 'Bravo']);
    const original = w.app.fetch;
    let failures = 1;
    w.app.fetch = ((req: Request, ...rest: unknown[]) =>
      failures-- > 0
        ? new Response(JSON.stringify({ error: { type: 'api_error', code: 'internal_error', message: 'x' } }), { status: 500 })
        : (original as (...a: unknown[]) => Promise<Response>)(req, ...rest)) as typeof w.app.fetch;
    const el = await switcher(w, token);
    expect($(el, '[role="alert"]')!.textContent).to.equal('The customers could not be loaded.');
    await expect(el).to.be.accessible();
    $(el, '[part="retry-button"]')!.click();
    await waitUntil(() => $(el, '#combo'), 'retry did not load');
  });

  it('speaks German and Spanish', async () => {
    const w = await startMockWorld();
    const { token } = await member(w, ['Alpha', 'Bravo']);
    const de = await switcher(w, token, { includeAll: true, lang: 'de-AT' });
    expect($(de, '[part="label"]')!.textContent).to.equal('Kunde');
    expect(combo(de).textContent!.trim()).to.equal('Alle Kunden');
    const es = await switcher(w, token, { includeAll: true, lang: 'en' });
    es.locale = 'es';
    await es.updateComplete;
    expect($(es, '[part="label"]')!.textContent).to.equal('Cliente');
    expect(combo(es).textContent!.trim()).to.equal('Todos los clientes');
  });

  it('is mirrored in right-to-left pages: popup on the inline-start edge (the right), arrow on the left', async () => {
    const w = await startMockWorld();
    const { token } = await member(w, ['Alpha Hospital with a rather long name that widens the popup', 'Bravo']);
    for (const dir of ['ltr', 'rtl'] as const) {
      const wrap = await fixture<HTMLDivElement>(html`<div dir=${dir} lang="en" style="padding: 0 200px">
        <avara-customer-switcher api-base=${w.apiBase} .token=${token} style="--avara-customer-switcher-width: 12rem"></avara-customer-switcher>
      </div>`);
      const el = wrap.querySelector('avara-customer-switcher')!;
      await ready(el);
      combo(el).focus();
      await press(el, 'ArrowDown');
      const control = combo(el).getBoundingClientRect();
      const popup = $(el, '.popup')!.getBoundingClientRect();
      const chevron = $(el, '.chevron')!.getBoundingClientRect();
      const label = $(el, '[part="label"]')!.getBoundingClientRect();
      expect(popup.width).to.be.greaterThan(control.width);
      // The arrow points down in both directions: its right and bottom sides drawn, whatever the direction.
      const arrow = getComputedStyle($(el, '.chevron')!);
      expect([arrow.borderRightStyle, arrow.borderBottomStyle, arrow.borderLeftStyle, arrow.borderTopStyle]).to.deep.equal(['solid', 'solid', 'none', 'none']);
      if (dir === 'ltr') {
        expect(Math.round(popup.left)).to.equal(Math.round(control.left));
        expect(chevron.left).to.be.greaterThan(control.left + control.width / 2);
        expect(label.right).to.be.at.most(control.left);
      } else {
        expect(Math.round(popup.right)).to.equal(Math.round(control.right));
        expect(chevron.right).to.be.lessThan(control.left + control.width / 2);
        expect(label.left).to.be.at.least(control.right);
      }
      await press(el, 'Escape');
    }
  });

  it('inside a provider: the list follows the pick, and two switchers stay in step', async () => {
    const w = await startMockWorld();
    const { token, ids } = await member(w, ['Alpha', 'Bravo', 'Charlie']);
    const studies = ids.map((c, i) => w.study(c, { scanDate: `2024-01-0${i + 1}` }));
    const p = await fixture<AvaraProvider>(html`<avara-provider api-base=${w.apiBase} .token=${token} lang="en">
      <avara-customer-switcher id="one"></avara-customer-switcher>
      <avara-customer-switcher id="two"></avara-customer-switcher>
      <avara-study-list></avara-study-list>
    </avara-provider>`);
    const one = p.querySelector<AvaraCustomerSwitcher>('#one')!;
    const two = p.querySelector<AvaraCustomerSwitcher>('#two')!;
    const list = p.querySelector<AvaraStudyList>('avara-study-list')!;
    await ready(one);
    await ready(two);
    await waitUntil(() => list.studies.length === 1 && list.studies[0]!.studyId === studies[0], 'list did not follow the first customer');
    combo(one).focus();
    await press(one, 'ArrowDown', 'End', 'Enter');
    await waitUntil(() => list.studies[0]?.studyId === studies[2], 'list did not follow the pick');
    expect(list.studies.map((s) => s.studyId)).to.deep.equal([studies[2]]);
    await two.updateComplete;
    expect(two.value).to.equal(ids[2]);
    expect(combo(two).textContent!.trim()).to.equal('Charlie');
    // The host selects through the provider: both switchers and the list follow, no event.
    const events = record(p, 'avara-customer-change');
    p.expressCustomerId = ids[1]!;
    await waitUntil(() => list.studies[0]?.studyId === studies[1], 'list did not follow the host');
    await one.updateComplete;
    expect([one.value, two.value]).to.deep.equal([ids[1], ids[1]]);
    expect(combo(one).textContent!.trim()).to.equal('Bravo');
    expect(events).to.have.length(0);
  });

  it('after rapid switching the list shows only the last customer\'s rows', async () => {
    const w = await startMockWorld();
    const { token, ids } = await member(w, ['Alpha', 'Bravo', 'Charlie', 'Delta']);
    const rows: Record<string, string[]> = {};
    ids.forEach((c, i) => (rows[c] = [w.study(c, { scanDate: `2024-02-0${i + 1}` }), w.study(c, { scanDate: `2024-03-0${i + 1}` })].sort()));
    const p = await fixture<AvaraProvider>(html`<avara-provider api-base=${w.apiBase} .token=${token} lang="en">
      <avara-customer-switcher></avara-customer-switcher>
      <avara-study-list></avara-study-list>
    </avara-provider>`);
    const sw = p.querySelector<AvaraCustomerSwitcher>('avara-customer-switcher')!;
    const list = p.querySelector<AvaraStudyList>('avara-study-list')!;
    await ready(sw);
    await waitUntil(() => list.studies.length === 2, 'first list did not load');
    // Bravo's and Charlie's studies answer slowly: after Delta's.
    const watch = watchRequests(w);
    const slow = (c: string) => (u: URL) => u.pathname.endsWith('/v1/studies') && u.searchParams.get('expressCustomerId') === c;
    const releaseBravo = watch.hold(slow(ids[1]!));
    const releaseCharlie = watch.hold(slow(ids[2]!));
    const loads = record(list, 'avara-load');
    combo(sw).focus();
    await press(sw, 'ArrowDown', 'ArrowDown', 'Enter'); // Bravo
    await waitUntil(() => watch.requests.some(slow(ids[1]!)), "Bravo's request was not sent");
    await press(sw, 'ArrowDown', 'ArrowDown', 'Enter'); // Charlie
    await waitUntil(() => watch.requests.some(slow(ids[2]!)), "Charlie's request was not sent");
    await press(sw, 'ArrowDown', 'ArrowDown', 'Enter'); // Delta
    expect(sw.value).to.equal(ids[3]);
    await waitUntil(() => loads.length >= 1, 'Delta never loaded');
    expect(list.studies.map((s) => s.studyId).sort()).to.deep.equal(rows[ids[3]!]);
    // Now the stale answers arrive, Charlie's first, then Bravo's.
    releaseCharlie();
    await waitUntil(() => watch.answered.some(slow(ids[2]!)), "Charlie's answer never came");
    releaseBravo();
    await waitUntil(() => watch.answered.some(slow(ids[1]!)), "Bravo's answer never came");
    await list.updateComplete;
    expect(list.studies.map((s) => s.studyId).sort()).to.deep.equal(rows[ids[3]!]);
    const shownIds = [...list.shadowRoot!.querySelectorAll('[data-study-id]')].map((r) => (r as HTMLElement).dataset.studyId).sort();
    expect(shownIds).to.deep.equal(rows[ids[3]!]);
  });
});
