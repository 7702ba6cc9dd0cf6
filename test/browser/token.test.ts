import { expect, fixture, html, waitUntil as waitUntil_ } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/customer-switcher.js';
import '../../src/define/provider.js';
import '../../src/define/study-list.js';
import type { AvaraCustomerSwitcher } from '../../src/elements/customer-switcher/customer-switcher.js';
import type { AvaraProvider } from '../../src/elements/provider/provider.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import type { AvaraAuthErrorEvent } from '../../src/events/auth-error.js';
import type { AvaraTokenRefreshedEvent } from '../../src/events/token-refreshed.js';
import { startMockWorld } from '../support/mock-api.js';

const waitUntil = (fn: () => unknown, message: string) => waitUntil_(fn, message, { timeout: 8000 });

/**
 * The page's clock, movable: `Date.now` runs `skew` ms ahead of real time, and the reference API
 * (given `clock: () => Date.now()`) reads the same clock. Timers are real and do not see the jump:
 * that is a laptop that slept, when no refresh timer could run.
 */
const realNow = Date.now.bind(Date);
let skew = 0;

type World = Awaited<ReturnType<typeof startMockWorld>>;

async function twoCustomers(w: World) {
  const u = w.user('Radiologist');
  const a = w.customer('Alpha');
  const b = w.customer('Bravo');
  w.join(a, u);
  w.join(b, u);
  const rows = {
    [a]: [w.study(a, { scanDate: '2024-01-01' }), w.study(a, { scanDate: '2024-01-02' })].sort(),
    [b]: [w.study(b, { scanDate: '2024-02-01' }), w.study(b, { scanDate: '2024-02-02' }), w.study(b, { scanDate: '2024-02-03' })].sort(),
  };
  return { u, a, b, rows };
}

const idsOf = (list: AvaraStudyList) => list.studies.map((s) => s.studyId).sort();
const alertOf = (el: Element) => el.shadowRoot!.querySelector('[role="alert"]');

async function page(w: World, fetchToken: () => Promise<unknown>) {
  const p = document.createElement('avara-provider');
  p.apiBase = w.apiBase;
  p.fetchToken = fetchToken as AvaraProvider['fetchToken'];
  p.setAttribute('lang', 'en');
  p.innerHTML = `<avara-customer-switcher></avara-customer-switcher>
    <avara-study-list></avara-study-list><avara-study-list></avara-study-list><avara-study-list></avara-study-list>`;
  const refreshed: AvaraTokenRefreshedEvent[] = [];
  const authErrors: AvaraAuthErrorEvent[] = [];
  p.addEventListener('avara-token-refreshed', (e) => refreshed.push(e));
  p.addEventListener('avara-auth-error', (e) => authErrors.push(e));
  await fixture(html`<div>${p}</div>`);
  const sw = p.querySelector<AvaraCustomerSwitcher>('avara-customer-switcher')!;
  const lists = [...p.querySelectorAll<AvaraStudyList>('avara-study-list')];
  return { p, sw, lists, refreshed, authErrors };
}

async function pickSecondCustomer(sw: AvaraCustomerSwitcher) {
  const combo = sw.shadowRoot!.querySelector<HTMLElement>('#combo')!;
  combo.focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) {
    await sendKeys({ press: key });
    await sw.updateComplete;
  }
}

