import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LIST_PLAN } from '../../api/store-studies.js';
import { fold } from '../../api/text.js';
import type { Study } from '../../api/types.js';
import { apiHarness } from '../support/api-harness.js';
import { DRIVERS } from '../support/drivers.js';

/**
 * Worklist cases W2, W7, W8 and W9 (shared/cases/worklist-cases.md) at the API level, beyond what
 * test/node/studies.test.ts already covers: every sort field, the SDK hop, every searchable field
 * and every search path, and paging with filters while studies arrive.
 */

const DEFAULT_PLAN = { ...LIST_PLAN };
/**
 * Plans that force each search path on small data: the trigram candidates (kept to the caller's
 * customers first, or not), a bounded run in list order (ending inside the list, or holding all
 * of it), more trigrams after a run, and reading on.
 */
const PLANS: [string, Partial<typeof LIST_PLAN>][] = [
  ['default plan', {}],
  ['trigram candidates, each row read', { scanRowsCovered: 1, scanRows: 1, narrowAbove: Infinity }],
  ["trigram candidates kept to the caller's customers first", { scanRowsCovered: 1, scanRows: 1, narrowAbove: 0, narrowRatio: 1_000_000 }],
  ['a bounded run, then reading on', { candidateLimit: 0, scanRowsCovered: 2, scanRows: 2, indexLimit: 0 }],
  ['a run holding the whole list', { candidateLimit: 0, scanRowsCovered: 100_000, scanRows: 100_000, indexLimit: 0 }],
  ['a bounded run, then more trigrams', { candidateLimit: 0, scanRowsCovered: 2, scanRows: 2, indexLimit: 2000 }],
  ['reading on', { candidateLimit: 0, scanRowsCovered: 0, scanRows: 0, indexLimit: 0 }],
];

