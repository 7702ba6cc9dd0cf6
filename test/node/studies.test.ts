import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DRIVERS } from '../support/drivers.js';
import { makeWorld } from '../support/world.js';

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`GET /v1/studies (${driverName})`, () => {
    async function world() {
      const w = await makeWorld(await openDriver());
      const c = w.customer('C');
      const u = w.user('U');
      w.join(c, u);
      return { w, c, token: await w.token(u) };
    }

    it('W2 same-day studies keep a stable order on every load and page', async () => {
      const { w, c, token } = await world();
      const [a, b, cc] = ['A', 'B', 'C'].map((d) => w.study(c, { scanDate: '2024-05-17' }, { studyDescription: d }));
      const first = await w.visible(token);
      assert.deepEqual(first, [cc, b, a]); // newest first; ties broken by createdAt, then id
      assert.deepEqual(await w.visible(token), first);
      const paged: string[] = [];
      let cursor = '';
      do {
        const r = await w.call('GET', `/v1/studies?limit=1${cursor ? `&cursor=${cursor}` : ''}`, token);
        paged.push(...r.body.studies.map((s: { studyId: string }) => s.studyId));
        cursor = r.body.nextCursor ?? '';
      } while (cursor);
      assert.deepEqual(paged, first);
      const asc = await w.visible(token, 'sort=scanDate');
      assert.deepEqual(asc, [a, b, cc]);
    });

    it('W4 a missing scan date sorts last in both directions', async () => {
      const { w, c, token } = await world();
      const none = w.study(c, {});
      const old = w.study(c, { scanDate: '2020-01-01' });
      const recent = w.study(c, { scanDate: '2024-01-01' });
      assert.deepEqual(await w.visible(token, 'sort=-scanDate'), [recent, old, none]);
      assert.deepEqual(await w.visible(token, 'sort=scanDate'), [old, recent, none]);
    });

    it('W8 search is case-insensitive, inside words, Unicode-aware, and done by the server', async () => {
      const { w, c, token } = await world();
      const filler = Array.from({ length: 130 }, (_, i) => w.study(c, { patientName: `Filler^${i}`, scanDate: '2024-06-01' }));
      const ann = w.study(c, { patientName: 'Neptune^Ann', scanDate: '2020-01-01' });
      const ct = w.study(c, { scanDate: '2020-01-01' }, { studyDescription: 'CT ABDOMEN PELVIS' });
      const fall = w.study(c, { scanDate: '2020-01-01' }, { studyDescription: 'Fall 1' });
      const zoe = w.study(c, { patientName: 'MÜLLER^ZOË', mrn: 'MRN-77' });
      assert.equal(filler.length, 130);
      assert.deepEqual(await w.visible(token, 'q=neptune'), [ann]);
      assert.deepEqual(await w.visible(token, 'q=ct'), [ct]);
      assert.deepEqual(await w.visible(token, 'q=fall'), [fall]);
      assert.deepEqual(await w.visible(token, 'q=müller'), [zoe]);
      assert.deepEqual(await w.visible(token, 'q=zoë'), [zoe]);
      assert.deepEqual(await w.visible(token, 'q=mrn-77'), [zoe]);
      // The match on the last page is found on the first page of the search.
      const r = await w.call('GET', '/v1/studies?q=NEPTUNE&limit=25', token);
      assert.deepEqual(r.body.studies.map((s: { studyId: string }) => s.studyId), [ann]);
    });

    it('W9 paging never skips, repeats or stops early, even while studies are added', async () => {
      const { w, c, token } = await world();
      const original = new Set(Array.from({ length: 120 }, (_, i) => w.study(c, { scanDate: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` })));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      const sizes: number[] = [];
      do {
        const r = await w.call('GET', `/v1/studies?limit=25${cursor ? `&cursor=${cursor}` : ''}`, token);
        assert.equal(r.status, 200);
        pages++;
        sizes.push(r.body.studies.length);
        seen.push(...r.body.studies.map((s: { studyId: string }) => s.studyId));
        cursor = r.body.hasMore ? r.body.nextCursor : undefined;
        if (pages === 2) {
          w.study(c, { scanDate: '2024-01-15' });
          w.study(c, { scanDate: '2025-01-01' });
          w.study(c, { scanDate: '2023-01-01' });
        }
      } while (cursor);
      const fromOriginal = seen.filter((id) => original.has(id));
      assert.equal(new Set(seen).size, seen.length, 'no study twice');
      assert.equal(fromOriginal.length, 120, 'every original study once');
      assert.deepEqual(sizes.slice(0, 4), [25, 25, 25, 25]);
    });

    it('bad input is a 400 naming the parameter', async () => {
      const { w, token } = await world();
      const cases: [string, string][] = [
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=ten', 'limit'],
        ['sort=name', 'sort'],
        ['severity=urgent', 'severity'],
        ['scanDateFrom=2024-02-30', 'scanDateFrom'],
        ['expressCustomerId=cus_123', 'expressCustomerId'],
        ['cursor=garbage', 'cursor'],
        ['serverity=high', 'serverity'],
      ];
      for (const [query, param] of cases) {
        const r = await w.call('GET', `/v1/studies?${query}`, token);
        assert.equal(r.status, 400, query);
        assert.equal(r.body.error.type, 'invalid_request_error', query);
        assert.equal(r.body.error.param, param, query);
        assert.ok(r.body.error.message.length > 10, query);
      }
      const r = await w.call('GET', '/v1/studies/std_nothex', token);
      assert.equal(r.status, 400);
      assert.equal(r.body.error.param, 'studyId');
    });

    it('W7 non-ASCII text comes back unchanged', async () => {
      const { w, c, token } = await world();
      const id = w.study(c, { patientName: 'Müller^Zoë', facilityName: 'Hôpital Saint-Éloi' }, { studyDescription: 'T1 VIBE3D 5° relaxo' });
      const r = await w.call('GET', `/v1/studies/${id}`, token);
      assert.equal(r.body.studyDescription, 'T1 VIBE3D 5° relaxo');
      assert.equal(r.body.reportMetadata.patientName, 'Müller^Zoë');
      assert.equal(r.body.reportMetadata.facilityName, 'Hôpital Saint-Éloi');
    });
  });
}
