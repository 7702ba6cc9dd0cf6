/**
 * <avara-study-list>: its states (loading, rows, empty, error, auth error), hostile strings,
 * stale responses, attributes, the provider's customer and locale, translations and themes.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define/provider.js';
import '../../src/define/study-list.js';
import type { AvaraProvider } from '../../src/elements/provider/provider.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import { messages } from '../../src/elements/study-list/study-list.messages.js';
import { de } from '../../src/locales/de.js';
import { es } from '../../src/locales/es.js';
import { AvaraCustomerChangeEvent } from '../../src/events/customer-change.js';
import { startMockWorld } from '../support/mock-api.js';
import {
  apiError,
  cellsOf,
  delay,
  gridOf,
  headerNamed,
  headersOf,
  idsOf,
  interceptApi,
  loaded,
  rowOf,
  rowsOf,
  scrollGrid,
  settled,
  textsOf,
  trackFetches,
} from '../support/study-list.js';

const ALL_COLUMNS = 'patientName,mrn,studyDescription,scanDate,severity,scanType,facilityName,sex,dateOfBirth,product,createdAt';

async function memberWorld() {
  const w = await startMockWorld();
  const c = w.customer('Clinic');
  const u = w.user('Reader');
  w.join(c, u);
  return { w, c, u, token: await w.token(u) };
}

const statusText = (el: AvaraStudyList) => el.shadowRoot!.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<avara-study-list> states', () => {
  let fetches: ReturnType<typeof trackFetches>;
  beforeEach(() => (fetches = trackFetches()));
  afterEach(() => fetches.restore());

  it('renders hostile strings in every field as text, creating no elements', async () => {
    const { w, c, token } = await memberWorld();
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>${7*7}{{7*7}}<a href="javascript:window.__pwned=1">x</a>';
    const js = `javascript:window.__pwned=1//${hostile}`;
    const id = w.study(
      c,
      {
        patientName: hostile,
        mrn: js,
        scanType: hostile,
        facilityName: `{{constructor.constructor('window.__pwned=1')()}}${hostile}`,
        sex: hostile as never,
        scanDate: hostile,
        dateOfBirth: '${new Date()}',
      },
      { studyDescription: `${hostile} ${js}` },
    );
    // The API only stores known severities and products; answer with ones it never would.
    interceptApi(w).onRequest(async (url, _request, next) => {
      const res = await next();
      if (url.pathname !== '/v1/studies') return res;
      const body = await res.json();
      for (const s of body.studies) Object.assign(s, { severity: hostile, product: hostile });
      return Response.json(body);
    });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      selectable
      columns=${ALL_COLUMNS}
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(el);
    const row = rowOf(el, id)!;
    const texts = textsOf(row);
    expect(texts.slice(0, 10)).to.deep.equal([
      hostile,
      js,
      `${hostile} ${js}`,
      '',
      hostile,
      hostile,
      `{{constructor.constructor('window.__pwned=1')()}}${hostile}`,
      hostile,
      '',
      hostile,
    ]);
    expect(texts[10]).to.match(/\d/); // createdAt, formatted by the element
    for (const cell of cellsOf(row)) expect(cell.querySelectorAll('*').length, cell.textContent!).to.equal(0);
    expect(el.shadowRoot!.querySelector('img, script, a, iframe, object, embed, svg')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);

    setTimeout(() => cellsOf(row)[0]!.click());
    const { detail } = await oneEvent(el, 'avara-study-select');
    expect(detail.study.reportMetadata.patientName).to.equal(hostile);
    await expect(el).to.be.accessible();
  });

  it('after rapid customer switches shows only the last customer, whatever order the answers come in', async () => {
    const w = await startMockWorld();
    const api = interceptApi(w);
    const u = w.user('Switcher');
    const customers = ['A', 'B', 'C'].map((n) => w.customer(`Customer ${n}`));
    const own = new Map<string, string[]>();
    for (const c of customers) {
      w.join(c, u);
      own.set(c, [0, 1, 2].map((i) => w.study(c, { scanDate: `2024-01-0${i + 1}`, patientName: `Of^${c.slice(-4)}` })));
    }
    // The first customers answer last: a list that does not drop stale answers would end on A.
    const lateness = new Map([
      [customers[0]!, 400],
      [customers[1]!, 250],
      [customers[2]!, 0],
    ]);
    api.onRequest(async (url) => {
      const ms = lateness.get(url.searchParams.get('expressCustomerId') ?? '');
      if (ms) await delay(ms);
      return undefined;
    });
    const provider = await fixture<AvaraProvider>(html`<avara-provider api-base=${w.apiBase} .token=${await w.token(u)}>
      <avara-study-list></avara-study-list>
    </avara-provider>`);
    const el = provider.querySelector('avara-study-list')!;
    await loaded(el);
    for (const [i, c] of customers.entries()) {
      el.dispatchEvent(new AvaraCustomerChangeEvent({ expressCustomerId: c, customer: null }));
      await waitUntil(() => api.studyQueries().length === i + 2, 'the switch sent no request');
    }
    await api.settledAll();
    await fetches.settled();
    await settled(el);
    expect(idsOf(el)).to.deep.equal([...own.get(customers[2]!)!].reverse());
    expect(el.studies.map((s) => s.studyId)).to.deep.equal(idsOf(el));
    expect(api.studyQueries().map((q) => q.expressCustomerId ?? '')).to.deep.equal(['', ...customers]);
  });

  it('a stale search answer never replaces the newer one', async () => {
    const { w, c, token } = await memberWorld();
    const api = interceptApi(w);
    const slow = w.study(c, { patientName: 'Slow^Sam' });
    const fast = w.study(c, { patientName: 'Fast^Fay' });
    api.onRequest(async (url) => {
      if (url.searchParams.get('q') === 'slow') await delay(300);
      return undefined;
    });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    el.search = 'slow';
    await el.updateComplete;
    el.search = 'fast';
    await loaded(el);
    await api.settledAll();
    await fetches.settled();
    await settled(el);
    expect(idsOf(el)).to.deep.equal([fast]);
    expect(el.studies.map((s) => s.studyId)).to.deep.equal([fast]);
    expect(idsOf(el)).not.to.include(slow);
  });

  it('is accessible while loading, with skeleton rows and a status message', async () => {
    const { w, c, token } = await memberWorld();
    w.study(c, {});
    const api = interceptApi(w);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.onRequest(async () => {
      await gate;
      return undefined;
    });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await waitUntil(() => api.studyQueries().length === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Loading studies…');
    expect(el.shadowRoot!.querySelectorAll('.skeleton .row').length).to.be.above(2);
    expect(gridOf(el).getAttribute('aria-busy')).to.equal('true');
    expect(el.matches(':state(loading)')).to.equal(true);
    expect(statusText(el)).not.to.contain('No studies');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(rowsOf(el)).to.have.length(1);
  });

  it('shows an error with Retry, fires avara-error, and recovers', async () => {
    const { w, c, token } = await memberWorld();
    const id = w.study(c, {});
    const api = interceptApi(w);
    let fail = true;
    api.onRequest(() => (fail ? apiError(500, 'api_error', 'internal_error', 'Something broke.') : undefined));
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    const { detail } = await oneEvent(el, 'avara-error');
    expect([detail.error.status, detail.error.code]).to.deep.equal([500, 'internal_error']);
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('The studies could not be loaded.');
    expect(statusText(el)).not.to.contain('No studies');
    expect(el.matches(':state(error)')).to.equal(true);
    await expect(el).to.be.accessible();
    fail = false;
    alert.querySelector('button')!.click();
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([id]);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('shows an error with Retry, not an endless spinner, when a 200 answer is not a page of studies', async () => {
    for (const body of ['{}', '[]', '{"studies":null}', '{"studies":[null]}']) {
      const { w, c, token } = await memberWorld();
      const id = w.study(c, {});
      const api = interceptApi(w);
      let malformed = true;
      api.onRequest(() => (malformed ? new Response(body, { headers: { 'content-type': 'application/json' } }) : undefined));
      const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
      const { detail } = await oneEvent(el, 'avara-error');
      expect(detail.error.code, body).to.equal('unexpected_response');
      await el.updateComplete;
      expect(el.matches(':state(loading)'), body).to.equal(false);
      expect(gridOf(el).getAttribute('aria-busy'), body).to.equal('false');
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent, body).to.contain('The studies could not be loaded.');
      malformed = false;
      alert.querySelector('button')!.click();
      await loaded(el);
      expect(idsOf(el), body).to.deep.equal([id]);
    }
  });

  it('keeps loaded rows when a later page fails, and Retry continues from there', async () => {
    const { w, c, token } = await memberWorld();
    w.store.tx(() => {
      for (let i = 0; i < 60; i++) w.study(c, { patientName: `P^${i}` });
    });
    const api = interceptApi(w);
    let fail = true;
    api.onRequest((url) => (fail && url.searchParams.has('cursor') ? apiError(503, 'api_error', 'unavailable', 'Try later.') : undefined));
    const el = await fixture<AvaraStudyList>(html`<avara-study-list page-size="20" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await oneEvent(el, 'avara-error');
    await el.updateComplete;
    expect(el.studies).to.have.length(20);
    expect(rowsOf(el).length).to.be.above(5);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('More studies could not be loaded.');
    await expect(el).to.be.accessible();
    fail = false;
    alert.querySelector('button')!.click();
    await loaded(el);
    await scrollGrid(el, gridOf(el).scrollHeight);
    await settled(el);
    await scrollGrid(el, gridOf(el).scrollHeight);
    await settled(el);
    expect(el.studies).to.have.length(60);
    expect(new Set(el.studies.map((s) => s.studyId)).size).to.equal(60);
  });

  it('shows an authentication error, never "No studies", when fetchToken fails', async () => {
    const w = await startMockWorld();
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      api-base=${w.apiBase}
      .fetchToken=${() => Promise.reject(new Error('signed out'))}
    ></avara-study-list>`);
    const auth = await oneEvent(el, 'avara-auth-error');
    expect(auth.detail.error.status).to.equal(401);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no alert');
    expect(statusText(el)).to.contain('session has expired');
    expect(el.shadowRoot!.textContent).not.to.contain('No studies');
    expect(el.shadowRoot!.querySelector('[role="alert"] button')).to.equal(null);
    expect(el.matches(':state(auth-error)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('hides the rows it had when the session ends, and recovers with a new token', async () => {
    const { w, c, u, token } = await memberWorld();
    const id = w.study(c, {});
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${'not.a.token'}></avara-study-list>`);
    await oneEvent(el, 'avara-error');
    await el.updateComplete;
    expect(rowsOf(el)).to.have.length(0);
    expect(statusText(el)).to.contain('session has expired');
    el.token = token;
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([id]);
    expect(u).to.be.a('string');
  });

  it('says "No studies." when there are none, and offers to clear a search that found none', async () => {
    const { w, c, token } = await memberWorld();
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(statusText(el)).to.equal('No studies.');
    expect(gridOf(el).getAttribute('aria-rowcount')).to.equal('1');
    expect(el.matches(':state(empty)')).to.equal(true);
    await expect(el).to.be.accessible();

    const id = w.study(c, { patientName: 'Only^One' }, { severity: 'high' });
    el.search = 'nobody';
    el.severity = 'high';
    await loaded(el);
    expect(statusText(el)).to.contain('No studies match the search and filters.');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.clear')!.click();
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([id]);
    expect([el.search, el.severity, el.shadowRoot!.querySelector('input')!.value]).to.deep.equal(['', '', '']);
  });

  it('says it is waiting for credentials, not loading, while it has none; then loads when they come', async () => {
    const { w, c, token } = await memberWorld();
    const id = w.study(c, {});
    const el = await fixture<AvaraStudyList>(html`<avara-study-list lang="en"></avara-study-list>`);
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(statusText(el)).to.equal('Not connected: no API address or sign-in token was given.');
    expect(el.matches(':state(not-configured)') && !el.matches(':state(loading)')).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('.skeleton, .skeleton-row').length, 'no skeleton rows').to.equal(0);
    expect(gridOf(el).getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
    // Half a configuration is still none.
    el.apiBase = w.apiBase;
    await el.updateComplete;
    expect(statusText(el)).to.equal('Not connected: no API address or sign-in token was given.');
    el.token = token;
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([id]);
    expect(el.matches(':state(not-configured)')).to.equal(false);
  });

  it('inside a provider that has no credentials yet, waits the same way, in the provider\'s language', async () => {
    const { w, c, token } = await memberWorld();
    const id = w.study(c, {});
    const provider = await fixture<AvaraProvider>(html`<avara-provider api-base=${w.apiBase} locale="de">
      <avara-study-list></avara-study-list>
    </avara-provider>`);
    const el = provider.querySelector('avara-study-list')!;
    await el.updateComplete;
    expect(statusText(el)).to.equal(de.studyList.notConfigured);
    await expect(el).to.be.accessible();
    provider.token = token;
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([id]);
  });
});

describe('<avara-study-list> attributes', () => {
  it('columns: chosen order, unknown names ignored, every field formatted; default when none is known', async () => {
    const { w, c, token } = await memberWorld();
    w.study(
      c,
      {
        patientName: 'Doe^Jane',
        mrn: 'MRN-1',
        scanDate: '2024-03-10',
        scanType: 'CT',
        facilityName: 'North',
        sex: 'female',
        dateOfBirth: '1970-07-04',
      },
      { studyDescription: 'CT HEAD', severity: 'high', product: 'viewer' },
    );
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      lang="en-GB"
      columns="sex, dateOfBirth,nonsense,mrn,product,scanType,facilityName,mrn"
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(el);
    expect(headersOf(el).map((h) => h.replace(/[↕▲▼]/g, ''))).to.deep.equal(['Sex', 'Date of birth', 'MRN', 'Product', 'Scan type', 'Facility']);
    expect(textsOf(rowsOf(el)[0]!)).to.deep.equal(['Female', '4 Jul 1970', 'MRN-1', 'Viewer', 'CT', 'North']);
    expect(gridOf(el).getAttribute('aria-colcount')).to.equal('6');
    el.columns = 'nonsense';
    await el.updateComplete;
    expect(headersOf(el).map((h) => h.replace(/[↕▲▼]/g, ''))).to.deep.equal(['Patient', 'Description', 'Scan date', 'Severity']);
  });

  it('sort: the attribute sets the first query; headers toggle it with aria-sort, on the server', async () => {
    const { w, c, token } = await memberWorld();
    const api = interceptApi(w);
    const b = w.study(c, { patientName: 'Bravo^B', scanDate: '2024-01-01' });
    const a = w.study(c, { patientName: 'Alpha^A', scanDate: '2024-01-02' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list sort="patientName" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(api.studyQueries().at(-1)!.sort).to.equal('patientName');
    expect(idsOf(el)).to.deep.equal([a, b]);
    const patient = () => headerNamed(el, 'Patient');
    expect(patient().getAttribute('aria-sort')).to.equal('ascending');
    expect(el.shadowRoot!.querySelectorAll('[aria-sort]')).to.have.length(1);
    expect(headerNamed(el, 'Description').querySelector('button')).to.equal(null, 'not a sortable field');

    patient().querySelector('button')!.click();
    await loaded(el);
    expect([api.studyQueries().at(-1)!.sort, el.sort, patient().getAttribute('aria-sort')]).to.deep.equal([
      '-patientName',
      '-patientName',
      'descending',
    ]);
    expect(idsOf(el)).to.deep.equal([b, a]);

    headerNamed(el, 'Scan date').querySelector('button')!.click();
    await loaded(el);
    expect(api.studyQueries().at(-1)!.sort).to.equal('-scanDate');
    expect(patient().hasAttribute('aria-sort')).to.equal(false);
    expect(headerNamed(el, 'Scan date').getAttribute('aria-sort')).to.equal('descending');
    headerNamed(el, 'Severity').querySelector('button')!.click();
    await loaded(el);
    expect(api.studyQueries().at(-1)!.sort).to.equal('-severity');
  });

  it('page-size, express-customer-id, severity and date filters become the API query', async () => {
    const w = await startMockWorld();
    const api = interceptApi(w);
    const u = w.user('Two clinics');
    const one = w.customer('One');
    const two = w.customer('Two');
    w.join(one, u);
    w.join(two, u);
    const high = w.study(one, { scanDate: '2024-04-02' }, { severity: 'high' });
    w.study(one, { scanDate: '2024-04-02' });
    w.study(one, { scanDate: '2024-03-01' }, { severity: 'high' });
    w.study(two, { scanDate: '2024-04-02' }, { severity: 'high' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      page-size="7"
      express-customer-id=${one}
      api-base=${w.apiBase}
      .token=${await w.token(u)}
    ></avara-study-list>`);
    await loaded(el);
    expect(api.studyQueries().at(-1)).to.deep.equal({ expressCustomerId: one, sort: '-scanDate', limit: '7' });
    expect(el.studies).to.have.length(3);

    const severity = el.shadowRoot!.querySelector<HTMLSelectElement>('select.severity')!;
    severity.value = 'high';
    severity.dispatchEvent(new Event('change'));
    await loaded(el);
    expect(el.severity).to.equal('high');
    expect(el.studies).to.have.length(2);

    const dates = el.shadowRoot!.querySelector<HTMLSelectElement>('select.date-filter')!;
    dates.value = 'custom';
    dates.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const from = el.shadowRoot!.querySelector<HTMLInputElement>('input.from')!;
    const to = el.shadowRoot!.querySelector<HTMLInputElement>('input.to')!;
    from.value = '2024-04-01';
    from.dispatchEvent(new Event('change'));
    await loaded(el);
    to.value = '2024-04-30';
    to.dispatchEvent(new Event('change'));
    await loaded(el);
    expect(api.studyQueries().at(-1)).to.deep.equal({
      expressCustomerId: one,
      severity: 'high',
      scanDateFrom: '2024-04-01',
      scanDateTo: '2024-04-30',
      sort: '-scanDate',
      limit: '7',
    });
    expect(idsOf(el)).to.deep.equal([high]);
    expect([el.scanDateFrom, el.scanDateTo, to.min, from.max]).to.deep.equal(['2024-04-01', '2024-04-30', '2024-04-01', '2024-04-30']);
    await expect(el).to.be.accessible();

    // A reversed custom range is read as the range it means, not sent as an error.
    el.scanDateFrom = '2024-04-30';
    el.scanDateTo = '2024-04-02';
    await loaded(el);
    expect(api.studyQueries().at(-1)).to.include({ scanDateFrom: '2024-04-02', scanDateTo: '2024-04-30' });
    expect(idsOf(el)).to.deep.equal([high]);
  });

  it('search sets the first query and fills the box; no-search and no-filters hide the controls', async () => {
    const { w, c, token } = await memberWorld();
    const api = interceptApi(w);
    const nep = w.study(c, { patientName: 'Neptune^Ann' });
    w.study(c, { patientName: 'Other^Person' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list search="NEPT" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(api.studyQueries()[0]!.q).to.equal('NEPT');
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('NEPT');
    expect(idsOf(el)).to.deep.equal([nep]);

    const bare = await fixture<AvaraStudyList>(html`<avara-study-list
      no-search
      no-filters
      search="nept"
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(bare);
    expect(bare.shadowRoot!.querySelector('input, select, [part="toolbar"]')).to.equal(null);
    expect(idsOf(bare)).to.deep.equal([nep]);
    const onlyFilters = await fixture<AvaraStudyList>(html`<avara-study-list no-search api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(onlyFilters);
    expect(onlyFilters.shadowRoot!.querySelector('input[type="search"]')).to.equal(null);
    expect(onlyFilters.shadowRoot!.querySelectorAll('select')).to.have.length(2);
  });

  it('refresh() loads again from the first page, with new studies', async () => {
    const { w, c, token } = await memberWorld();
    const first = w.study(c, { scanDate: '2024-01-01' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    const load = await oneEvent(el, 'avara-load');
    expect(load.detail.count).to.equal(1);
    await settled(el);
    const added = w.study(c, { scanDate: '2024-02-01' });
    await el.refresh();
    await settled(el);
    expect(idsOf(el)).to.deep.equal([added, first]);
  });
});

describe('<avara-study-list> inside <avara-provider>', () => {
  it("follows the provider's customer, locale and selected study", async () => {
    const w = await startMockWorld();
    const u = w.user('Member');
    const one = w.customer('One');
    const two = w.customer('Two');
    w.join(one, u);
    w.join(two, u);
    const a = w.study(one, { scanDate: '2024-03-10', patientName: 'Uno^Ana' }, { severity: 'high' });
    const b = w.study(two, { scanDate: '2024-03-09', patientName: 'Dos^Bea' });
    const provider = await fixture<AvaraProvider>(html`<avara-provider locale="es" api-base=${w.apiBase} .token=${await w.token(u)}>
      <avara-study-list selectable></avara-study-list>
    </avara-provider>`);
    const el = provider.querySelector('avara-study-list')!;
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([a, b]);
    expect(headersOf(el).map((h) => h.replace(/[↕▲▼]/g, ''))).to.deep.equal(['Paciente', 'Descripción', 'Fecha del estudio', 'Gravedad']);
    expect(textsOf(rowsOf(el)[0]!).slice(2)).to.deep.equal(['10 mar 2024', 'Alta']);

    setTimeout(() => cellsOf(rowsOf(el)[1]!)[0]!.click());
    await oneEvent(el, 'avara-study-select');
    expect(provider.studyId).to.equal(b);

    el.dispatchEvent(new AvaraCustomerChangeEvent({ expressCustomerId: two, customer: null }));
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([b]);
    provider.locale = 'de';
    await provider.updateComplete;
    await el.updateComplete;
    expect(headersOf(el)[0]).to.contain('Patient');
    expect(el.shadowRoot!.querySelector('input')!.placeholder).to.equal('Name, Patienten-ID, Beschreibung…');
  });

  for (const preset of ['dark', 'high-contrast'] as const) {
    it(`is accessible in the ${preset} preset: rows with selection, severity and placeholders; empty; error`, async () => {
      const { w, c, u } = await memberWorld();
      w.study(c, { scanDate: '2024-03-10', patientName: 'Doe^Jane', mrn: '1' }, { severity: 'high' });
      w.study(c, { scanDate: '2024-03-09', mrn: '2' });
      w.study(c, { scanDate: '2024-03-08', patientName: 'Roe^Rick', mrn: '3' });
      const api = interceptApi(w);
      const provider = await fixture<AvaraProvider>(html`<avara-provider theme-preset=${preset} api-base=${w.apiBase} .token=${await w.token(u)}>
        <avara-study-list selectable columns=${ALL_COLUMNS}></avara-study-list>
      </avara-provider>`);
      const el = provider.querySelector('avara-study-list')!;
      await loaded(el);
      cellsOf(rowsOf(el)[0]!)[0]!.click();
      cellsOf(rowsOf(el)[1]!)[0]!.click();
      cellsOf(rowsOf(el)[2]!)[1]!.focus();
      await el.updateComplete;
      expect(rowsOf(el)[1]!.getAttribute('aria-selected')).to.equal('true');
      const background = getComputedStyle(gridOf(el).querySelector('.body [role="row"]')!).backgroundColor;
      expect(background).not.to.equal('rgb(255, 255, 255)');
      await expect(el).to.be.accessible();

      el.search = 'no such study';
      await loaded(el);
      await expect(el).to.be.accessible();

      api.onRequest(() => apiError(500, 'api_error', 'internal_error', 'Broken.'));
      el.search = 'x';
      await oneEvent(el, 'avara-error');
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});

describe('<avara-study-list> loading and authentication states in every preset', () => {
  for (const preset of ['light', 'dark', 'high-contrast'] as const) {
    it(`is accessible in the ${preset} preset while loading and after a refused token`, async () => {
      const { w, c, token } = await memberWorld();
      w.study(c, {});
      const api = interceptApi(w);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      api.onRequest(async () => {
        await gate;
        return undefined;
      });
      const loading = await fixture<AvaraProvider>(html`<avara-provider theme-preset=${preset} api-base=${w.apiBase} .token=${token}>
        <avara-study-list></avara-study-list>
      </avara-provider>`);
      const list = loading.querySelector('avara-study-list')!;
      await waitUntil(() => api.studyQueries().length === 1);
      await list.updateComplete;
      expect(list.shadowRoot!.querySelector('[role="status"]')).to.exist;
      await expect(list).to.be.accessible();
      release();
      await loaded(list);
      expect(api.requests.every((u) => !u.href.includes(token)), 'the token is never in a URL').to.equal(true);

      const refused = await fixture<AvaraProvider>(html`<avara-provider theme-preset=${preset} api-base=${w.apiBase} .token=${'not.a.token'}>
        <avara-study-list></avara-study-list>
      </avara-provider>`);
      const el = refused.querySelector('avara-study-list')!;
      await oneEvent(el, 'avara-error');
      await el.updateComplete;
      expect(statusText(el)).to.contain('session has expired');
      expect(el.shadowRoot!.textContent).not.to.contain('No studies');
      await expect(el).to.be.accessible();
    });
  }
});

describe('study-list translations', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it('es and de have every English message, none empty', () => {
    const en = keys(messages.en).sort();
    for (const [lang, catalog] of [['es', es], ['de', de]] as const) {
      expect(keys(catalog.studyList).sort(), lang).to.deep.equal(en);
      for (const k of en) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalog.studyList);
        expect(v, `${lang}.${k}`).to.be.a('string').and.not.equal('');
      }
    }
  });
});