/** The API over a driver that records the SQL of every `all` and `get`: which path a plan took. */
async function recordingHarness(openDriver: (typeof DRIVERS)[keyof typeof DRIVERS]) {
  const inner = await openDriver();
  const statements: string[] = [];
  const h = await apiHarness({
    ...inner,
    all: (sql, params) => (statements.push(sql), inner.all(sql, params)),
    get: (sql, params) => (statements.push(sql), inner.get(sql, params)),
  });
  return { inner, statements, h };
}

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`worklist cases at the API (${driverName})`, () => {
    afterEach(() => Object.assign(LIST_PLAN, DEFAULT_PLAN));

    async function world() {
      const h = await apiHarness(await openDriver());
      const a = await h.account();
      const north = (await a.sdk.express.create({ expressCustomerName: 'Northside' })).expressCustomerId;
      const lake = (await a.sdk.express.create({ expressCustomerName: 'Lakeshore' })).expressCustomerId;
      const ana = await a.activeUser('Ana');
      await a.sdk.express.addUser(north, { userId: ana });
      await a.sdk.express.addUser(lake, { userId: ana });
      let uid = 0;
      const study = (customer: string | null, reportMetadata: Record<string, string> = {}, extra: Record<string, string> = {}) =>
        a.sdk.autoScribe.studies.create({
          studyInstanceUid: `1.2.826.0.1.${++uid}`,
          studyDescription: extra.studyDescription ?? `Study ${uid}`,
          severity: (extra.severity ?? 'normal') as 'normal',
          expressCustomerId: customer ?? undefined,
          reportMetadata,
        });
      const token = await a.token(ana);
      const walk = async (query: string, limit = 100, credential = token) => {
        const ids: string[] = [];
        let cursor = '';
        for (;;) {
          const r = await h.call('GET', `/v1/studies?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`, { credential });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          ids.push(...r.body.studies.map((s: Study) => s.studyId));
          if (!r.body.hasMore) return ids;
          cursor = r.body.nextCursor;
        }
      };
      return { h, a, north, lake, ana, token, study, walk };
    }

    it('W2 ties keep a deterministic order (createdAt, then id) for every sort field, in both directions, page by page', async () => {
      const { north, lake, study, walk } = await world();
      // Two customers, so the member's list merges two per-customer pages.
      const made: Study[] = [];
      for (let i = 0; i < 6; i++) {
        made.push(
          await study(i % 2 ? north : lake, { scanDate: '2024-05-17', patientName: 'Same^Name' }, { studyDescription: `Tie ${i}`, severity: 'high' }),
        );
      }
      const newestFirst = [...made].reverse().map((s) => s.studyId);
      for (const sort of ['scanDate', 'patientName', 'severity', 'createdAt']) {
        assert.deepEqual(await walk(`sort=-${sort}`), newestFirst, `-${sort}`);
        assert.deepEqual(await walk(`sort=-${sort}`, 1), newestFirst, `-${sort}, one per page`);
        assert.deepEqual(await walk(`sort=${sort}`, 2), [...newestFirst].reverse(), `${sort}, two per page`);
      }
    });

    it('W2/W4 every sort field orders by value with missing values last both ways', async () => {
      const { north, study, walk } = await world();
      const b = await study(north, { patientName: 'Bravo^B', scanDate: '2024-02-01' }, { severity: 'normal' });
      const none = await study(north, {}, { severity: 'high' });
      const a1 = await study(north, { patientName: 'alpha^A', scanDate: '2024-03-01' }, { severity: 'high' });
      const c = await study(north, { patientName: 'Ça^C', scanDate: '2024-01-01' }, { severity: 'normal' });
      const id = (...xs: Study[]) => xs.map((s) => s.studyId);
      assert.deepEqual(await walk('sort=patientName', 1), id(a1, b, c, none), 'case-folded, accents after ASCII, missing last');
      assert.deepEqual(await walk('sort=-patientName', 1), id(c, b, a1, none));
      assert.deepEqual(await walk('sort=scanDate', 1), id(c, b, a1, none));
      assert.deepEqual(await walk('sort=-scanDate', 1), id(a1, b, c, none));
      assert.deepEqual(await walk('sort=-severity', 1), id(a1, none, c, b), 'high first, ties newest first');
      assert.deepEqual(await walk('sort=severity', 1), id(b, c, none, a1));
    });

    it('W7 non-ASCII text goes through the SDK, the API and SQLite unchanged, NFC and NFD kept apart', async () => {
      const { h, a, north, token } = await world();
      const nfc = 'Zoë'.normalize('NFC');
      const nfd = 'Zoë'.normalize('NFD');
      assert.notEqual(nfc, nfd);
      const created = await a.sdk.viewer.studies.create({
        studyInstanceUid: '1.2.7',
        studyDescription: 'T1 VIBE3D 5° relaxo',
        severity: 'normal',
        expressCustomerId: north,
        reportMetadata: { patientName: `Müller^${nfd}`, facilityName: 'Hôpital Saint-Éloi', scanType: '山田 🩻 ‏عربى‎', mrn: nfc },
      });
      const read = await h.call('GET', `/v1/studies/${created.studyId}`, { credential: token });
      assert.equal(read.body.studyDescription, 'T1 VIBE3D 5° relaxo');
      assert.equal(read.body.reportMetadata.patientName, `Müller^${nfd}`);
      assert.equal(read.body.reportMetadata.mrn, nfc);
      assert.equal(read.body.reportMetadata.facilityName, 'Hôpital Saint-Éloi');
      assert.equal(read.body.reportMetadata.scanType, '山田 🩻 ‏عربى‎');
      assert.deepEqual((await a.sdk.studies.retrieve(created.studyId)).reportMetadata, read.body.reportMetadata);
    });

    it('W7 any well-formed Unicode string round-trips in studies, customers and metadata (property)', async () => {
      const { h, a, token, north } = await world();
      const text = fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
        .filter((s) => s.trim().length > 0 && !s.includes('\u0000'));
      let n = 0;
      await fc.assert(
        fc.asyncProperty(text, text, text, async (name, description, value) => {
          const s = await a.sdk.viewer.studies.create({
            studyInstanceUid: `1.9.${++n}`,
            studyDescription: description,
            severity: 'normal',
            expressCustomerId: north,
            reportMetadata: { patientName: name, facilityName: value },
          });
          const got = (await h.call('GET', `/v1/studies/${s.studyId}`, { credential: token })).body;
          assert.equal(got.studyDescription, description);
          assert.equal(got.reportMetadata.patientName, name);
          assert.equal(got.reportMetadata.facilityName, value);
          const c = await a.sdk.express.create({ expressCustomerName: name, metadata: { [`k${n}`]: value } });
          const back = await a.sdk.express.retrieve(c.expressCustomerId);
          assert.equal(back.expressCustomerName, name);
          assert.equal(back.metadata[`k${n}`], value);
        }),
        { numRuns: 40 },
      );
    });

    for (const [planName, plan] of PLANS) {
      it(`W8 search finds every documented field, inside words, with Unicode folding, and nothing else (${planName})`, async () => {
        const { north, lake, study, walk, h, a } = await world();
        Object.assign(LIST_PLAN, plan);
        for (let i = 0; i < 40; i++) await study(i % 2 ? north : lake, { patientName: `Filler^${i}`, scanDate: '2024-06-01' });
        const ann = await study(north, { patientName: 'Neptune^Ann', scanDate: '2020-01-01' });
        const ct = await study(lake, { scanDate: '2020-01-01' }, { studyDescription: 'CT ABDOMEN PELVIS' });
        const fall = await study(north, { scanDate: '2020-01-01' }, { studyDescription: 'Fall 1' });
        const mrn = await study(north, { mrn: 'MRN-2024-001234' });
        const facility = await study(lake, { facilityName: 'Hôpital Saint-Éloi' });
        const strasse = await study(north, { patientName: 'Großmann^Jörg' });
        const sigma = await study(lake, { patientName: 'ΟΔΥΣΣΕΥΣ^Νίκος' });
        const wide = await study(north, {}, { studyDescription: 'ＣＯＶＩＤ screen' });
        const typed = await study(north, { scanType: 'Angiography', sex: 'female' });
        const unattached = await study(null, { patientName: 'Neptune^Zed' });
        const one = async (q: string) => walk(`q=${encodeURIComponent(q)}`, 25);
        assert.deepEqual(await one('neptune'), [ann.studyId], 'patient name; an unattached study stays hidden from a member');
        assert.deepEqual(await one('EPTUN'), [ann.studyId], 'inside a word');
        assert.deepEqual(await one('neptune ann'), [ann.studyId], 'DICOM name as words');
        assert.deepEqual(await one('Neptune^Ann'), [ann.studyId], 'DICOM name as written');
        assert.deepEqual(await one('ct'), [ct.studyId]);
        assert.deepEqual(await one('fall'), [fall.studyId]);
        assert.deepEqual(await one('2024-0012'), [mrn.studyId], 'MRN');
        assert.deepEqual(await one('saint-éloi'), [facility.studyId], 'facility');
        assert.deepEqual(await one('SAINT-ÉLOI'), [facility.studyId]);
        assert.deepEqual(await one(ann.studyInstanceUid), [ann.studyId], 'Study Instance UID');
        assert.deepEqual(await one('GROSSMANN'), [strasse.studyId], 'ß folds to ss');
        assert.deepEqual(await one('οδυσσευς'), [sigma.studyId], 'Greek sigma and final sigma fold alike');
        assert.deepEqual(await one('covid'), [wide.studyId], 'full-width letters fold (NFKC)');
        assert.deepEqual(await one('angiography'), [], 'scan type is not among the searched fields');
        assert.deepEqual(await one('female'), [], 'nor is sex');
        assert.deepEqual(await one('zzz-nothing'), []);
        assert.equal(typed.reportMetadata.scanType, 'Angiography');
        // The admin's search also finds the unattached study; the secret key's too.
        const adminToken = await a.token(await a.activeUser('Alex', 'platform_admin'));
        assert.deepEqual(new Set(await walk('q=neptune', 25, adminToken)), new Set([ann.studyId, unattached.studyId]));
        // A match beyond the first page of the unfiltered list is on the first page of the search.
        const r = await h.call('GET', '/v1/studies?q=NEPTUNE&limit=1', { credential: adminToken });
        assert.equal(r.body.studies.length, 1);
      });
    }

    it('W8 a search whose every trigram is common but rare together is answered from the trigram index, with the rows of a full read', async () => {
      // Each trigram of q is in more studies than the candidate limit (as every trigram of an
      // eight-digit MRN is in about 1% of a million studies); the studies holding three of them
      // are only the real matches. Before, such a search skipped the index and read every study
      // of the caller's scope (217 ms for a platform admin at a million studies).
      const { inner, statements, h } = await recordingHarness(openDriver);
      const a = await h.account();
      const north = (await a.sdk.express.create({ expressCustomerName: 'Northside' })).expressCustomerId;
      const lake = (await a.sdk.express.create({ expressCustomerName: 'Lakeshore' })).expressCustomerId;
      const other = (await a.sdk.express.create({ expressCustomerName: 'Elsewhere' })).expressCustomerId;
      const ana = await a.activeUser('Ana');
      await a.sdk.express.addUser(north, { userId: ana });
      await a.sdk.express.addUser(lake, { userId: ana });
      const anaToken = await a.token(ana);
      const lakeOnly = await a.token(ana, { expressCustomerIds: [lake] });
      const adminToken = await a.token(await a.activeUser('Alex', 'platform_admin'));
      let uid = 0;
      const study = (customer: string | null, studyDescription: string, reportMetadata: Record<string, string> = {}) =>
        a.sdk.viewer.studies.create({
          studyInstanceUid: `1.9.${++uid}`,
          studyDescription,
          severity: 'normal',
          expressCustomerId: customer ?? undefined,
          reportMetadata,
        });
      const COPIES = 4;
      const cases: { q: string; fields: (i: number) => Record<string, string> }[] = [
        { q: '13526234', fields: (i) => ({ mrn: `MRN-00${'13526234'}-${i}` }) },
        { q: 'wiśniewska', fields: () => ({ patientName: 'WIŚNIEWSKA^Ola' }) },
        { q: 'GROSSMANN', fields: () => ({ patientName: 'Großmann^Jörg' }) },
        // A prefix ending in sigma: lowercasing alone writes it as final ς, which the name does not hold there.
        { q: 'ΟΔΥΣΣ', fields: () => ({ patientName: 'ΟΔΥΣΣΕΥΣ^Νίκος' }) },
      ];
      const expected = new Map<string, { north: string; elsewhere: string; unattached: string }>();
      for (const { q, fields } of cases) {
        // Decoys: every four-character window of q, several times; each holds two trigrams of q.
        const cps = Array.from(fold(q));
        for (let i = 0; i + 4 <= cps.length; i++) {
          for (let k = 0; k < COPIES; k++) await study(k % 2 ? north : other, `${cps.slice(i, i + 4).join('')} decoy`);
        }
        expected.set(q, {
          north: (await study(north, 'Match', fields(1))).studyId,
          elsewhere: (await study(other, 'Match', fields(2))).studyId,
          unattached: (await study(null, 'Match', fields(3))).studyId,
        });
      }
      const walk = async (query: string, credential: string) => {
        const ids: string[] = [];
        for (let cursor = ''; ; ) {
          const r = await h.call('GET', `/v1/studies?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`, { credential });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          ids.push(...r.body.studies.map((s: Study) => s.studyId));
          if (!r.body.hasMore) return ids;
          cursor = r.body.nextCursor;
        }
      };
      const readsOn = () => statements.filter((sql) => sql.includes('instr(s.search_text') && !sql.includes('json_each'));
      for (const { q } of cases) {
        const e = expected.get(q)!;
        const results: Record<string, string[][]> = {};
        for (const [planName, plan] of [
          ['trigram candidates', { scanRowsCovered: 0, scanRows: 0, candidateLimit: 3 }],
          ['full read', { scanRowsCovered: 1, scanRows: 1, candidateLimit: 0, indexLimit: 0 }],
        ] as const) {
          Object.assign(LIST_PLAN, plan);
          statements.length = 0;
          const got: string[][] = [];
          for (const sort of ['-scanDate', 'patientName', 'severity']) {
            const query = `sort=${sort}&q=${encodeURIComponent(q)}`;
            got.push(await walk(query, adminToken), await walk(query, anaToken), await walk(query, lakeOnly));
            got.push(await walk(`${query}&expressCustomerId=${other}`, anaToken));
          }
          results[planName] = got;
          const matched = statements.some((sql) => sql.includes(' MATCH '));
          if (planName === 'trigram candidates') {
            assert.ok(matched, `${q}: the index was asked`);
            assert.deepEqual(readsOn(), [], `${q}: no caller read on through their studies`);
          } else {
            assert.ok(readsOn().length > 0, `${q}: over the candidate limit, the search reads on`);
          }
        }
        assert.deepEqual(results['trigram candidates'], results['full read'], `${q}: both paths give the same pages`);
        const [admin, member, narrowed, outside] = results['full read']!;
        assert.deepEqual(new Set(admin), new Set([e.north, e.elsewhere, e.unattached]), `${q}: the admin finds every match, unattached included`);
        assert.deepEqual(member, [e.north], `${q}: the member finds the match of their customer only`);
        assert.deepEqual(narrowed, [], `${q}: a token narrowed to another customer finds nothing`);
        assert.deepEqual(outside, [], `${q}: a customer outside the member's scope gives an empty list`);
      }
    });

    it('W8 every search plan gives the pages of a full scan, for every caller, sort, filter and cursor', async () => {
      // Each plan is forced on the same data; every page of every walk is compared with one SQL
      // query that reads every row of the caller's scope. Which statements ran shows that each
      // plan took its own path.
      const { inner, statements, h } = await recordingHarness(openDriver);
      const a = await h.account();
      const other = await h.account();
      const [north, lake, east, west] = await Promise.all(
        ['Northside', 'Lakeshore', 'Eastgate', 'Westend'].map(async (name) => (await a.sdk.express.create({ expressCustomerName: name })).expressCustomerId),
      );
      const otherCustomer = (await other.sdk.express.create({ expressCustomerName: 'Northside' })).expressCustomerId;
      const ana = await a.activeUser('Ana');
      for (const c of [north!, lake!, east!]) await a.sdk.express.addUser(c, { userId: ana });
      const admin = await a.activeUser('Alex', 'platform_admin');
      const names = ['WIŚNIEWSKA^Ola', 'Großmann^Jörg', 'Neptune^Ann', 'Müller^Zoë', 'Doe^Jane', 'Brain^Carl', ''];
      const descriptions = ['Brain MRI with Contrast', 'Head CT without contrast', 'CT ABDOMEN PELVIS', 'Brain CT perfusion', 'Chest X-ray'];
      const dates = ['2024-03-01', '2024-03-02', '2024-03-02', '2023-12-31', ''];
      let seed = 7;
      const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const write = async (account: typeof a, customers: (string | null)[], i: number) => {
        const name = names[next(names.length)]!;
        const date = dates[next(dates.length)]!;
        await account.sdk.viewer.studies.create({
          studyInstanceUid: `1.2.40.${account === a ? 1 : 2}.${i}`,
          studyDescription: descriptions[next(descriptions.length)]!,
          severity: next(3) ? 'normal' : 'high',
          expressCustomerId: customers[next(customers.length)] ?? undefined,
          reportMetadata: { ...(name ? { patientName: name } : {}), ...(date ? { scanDate: date } : {}), mrn: `MRN-${1000 + i * 7}` },
        });
      };
      for (let i = 0; i < 150; i++) await write(a, [north!, lake!, east!, west!, null], i);
      for (let i = 0; i < 30; i++) await write(other, [otherCustomer, null], i);

      const callers: { label: string; credential: string; customers: string[] | null; extra?: string }[] = [
        { label: 'admin', credential: await a.token(admin), customers: null },
        { label: 'admin narrowed to two customers', credential: await a.token(admin, { expressCustomerIds: [west!, north!] }), customers: [west!, north!] },
        { label: 'member of three customers', credential: await a.token(ana), customers: [north!, lake!, east!] },
        { label: 'member narrowed to one customer', credential: await a.token(ana, { expressCustomerIds: [lake!] }), customers: [lake!] },
        { label: 'member, one customer asked for', credential: await a.token(ana), customers: [east!], extra: `&expressCustomerId=${east}` },
        { label: 'member, high severity', credential: await a.token(ana), customers: [north!, lake!, east!], extra: '&severity=high' },
      ];
      const columns: Record<string, string> = { scanDate: 'scan_date', patientName: 'patient_sort', severity: 'severity_rank', createdAt: 'created_at' };
      const fullScan = (customers: string[] | null, q: string, sort: string, extra = '') => {
        const column = columns[sort.replace('-', '')]!;
        const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
        const where = ['account_id = ?', 'instr(search_text, ?) > 0'];
        const params: string[] = [a.accountId, fold(q)];
        if (customers) where.push(`customer_id IN (${customers.map(() => '?').join(', ')})`), params.push(...customers);
        if (extra.includes('severity=high')) where.push("severity = 'high'");
        return inner
          .all<{ id: string }>(`SELECT id FROM studies WHERE ${where.join(' AND ')} ORDER BY ${column} IS NULL, ${column} ${dir}, created_at ${dir}, id ${dir}`, params)
          .map((r) => r.id);
      };
      const walk = async (credential: string, query: string) => {
        const ids: string[] = [];
        for (let cursor = ''; ; ) {
          const r = await h.call('GET', `/v1/studies?limit=5&${query}${cursor ? `&cursor=${cursor}` : ''}`, { credential });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          ids.push(...r.body.studies.map((x: Study) => x.studyId));
          if (!r.body.hasMore) return ids;
          cursor = r.body.nextCursor;
        }
      };
      const terms = ['neptune', 'wiśniewska', 'GROSSMANN', 'brain ct', 'contrast', 'ct', 'MRN-1007', '1.2.40.1.14', 'zz-nothing'];
      // What shows that a plan took its path: a statement it must have run.
      const took: Record<string, (sql: string) => boolean> = {
        'trigram candidates, each row read': (sql) => sql.includes('json_each') && sql.includes('instr(s.search_text'),
        "trigram candidates kept to the caller's customers first": (sql) => sql.includes('+s.rowid IN'),
        'a bounded run, then reading on': (sql) => sql.includes('instr(s.search_text') && /\) [<>]= \(/.test(sql),
        'a run holding the whole list': (sql) => sql.includes('LIMIT 1 OFFSET'),
        'a bounded run, then more trigrams': (sql) => sql.includes('json_each') && sql.includes('instr(s.search_text'),
        'reading on': (sql) => sql.includes('instr(s.search_text') && !sql.includes('json_each') && !/\) [<>]= \(/.test(sql),
      };
      let compared = 0;
      for (const [planName, plan] of PLANS.slice(1)) {
        Object.assign(LIST_PLAN, DEFAULT_PLAN, plan);
        statements.length = 0;
        for (const q of terms) {
          for (const sort of ['-scanDate', 'patientName', '-severity', 'createdAt']) {
            for (const c of callers) {
              const expected = fullScan(c.customers, q, sort, c.extra);
              const got = await walk(c.credential, `sort=${sort}&q=${encodeURIComponent(q)}${c.extra ?? ''}`);
              assert.deepEqual(got, expected, `${planName}: ${c.label}, q=${q}, sort=${sort}`);
              compared += expected.length;
            }
          }
        }
        assert.ok(statements.some(took[planName]!), `${planName}: the plan took its path`);
      }
      assert.ok(compared > 1000, `${compared} rows compared`);
      // The other account's studies hold the same words and never show.
      const otherIds = new Set(inner.all<{ id: string }>('SELECT id FROM studies WHERE account_id != ?', [a.accountId]).map((r) => r.id));
      assert.equal(otherIds.size, 30);
      assert.ok(fullScan(null, 'neptune', '-scanDate').every((id) => !otherIds.has(id)));
    });

    for (const [planName, plan] of PLANS) {
      it(`W9 paging with a filter, a search and nullable sorts never skips or repeats while studies arrive (${planName})`, async () => {
        const { north, lake, study, walk, token, h } = await world();
        Object.assign(LIST_PLAN, plan);
        const original = new Set<string>();
        for (let i = 0; i < 60; i++) {
          const s = await study(
            i % 3 ? north : lake,
            {
              ...(i % 5 ? { patientName: `Patient ${String(i % 7)}^X` } : {}),
              ...(i % 4 ? { scanDate: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` } : {}),
              mrn: `MRN-${i}`,
            },
            { severity: i % 2 ? 'high' : 'normal' },
          );
          original.add(s.studyId);
        }
        for (const query of ['sort=patientName&q=mrn', 'sort=-scanDate&severity=high', `sort=scanDate&expressCustomerId=${north}`]) {
          const expected = (await walk(query, 100)).filter((id) => original.has(id));
          const seen: string[] = [];
          let cursor = '';
          let pages = 0;
          for (;;) {
            const r = await h.call('GET', `/v1/studies?limit=7&${query}${cursor ? `&cursor=${cursor}` : ''}`, { credential: token });
            seen.push(...r.body.studies.map((s: Study) => s.studyId));
            if (++pages === 2) {
              // New studies land everywhere in the order: before, inside and after the walk.
              for (const [j, date] of ['2023-12-31', '2024-01-15', '2025-01-01'].entries()) {
                await study(j ? north : lake, { scanDate: date, patientName: `Patient ${j}^X`, mrn: `MRN-new-${j}-${query.length}` }, { severity: 'high' });
              }
              await study(north, { mrn: `MRN-new-none-${query.length}` }, { severity: 'high' });
            }
            if (!r.body.hasMore) break;
            cursor = r.body.nextCursor;
          }
          assert.equal(new Set(seen).size, seen.length, `${query}: no study twice`);
          assert.deepEqual(
            seen.filter((id) => original.has(id)),
            expected,
            `${query}: every original study once, in order`,
          );
        }
        // A cursor belongs to its sort.
        const first = await h.call('GET', '/v1/studies?limit=5&sort=patientName', { credential: token });
        const wrong = await h.call('GET', `/v1/studies?limit=5&sort=scanDate&cursor=${first.body.nextCursor}`, { credential: token });
        assert.equal(wrong.status, 400);
        assert.equal(wrong.body.error.param, 'cursor');
      });
    }
  });
}
