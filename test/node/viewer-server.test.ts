import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../api/seed.js';
import { Store } from '../../api/store.js';
import { createApp } from '../../api/app.js';
import { readConfig } from '../../server/config.js';
import { DEMO_IMAGING_STUDIES, seedDemoImages } from '../../server/demo-images.js';
import { createViewerApp, parseOriginList, viewerCsp } from '../../server/viewer/viewer-app.js';
import { parseHostMessage, parseViewerMessage, viewerOriginOf } from '../../src/elements/viewer-frame/viewer-protocol.js';
import { DRIVERS } from '../support/drivers.js';

describe('the viewer origin (server/viewer)', () => {
  it('parses origin lists strictly: an entry that is not an origin stops the server', () => {
    assert.equal(parseOriginList(undefined, 'X'), undefined);
    assert.equal(parseOriginList('  ', 'X'), undefined);
    assert.deepEqual(parseOriginList('https://pacs.example.com, http://localhost:3000', 'X'), [
      'https://pacs.example.com',
      'http://localhost:3000',
    ]);
    assert.deepEqual(parseOriginList('https://pacs.example.com/', 'X'), ['https://pacs.example.com']);
    for (const bad of ['*', 'pacs.example.com', 'https://pacs.example.com/app', 'javascript:alert(1)', 'https://a.example, nonsense']) {
      assert.throws(() => parseOriginList(bad, 'AVARA_VIEWER_PARENT_ORIGINS'), /AVARA_VIEWER_PARENT_ORIGINS/, bad);
    }
    assert.throws(() => readConfig({ AVARA_VIEWER_API_ORIGINS: 'https://api.example/v1' }), /AVARA_VIEWER_API_ORIGINS/);
    assert.deepEqual(readConfig({ AVARA_VIEWER_PARENT_ORIGINS: 'https://pacs.example' }).viewerParentOrigins, ['https://pacs.example']);
  });

  it('serves the page with a CSP naming exactly the API and partner origins, and no credential in it', async () => {
    const assets = mkdtempSync(join(tmpdir(), 'avara-viewer-'));
    writeFileSync(join(assets, 'viewer.js'), 'console.log("viewer")');
    try {
      const app = createViewerApp({ parentOrigins: ['https://pacs.example'], apiOrigins: ['https://api.example'], assetsDir: assets });
      const res = await app.request('/');
      assert.equal(res.status, 200);
      const csp = res.headers.get('content-security-policy')!;
      assert.equal(csp, viewerCsp({ parentOrigins: ['https://pacs.example'], apiOrigins: ['https://api.example'] }));
      assert.match(csp, /(^|; )default-src 'none'(;|$)/);
      assert.match(csp, /(^|; )script-src 'self'(;|$)/);
      assert.match(csp, /(^|; )connect-src https:\/\/api\.example(;|$)/);
      assert.match(csp, /(^|; )frame-ancestors https:\/\/pacs\.example(;|$)/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      const html = await res.text();
      const config = JSON.parse(html.match(/<script type="application\/json" id="avara-viewer-config">(.*?)<\/script>/)![1]!);
      assert.deepEqual(config, { parentOrigins: ['https://pacs.example'], apiOrigins: ['https://api.example'] });
      assert.doesNotMatch(html, /<script>(?!<)/, 'no inline executable script');

      const script = await app.request('/assets/viewer.js');
      assert.equal(script.status, 200);
      assert.equal(await script.text(), 'console.log("viewer")');
      // The viewer origin answers no API and holds nothing else.
      assert.equal((await app.request('/v1/studies')).status, 404);
      assert.equal((await app.request('/assets/../package.json')).status, 404);

      const none = createViewerApp({ parentOrigins: [], apiOrigins: [], assetsDir: assets });
      const strict = (await none.request('/')).headers.get('content-security-policy')!;
      assert.match(strict, /frame-ancestors 'none'/);
      assert.match(strict, /connect-src 'none'/);
    } finally {
      rmSync(assets, { recursive: true, force: true });
    }
  });
});

describe('the viewer protocol parsers', () => {
  it('accept exactly the documented messages, version 1', () => {
    assert.deepEqual(parseViewerMessage({ type: 'avara:viewer-ready', version: 1, extra: 'dropped' }), { type: 'avara:viewer-ready', version: 1 });
    assert.equal(parseViewerMessage({ type: 'avara:viewer-ready', version: 2 }), undefined);
    assert.equal(parseViewerMessage({ type: 'avara:viewer-ready' }), undefined);
    assert.equal(parseViewerMessage('avara:viewer-ready'), undefined);
    assert.equal(parseViewerMessage({ type: 'avara:init', version: 1, token: 't', studyId: 's', apiBase: 'a', locale: 'en' }), undefined);
    assert.equal(parseViewerMessage({ type: 'avara:study-loaded', version: 1, studyId: 's', imageCount: -1 }), undefined);
    assert.deepEqual(parseViewerMessage({ type: 'avara:viewer-error', version: 1, code: 'study_not_found', message: 'm' }), {
      type: 'avara:viewer-error',
      version: 1,
      code: 'study_not_found',
      message: 'm',
    });
    assert.deepEqual(parseHostMessage({ type: 'avara:token', version: 1, token: 'abc' }), { type: 'avara:token', version: 1, token: 'abc' });
    assert.equal(parseHostMessage({ type: 'avara:token', version: 1, token: 42 }), undefined);
    assert.equal(parseHostMessage({ type: 'avara:init', version: 1, token: 't', studyId: 's', apiBase: 'a' }), undefined);
    assert.equal(parseHostMessage({ type: 'avara:viewer-ready', version: 1 }), undefined);
  });

  it('derive the exact target origin from a viewer URL, and refuse URLs without one', () => {
    assert.equal(viewerOriginOf('https://viewer.example:8443/app/?x=1#y', 'https://pacs.example/'), 'https://viewer.example:8443');
    assert.equal(viewerOriginOf('/viewer/', 'https://pacs.example/page'), 'https://pacs.example');
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'about:blank', 'blob:https://pacs.example/x', 'http://[::1']) {
      assert.equal(viewerOriginOf(bad, 'https://pacs.example/'), undefined, bad);
    }
  });
});

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`demo imaging studies (${driverName})`, () => {
    it('stores the sample DICOM files in studies that the demo users may (or may not) see', async () => {
      const store = new Store(await openDriver());
      const world = await seedDemo(store, { today: '2024-06-01', studyCount: 10 });
      const created = seedDemoImages(store, world.accountId, '2024-06-01')!;
      assert.equal(created.size, DEMO_IMAGING_STUDIES.length);
      const app = createApp({ store });
      const token = async (userId: string) => {
        const key = 'sk_test_avara_demo_development_key_do_not_use_in_production';
        const r = await app.request('/v1/widget-tokens', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        });
        return ((await r.json()) as { token: string }).token;
      };
      const count = async (studyId: string, credential: string) => {
        const r = await app.request(`/v1/studies/${studyId}/instances?limit=100`, { headers: { authorization: `Bearer ${credential}` } });
        return r.status === 200 ? ((await r.json()) as { instances: unknown[] }).instances.length : r.status;
      };
      const ben = await token(world.users.ben);
      const ana = await token(world.users.ana);
      const admin = await token(world.users.admin);
      const brain = created.get('MRI Brain — axial PD, 20 slices')!;
      const ct = created.get('CT — single images (JPEG 2000, RLE, JPEG lossless)')!;
      const loose = created.get('Unassigned incoming study — multi-frame and deflated')!;
      assert.equal(await count(brain, ben), 20);
      assert.equal(await count(ct, ana), 3);
      assert.equal(await count(ct, ben), 404, 'Ben is not a member of Lakeshore');
      assert.equal(await count(loose, ana), 404, 'unattached studies are for admins only');
      assert.equal(await count(loose, admin), 2);
      const study = store.getStudy({ accountId: world.accountId, all: true }, brain)!;
      assert.equal(study.product, 'viewer');
      assert.equal(study.reportMetadata.scanDate, '2024-06-01');
      assert.equal(study.reportMetadata.patientName, 'Neptune^Ann');
    });
  });
}
