/**
 * The worklist cases (shared/cases W1–W9) that touch <avara-study-list>, each with its right
 * value, against the real reference API answering in the page.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define/study-list.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import { startMockWorld } from '../support/mock-api.js';
import {
  cellsOf,
  focusedIn,
  gridOf,
  headerNamed,
  idsOf,
  interceptApi,
  loaded,
  rowOf,
  rowsOf,
  settled,
  textsOf,
  walkToEnd,
} from '../support/study-list.js';

async function memberWorld() {
  const w = await startMockWorld();
  const c = w.customer('Clinic');
  const u = w.user('Reader');
  w.join(c, u);
  return { w, c, u, token: await w.token(u) };
}

const searchBox = (el: AvaraStudyList) => el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;

describe('<avara-study-list> worklist cases', () => {
  describe('W1 calendar dates never shift with time zones', () => {
    afterEach(async () => {
      await executeServerCommand('emulate-timezone', { timezoneId: '' });
    });

    it('"Today" in Los Angeles at 17:30 on 10 March asks for 2024-03-10 and shows 10 Mar 2024', async () => {
      await executeServerCommand('emulate-timezone', { timezoneId: 'America/Los_Angeles' });
      const now = new Date('2024-03-10T17:30:00-08:00');
      // The browser really is in Los Angeles now, where UTC has already reached the 11th.
      expect([now.getDate(), now.toISOString().slice(0, 10)]).to.deep.equal([10, '2024-03-11']);

      const { w, c, token } = await memberWorld();
      const api = interceptApi(w);
      const onTenth = w.study(c, { scanDate: '2024-03-10', dateOfBirth: '1980-01-01', patientName: 'Ten^Day' });
      const onEleventh = w.study(c, { scanDate: '2024-03-11', patientName: 'Eleven^Day' });
      const onFourth = w.study(c, { scanDate: '2024-03-04', patientName: 'Four^Day' });
      w.study(c, { scanDate: '2024-03-03', patientName: 'Three^Day' });

      const el = await fixture<AvaraStudyList>(html`<avara-study-list
        lang="en-GB"
        date-filter="today"
        columns="patientName,scanDate,dateOfBirth"
        api-base=${w.apiBase}
        .clock=${() => now}
        .token=${token}
      ></avara-study-list>`);
      await loaded(el);
      const q = api.studyQueries().at(-1)!;
      expect([q.scanDateFrom, q.scanDateTo]).to.deep.equal(['2024-03-10', '2024-03-10']);
      expect(idsOf(el)).to.deep.equal([onTenth]);
      expect(textsOf(rowsOf(el)[0]!)).to.deep.equal(['Ten, Day', '10 Mar 2024', '1 Jan 1980']);

      // "Last 7 days" is today and the six local days before it: 4–10 March, not 5–11.
      const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select.date-filter')!;
      select.value = 'last-7-days';
      select.dispatchEvent(new Event('change'));
      await loaded(el);
      const q7 = api.studyQueries().at(-1)!;
      expect([q7.scanDateFrom, q7.scanDateTo]).to.deep.equal(['2024-03-04', '2024-03-10']);
      expect(idsOf(el)).to.deep.equal([onTenth, onFourth]);
      expect(idsOf(el)).not.to.include(onEleventh);
    });

    it('calendar dates render the same day in every time zone', async () => {
      const { w, c, token } = await memberWorld();
      w.study(c, { scanDate: '2024-03-10', dateOfBirth: '1999-12-31' });
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        await executeServerCommand('emulate-timezone', { timezoneId: tz });
        const el = await fixture<AvaraStudyList>(html`<avara-study-list
          lang="en-GB"
          columns="scanDate,dateOfBirth"
          api-base=${w.apiBase}
          .token=${token}
        ></avara-study-list>`);
        await loaded(el);
        expect(textsOf(rowsOf(el)[0]!), tz).to.deep.equal(['10 Mar 2024', '31 Dec 1999']);
      }
    });
  });

  it('W2 same-day studies keep a stable order on every load and every page', async () => {
    const { w, c, token } = await memberWorld();
    w.study(c, { scanDate: '2024-05-18' });
    const a = w.study(c, { scanDate: '2024-05-17' });
    const b = w.study(c, { scanDate: '2024-05-17' });
    const cc = w.study(c, { scanDate: '2024-05-17' });
    w.study(c, { scanDate: '2024-05-16' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list page-size="2" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    await walkToEnd(el);
    const first = idsOf(el);
    expect(first.slice(1, 4)).to.deep.equal([cc, b, a]);
    for (let i = 0; i < 2; i++) {
      await el.refresh();
      await walkToEnd(el);
      expect(idsOf(el)).to.deep.equal(first);
    }
    el.sort = 'scanDate';
    await loaded(el);
    await walkToEnd(el);
    expect(idsOf(el).slice(1, 4)).to.deep.equal([a, b, cc]);
  });

  it('W3 selection follows the study, not the row, through a re-sort', async () => {
    const { w, c, token } = await memberWorld();
    const a = w.study(c, { scanDate: '2024-03-03', patientName: 'Beta^Ann' });
    const b = w.study(c, { scanDate: '2024-03-02', patientName: 'Zulu^Bob' });
    const cc = w.study(c, { scanDate: '2024-03-01', patientName: 'Alpha^Cy' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list selectable api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([a, b, cc]);

    setTimeout(() => cellsOf(rowsOf(el)[1]!)[0]!.click());
    const picked = await oneEvent(el, 'avara-study-select');
    expect(picked.detail.study.studyId).to.equal(b);
    expect(picked.detail.study.reportMetadata.patientName).to.equal('Zulu^Bob');

    headerNamed(el, 'Patient').querySelector('button')!.click();
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([cc, a, b]);
    const selected = rowsOf(el).filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.dataset.studyId)).to.deep.equal([b]);
    expect(rowsOf(el)[1]!.getAttribute('aria-selected')).to.equal('false');
    expect(el.selectedStudyId).to.equal(b);

    // The keyboard's active row follows the selected study too; Space on it selects that study.
    cellsOf(rowOf(el, b)!)[0]!.focus();
    setTimeout(() => sendKeys({ press: 'Space' }));
    const again = await oneEvent(el, 'avara-study-select');
    expect(again.detail.study.studyId).to.equal(b);
  });

  it('W4 a missing date is empty, sorts last both ways, and never reads "Invalid Date"', async () => {
    const { w, c, token } = await memberWorld();
    const dated = w.study(c, { scanDate: '2024-01-02', patientName: 'Dated^One' });
    const absent = w.study(c, { patientName: 'Absent^Date' });
    const blank = w.study(c, { scanDate: '', dateOfBirth: '', patientName: 'Blank^Date' });
    const older = w.study(c, { scanDate: '2023-01-02', patientName: 'Older^One' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      lang="en-GB"
      columns="patientName,scanDate,dateOfBirth"
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(el);
    expect(idsOf(el).slice(0, 2)).to.deep.equal([dated, older]);
    expect(idsOf(el).slice(2)).to.have.members([absent, blank]);
    expect(textsOf(rowOf(el, absent)!)).to.deep.equal(['Absent, Date', '', '']);
    expect(textsOf(rowOf(el, blank)!)).to.deep.equal(['Blank, Date', '', '']);

    headerNamed(el, 'Scan date').querySelector('button')!.click();
    await loaded(el);
    expect(headerNamed(el, 'Scan date').getAttribute('aria-sort')).to.equal('ascending');
    expect(idsOf(el).slice(0, 2)).to.deep.equal([older, dated]);
    expect(idsOf(el).slice(2)).to.have.members([absent, blank]);
    const shown = el.shadowRoot!.textContent!;
    expect(shown).not.to.contain('Invalid Date');
    expect(shown).not.to.contain('undefined');
    expect(shown).not.to.contain('NaN');
  });

  it('W5 a missing patient name is a muted placeholder, still selectable and found by MRN', async () => {
    const { w, c, token } = await memberWorld();
    const absent = w.study(c, { mrn: 'MRN-ABSENT', scanDate: '2024-01-03' });
    const nulled = w.study(c, { mrn: 'MRN-NULL', scanDate: '2024-01-02', patientName: null as unknown as string });
    const empty = w.study(c, { mrn: 'MRN-EMPTY', scanDate: '2024-01-01', patientName: '' });
    w.study(c, { mrn: 'MRN-OTHER', scanDate: '2023-01-01', patientName: 'Named^Person' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      selectable
      columns="patientName,mrn"
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(el);
    for (const id of [absent, nulled, empty]) {
      const cell = cellsOf(rowOf(el, id)!)[0]!;
      expect(cell.textContent!.trim()).to.equal('(no name)');
      const placeholder = cell.querySelector<HTMLElement>('[part="placeholder"]')!;
      const muted = getComputedStyle(placeholder);
      expect(muted.color).to.equal('rgb(87, 96, 106)'); // --avara-color-text-muted (light)
      expect(muted.fontStyle).to.equal('italic');
    }
    const search = searchBox(el);
    search.focus();
    await sendKeys({ type: 'mrn-null' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.search === 'mrn-null', 'the search was not applied');
    await el.updateComplete;
    await settled(el);
    expect(idsOf(el)).to.deep.equal([nulled]);
    setTimeout(() => cellsOf(rowsOf(el)[0]!)[1]!.click());
    const { detail } = await oneEvent(el, 'avara-study-select');
    expect(detail.study.studyId).to.equal(nulled);
    expect(rowsOf(el)[0]!.getAttribute('aria-selected')).to.equal('true');
  });

  it('W6 DICOM person names are formatted; plain names are left alone', async () => {
    const { w, c, token } = await memberWorld();
    const cases: [string, string][] = [
      ['Doe^Jane', 'Doe, Jane'],
      ['Doe^John^A', 'Doe, John A'],
      ['Adams^John Robert Quincy^^Rev.^B.A. M.Div.', 'Adams, Rev. John Robert Quincy, B.A. M.Div.'],
      ['Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer', 'Morrison-Jones, Susan, Ph.D., Chief Executive Officer'],
      ['Jane Doe', 'Jane Doe'],
      ['Doe^Jane^^^', 'Doe, Jane'],
    ];
    const ids = cases.map(([raw], i) => w.study(c, { patientName: raw, scanDate: `2024-01-${String(20 - i).padStart(2, '0')}` }));
    const el = await fixture<AvaraStudyList>(html`<avara-study-list columns="patientName" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(idsOf(el)).to.deep.equal(ids);
    expect(rowsOf(el).map((r) => textsOf(r)[0])).to.deep.equal(cases.map(([, shown]) => shown));
  });

  it('W7 non-ASCII text survives the API, SQLite and the element, and is searchable', async () => {
    const { w, c, token } = await memberWorld();
    const created = await w.call('POST', '/v1/auto-scribe/studies', w.secretKey, {
      studyInstanceUid: '1.2.840.7',
      studyDescription: 'T1 VIBE3D 5° relaxo',
      severity: 'high',
      expressCustomerId: c,
      reportMetadata: { patientName: 'Müller^Zoë', facilityName: 'Hôpital Saint-Éloi', scanDate: '2024-02-29', mrn: 'Ø-123' },
    });
    expect(created.status).to.equal(200);
    w.study(c, { patientName: 'Plain^Ascii', scanDate: '2024-01-01' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      lang="de"
      columns="patientName,mrn,studyDescription,facilityName,scanDate,severity"
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(el);
    expect(textsOf(rowsOf(el)[0]!)).to.deep.equal(['Müller, Zoë', 'Ø-123', 'T1 VIBE3D 5° relaxo', 'Hôpital Saint-Éloi', '29. Feb. 2024', 'Hoch']);
    for (const q of ['ZOË', 'éloi', '5° RELAXO']) {
      el.search = q;
      await loaded(el);
      expect(idsOf(el), q).to.deep.equal([created.body.studyId]);
    }
  });

  it('W8 search is server-side, case-insensitive, inside words, and finds a match beyond the loaded pages', async () => {
    const { w, c, token } = await memberWorld();
    const api = interceptApi(w);
    w.store.tx(() => {
      for (let i = 0; i < 130; i++) w.study(c, { patientName: `Filler^Number${i}`, scanDate: '2024-06-01' }, { studyDescription: `Routine ${i}` });
    });
    const neptune = w.study(c, { patientName: 'Neptune^Ann', scanDate: '2020-01-01' });
    const ct = w.study(c, { scanDate: '2020-01-02' }, { studyDescription: 'CT ABDOMEN PELVIS' });
    const fall = w.study(c, { scanDate: '2020-01-03' }, { studyDescription: 'Fall 1' });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list page-size="25" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(el.studies.map((s) => s.studyId)).not.to.include.members([neptune]);

    const search = searchBox(el);
    for (const [typed, expected] of [
      ['neptune', neptune],
      ['ct', ct],
      ['fall', fall],
    ] as const) {
      search.focus();
      search.select();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ type: typed });
      await waitUntil(() => api.studyQueries().at(-1)?.q === typed, `no request with q=${typed}`);
      await settled(el);
      expect(idsOf(el), typed).to.deep.equal([expected]);
      expect(el.search).to.equal(typed);
      expect(focusedIn(el)).to.equal(search, 'typing keeps the focus in the search box');
    }
  });

  it('W9 infinite scroll walks every page without gaps or repeats, even as studies are added', async () => {
    const { w, c, token } = await memberWorld();
    const api = interceptApi(w);
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    w.store.tx(() => {
      for (let i = 0; i < 120; i++) w.study(c, { scanDate: day(i), patientName: `Patient^${i}` });
    });
    const original = await w.visible(token);
    expect(original).to.have.length(120);
    api.requests.length = 0;

    let added: string[] = [];
    let studyPages = 0;
    api.onRequest((url) => {
      // Between page 2 and page 3, three studies arrive: one newer than the page-2 cursor, two after it.
      if (url.pathname === '/v1/studies' && ++studyPages === 3) {
        added = [
          w.study(c, { scanDate: '2025-01-01', patientName: 'New^Newest' }),
          w.study(c, { scanDate: '2024-02-15', patientName: 'New^Middle' }),
          w.study(c, { scanDate: '2023-06-01', patientName: 'New^Oldest' }),
        ];
      }
      return undefined;
    });

    const counts: number[] = [];
    const el = await fixture<AvaraStudyList>(html`<avara-study-list page-size="25" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    el.addEventListener('avara-load', (e) => counts.push(e.detail.count));
    await settled(el);
    const seen = await walkToEnd(el, 200);
    const indices = [...seen.keys()].sort((x, y) => x - y);
    const walked = indices.map((i) => seen.get(i)!);

    expect(indices).to.deep.equal(walked.map((_, i) => i + 2), 'every row index from 2 on, no gaps');
    expect(new Set(walked).size).to.equal(walked.length, 'no study twice');
    expect(walked.filter((id) => original.includes(id))).to.deep.equal(original, 'the original 120, in order');
    expect(walked).not.to.include(added[0]);
    expect(walked).to.include.members([added[1], added[2]]);
    expect(walked).to.have.length(122);
    expect(gridOf(el).getAttribute('aria-rowcount')).to.equal('123');
    const queries = api.studyQueries();
    expect(queries.map((q) => q.limit)).to.deep.equal(queries.map(() => '25'));
    expect(queries.filter((q) => !q.cursor)).to.have.length(1, 'one first page, then cursors');
    expect(counts.slice(0, 4)).to.deep.equal([25, 50, 75, 100]);
    expect(counts.at(-1)).to.equal(122);
  });
});
