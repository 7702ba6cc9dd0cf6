import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_API_KEY } from '../../api/seed.js';
import type { Study } from '../../api/types.js';
import { Avara } from '../../sdk/index.js';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from '../../scripts/chromium.js';
import { startServer } from '../support/server-process.js';

describe('npm start: the demo partner page in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync('dist/avara-elements.js'), 'build the elements first (npm run build:elements)');
    assertChromium();
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every study of the account, through the SDK with the secret key (which sees everything). */
  async function allStudies(): Promise<Study[]> {
    const avara = new Avara({ apiKey: DEMO_API_KEY, baseUrl: server.origin });
    const out: Study[] = [];
    let cursor: string | undefined;
    do {
      const page = await avara.studies.list({ limit: 100, cursor });
      out.push(...page.studies);
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    return out;
  }

  it("ben sees exactly his customer's newest studies and none of anyone else's", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${server.origin}/?user=ben@demo.test`);
    const rows = page.locator('avara-study-list [role="row"][data-study-id]');
    await rows.first().waitFor();
    // The list renders only the rows in view (in row order); every loaded study is in `studies`.
    const shown = await rows.evaluateAll((trs) =>
      trs
        .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
        .map((tr) => (tr as HTMLElement).dataset.studyId!),
    );
    const loaded = await page
      .locator('avara-study-list')
      .evaluate((el) => (el as HTMLElement & { studies: { studyId: string }[] }).studies.map((s) => s.studyId));

    // Ben's customers, as the API tells his own token.
    const { token } = (await (await page.request.post(`${server.origin}/demo/token`)).json()) as { token: string };
    const mine = (await (await fetch(`${server.origin}/v1/me/customers`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      expressCustomers: { expressCustomerId: string }[];
    };
    const benCustomers = new Set(mine.expressCustomers.map((c) => c.expressCustomerId));
    assert.equal(benCustomers.size, 1);

    const all = await allStudies();
    assert.ok(all.length >= 300, 'the demo seed holds 300+ studies');
    const others = all.filter((s) => !benCustomers.has(s.expressCustomerId ?? ''));
    assert.ok(others.length > 100, 'there are other customers’ and unattached studies to leak');
    const expected = all
      .filter((s) => benCustomers.has(s.expressCustomerId ?? ''))
      .sort((a, b) => {
        const [x, y] = [a.reportMetadata.scanDate, b.reportMetadata.scanDate];
        if (!x !== !y) return x ? -1 : 1;
        return (y ?? '').localeCompare(x ?? '') || b.createdAt.localeCompare(a.createdAt) || b.studyId.localeCompare(a.studyId);
      })
      .slice(0, 25)
      .map((s) => s.studyId);
    assert.deepEqual(loaded.slice(0, 25), expected);
    assert.ok(shown.length >= 8, `only ${shown.length} rows in view`);
    assert.deepEqual(shown, expected.slice(0, shown.length));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('unknown API paths answer the JSON error of the API, as the API alone does', async () => {
    for (const [method, path] of [['GET', '/v1/nope'], ['GET', '/v1/studies/'], ['PUT', '/v1/studies'], ['POST', '/v1/me']]) {
      const res = await fetch(`${server.origin}${path}`, { method });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unknown_endpoint');
    }
  });

  it('a secret key used by a page on the API’s own origin is refused, same-origin GETs too', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/?user=ben@demo.test`);
    const statuses = await page.evaluate(async (key) => {
      const get = await fetch('/v1/account', { headers: { authorization: `Bearer ${key}` } });
      return [get.status, ((await get.json()) as { error: { code: string } }).error.code];
    }, DEMO_API_KEY);
    assert.deepEqual(statuses, [403, 'secret_key_in_browser']);
    await page.close();
  });

  it('the page never puts the token in a URL', async () => {
    const page = await browser.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${server.origin}/?user=ana@demo.test`);
    await page.locator('avara-study-list [role="row"][data-study-id]').first().waitFor();
    assert.ok(urls.some((u) => u.includes('/v1/studies')));
    assert.ok(urls.every((u) => !/eyJ[\w-]+\.[\w-]+\./.test(u)), 'no JWT in any URL');
    await page.close();
  });
});