describe('token lifecycle in the browser', () => {
  beforeEach(() => {
    skew = 0;
    Date.now = () => realNow() + skew;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  it('W10: a 60 s token, 70 s idle, then a customer change: fetchToken once for three lists, and rows', async () => {
    const w = await startMockWorld({ clock: () => Date.now() });
    const { u, a, b, rows } = await twoCustomers(w);
    let calls = 0;
    const { sw, lists, refreshed, authErrors } = await page(w, async () => {
      calls++;
      return w.token(u, { ttlSeconds: 60 });
    });
    await waitUntil(() => lists.every((l) => idsOf(l).join() === rows[a]!.join()), 'the lists never showed the first customer');
    expect(calls).to.equal(1);

    skew += 70_000; // the token expired 10 s ago; the server would refuse it
    await pickSecondCustomer(sw);
    await waitUntil(() => lists.every((l) => idsOf(l).join() === rows[b]!.join()), 'the lists never showed the second customer');
    expect(calls).to.equal(2);
    expect(refreshed).to.have.length(2);
    expect(Date.parse(refreshed[1]!.detail.expiresAt!)).to.be.within(Date.now() + 50_000, Date.now() + 60_000);
    expect(authErrors).to.have.length(0);
    for (const l of lists) expect(alertOf(l)).to.equal(null);
  });

  it('after a failed fetchToken, a token fetched on one element’s Retry brings every element back', async () => {
    const w = await startMockWorld({ clock: () => Date.now() });
    // One customer: the switcher is a label, so no customer change reloads the lists by itself.
    const u = w.user('Radiologist');
    const a = w.customer('Alpha');
    w.join(a, u);
    const ids = [w.study(a, {}), w.study(a, {})].sort();
    let calls = 0;
    const { sw, lists } = await page(w, async () => {
      calls++;
      if (calls === 1) throw new Error('the host session was busy');
      return w.token(u, { ttlSeconds: 60 });
    });
    await waitUntil(() => alertOf(sw) && lists.every((l) => alertOf(l)), 'no authentication error shown');
    for (const l of lists) expect(l.shadowRoot!.textContent).not.to.contain('No studies');
    // The switcher offers Retry; its new token reaches the lists too.
    sw.shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!.click();
    await waitUntil(() => lists.every((l) => !alertOf(l) && idsOf(l).join() === ids.join()), 'the lists stayed on the authentication error');
    expect(calls).to.equal(2);
    expect(alertOf(sw)).to.equal(null);
  });

  it('W10: when fetchToken fails after the idle time, every list shows the authentication error, never "No studies"', async () => {
    const w = await startMockWorld({ clock: () => Date.now() });
    const { u, a, rows } = await twoCustomers(w);
    let calls = 0;
    let fail = false;
    const { sw, lists, authErrors } = await page(w, async () => {
      calls++;
      if (fail) throw new Error('the host session ended');
      return w.token(u, { ttlSeconds: 60 });
    });
    await waitUntil(() => lists.every((l) => idsOf(l).join() === rows[a]!.join()), 'first load');
    fail = true;
    skew += 70_000;
    await pickSecondCustomer(sw);
    await waitUntil(() => lists.every((l) => alertOf(l)), 'no authentication error shown');
    expect(calls).to.equal(2);
    expect(authErrors).to.have.length(1);
    expect(authErrors[0]!.detail.error.status).to.equal(401);
    expect(authErrors[0]!.detail.error.code).to.equal('token_refresh_failed');
    for (const l of lists) {
      expect(alertOf(l)!.textContent).to.contain('session has expired');
      expect(l.shadowRoot!.textContent).not.to.contain('No studies');
      await expect(l).to.be.accessible();
    }
  });

  it('a 401 is refreshed once and retried: rows, one token-refreshed event, no auth error', async () => {
    const w = await startMockWorld();
    const { u, a, b, rows } = await twoCustomers(w);
    const good = await w.token(u);
    // A token this server refuses (a forged signature) but whose exp looks fine to the client.
    const refused = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    let calls = 0;
    const p = document.createElement('avara-provider');
    p.apiBase = w.apiBase;
    p.token = refused;
    p.fetchToken = async () => {
      calls++;
      return w.token(u);
    };
    p.innerHTML = '<avara-study-list></avara-study-list><avara-study-list></avara-study-list>';
    const refreshed: unknown[] = [];
    const authErrors: unknown[] = [];
    p.addEventListener('avara-token-refreshed', (e) => refreshed.push(e));
    p.addEventListener('avara-auth-error', (e) => authErrors.push(e));
    await fixture(html`<div>${p}</div>`);
    const lists = [...p.querySelectorAll('avara-study-list')];
    await waitUntil(() => lists.every((l) => l.studies.length === rows[a]!.length + rows[b]!.length), 'rows never shown');
    expect(calls).to.equal(1);
    expect(refreshed).to.have.length(1);
    expect(authErrors).to.have.length(0);
  });

  for (const [what, value] of [
    ['undefined', undefined],
    ['an object without a token', { tokenn: 'x' }],
    ['an empty string', ''],
    ['a number', 42],
  ] as const) {
    it(`fetchToken resolving to ${what}: the authentication error state and event, one call`, async () => {
      const w = await startMockWorld();
      await twoCustomers(w);
      let calls = 0;
      const { sw, lists, authErrors } = await page(w, async () => {
        calls++;
        return value;
      });
      await waitUntil(() => lists.every((l) => alertOf(l)) && alertOf(sw), 'no authentication error shown');
      expect(calls).to.equal(1);
      expect(authErrors).to.have.length(1);
      expect(authErrors[0]!.detail.error.code).to.equal('invalid_fetch_token_result');
      expect(sw.shadowRoot!.textContent).not.to.contain('No customers');
      for (const l of lists) expect(l.shadowRoot!.textContent).not.to.contain('No studies');
      await expect(sw).to.be.accessible();
    });
  }

  it('fetchToken resolving to a string the API refuses: one retry after the 401, then the error, no loop', async () => {
    const w = await startMockWorld();
    await twoCustomers(w);
    let calls = 0;
    const { sw, lists, authErrors } = await page(w, async () => {
      calls++;
      return 'garbage-that-is-no-token';
    });
    await waitUntil(() => lists.every((l) => alertOf(l)) && alertOf(sw), 'no authentication error shown');
    expect(calls).to.equal(2);
    expect(authErrors).to.have.length(1);
    expect(authErrors[0]!.detail.error.code).to.equal('invalid_token');
    // The switcher offers to try again (there is a fetchToken); it calls fetchToken once more.
    sw.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => calls === 3 && alertOf(sw), 'retry did not ask for a token');
    await sw.updateComplete;
    expect(calls).to.equal(3);
  });
});
