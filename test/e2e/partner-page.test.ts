import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { DEMO_API_KEY } from '../../api/seed.js';
import type { ExpressCustomer, Study } from '../../api/types.js';
import { Avara } from '../../sdk/index.js';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from '../../scripts/chromium.js';
import { startServer } from '../support/server-process.js';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The flows a vendor's engineer tries first on `npm start`, in Chromium, against the real server. */
describe('npm start: the partner page with every element', () => {
  let server: Server;
  let browser: Browser;
  let all: Study[];
  let customers: ExpressCustomer[];
  const problems: string[] = [];

  before(async () => {
    assert.ok(existsSync('dist/avara-elements.js') && existsSync('dist/viewer/viewer.js'), 'run npm run build:elements first');
    assertChromium();
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
    const avara = new Avara({ apiKey: DEMO_API_KEY, baseUrl: server.origin });
    all = [];
    let cursor: string | undefined;
    do {
      const page = await avara.studies.list({ limit: 100, cursor });
      all.push(...page.studies);
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    customers = (await avara.express.list({ limit: 100 })).expressCustomers;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    assert.deepEqual(problems, [], 'no console errors on any page');
  });

  const customer = (name: string) => customers.find((c) => c.expressCustomerName.startsWith(name))!;

  async function signIn(user: string, origin = server.origin): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => problems.push(`${user}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`${user}: ${m.text()}`));
    await page.goto(`${origin}/?user=${encodeURIComponent(user)}`);
    return page;
  }

  /** The studies the list has loaded, and the ids of the rows painted now. */
  const listState = (page: Page) =>
    page.locator('avara-study-list').evaluate((el) => {
      const list = el as HTMLElement & { studies: { studyId: string; expressCustomerId: string | null }[] };
      const painted = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"][data-study-id]')].map((r) => r.dataset.studyId!);
      return { loaded: list.studies.map((s) => [s.studyId, s.expressCustomerId] as const), painted };
    });

  async function waitForRowsOf(page: Page, customerIds: (string | null)[]): Promise<void> {
    await page.waitForFunction(
      (ids) => {
        const el = document.querySelector('avara-study-list') as HTMLElement & { studies?: readonly { expressCustomerId: string | null }[] };
        const rows = el?.shadowRoot?.querySelectorAll('[role="row"][data-study-id]').length ?? 0;
        return rows > 0 && !!el.studies?.length && el.studies.every((s) => ids.includes(s.expressCustomerId));
      },
      customerIds,
      { timeout: 15_000 },
    );
  }

  async function pick(page: Page, name: string): Promise<void> {
    await page.locator('avara-customer-switcher [role="combobox"]').click();
    await page.locator('avara-customer-switcher [role="option"]', { hasText: name }).click();
  }

  it('ana switches between her two customers and the rows follow', async () => {
    const page = await signIn('ana@demo.test');
    const north = customer('Northside').expressCustomerId;
    const lake = customer('Lakeshore').expressCustomerId;
    await waitForRowsOf(page, [north, lake]);

    await pick(page, 'Lakeshore');
    await waitForRowsOf(page, [lake]);
    const onLake = await listState(page);
    assert.ok(onLake.painted.every((id) => all.find((s) => s.studyId === id)?.expressCustomerId === lake));

    await pick(page, 'Northside');
    await waitForRowsOf(page, [north]);
    const onNorth = await listState(page);
    assert.ok(onNorth.painted.length > 5);
    assert.ok(onNorth.painted.every((id) => all.find((s) => s.studyId === id)?.expressCustomerId === north));
    await page.close();
  });

  it('ben sees a plain label for his one customer and only its studies', async () => {
    const page = await signIn('ben@demo.test');
    const north = customer('Northside').expressCustomerId;
    await waitForRowsOf(page, [north]);
    assert.equal(await page.locator('avara-customer-switcher [role="combobox"]').count(), 0);
    await page.waitForFunction(() => /Northside Imaging/.test(document.querySelector('avara-customer-switcher')!.shadowRoot!.textContent ?? ''));
    await page.close();
  });

  it('the admin gets "All customers" and finds an unattached study; a member searching for it finds nothing', async () => {
    const unattached = all.find((s) => s.expressCustomerId === null && s.reportMetadata.mrn)!;
    assert.ok(unattached, 'the demo seed has unattached studies');
    const admin = await signIn('admin@demo.test');
    await admin.locator('avara-study-list [role="row"][data-study-id]').first().waitFor();
    await admin.locator('avara-customer-switcher [role="combobox"]').click();
    await admin.locator('avara-customer-switcher [role="option"]', { hasText: 'All customers' }).waitFor();
    await admin.keyboard.press('Escape');
    await admin.locator('avara-study-list input[type="search"]').fill(unattached.reportMetadata.mrn!);
    await admin.locator(`avara-study-list [data-study-id="${unattached.studyId}"]`).waitFor();
    await admin.close();

    const ana = await signIn('ana@demo.test');
    await ana.locator('avara-study-list [role="row"][data-study-id]').first().waitFor();
    await ana.locator('avara-study-list input[type="search"]').fill(unattached.reportMetadata.mrn!);
    await ana.waitForFunction(() => {
      const el = document.querySelector('avara-study-list') as HTMLElement & { studies?: readonly unknown[] };
      return el.studies?.length === 0 && /No studies/.test(el.shadowRoot!.textContent ?? '');
    });
    await ana.close();
  });

  it("the deactivated customer's studies reach no member", async () => {
    const harbor = customer('Harbor');
    assert.equal(harbor.isActive, false);
    assert.ok(all.some((s) => s.expressCustomerId === harbor.expressCustomerId), 'Harbor has studies');
    // Cara belongs only to Harbor: an empty worklist, never an error.
    const cara = await signIn('cara@demo.test');
    await cara.waitForFunction(() => /No studies/.test(document.querySelector('avara-study-list')?.shadowRoot?.textContent ?? ''));
    const { token } = (await (await cara.request.post(`${server.origin}/demo/token`)).json()) as { token: string };
    const seen = (await (await fetch(`${server.origin}/v1/studies?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { studies: Study[] };
    assert.deepEqual(seen.studies, []);
    await cara.close();
    // Ana's whole visible set, page by page, holds none of Harbor's.
    const anaPage = await signIn('ana@demo.test');
    const anaToken = ((await (await anaPage.request.post(`${server.origin}/demo/token`)).json()) as { token: string }).token;
    let cursor = '';
    const ids: (string | null)[] = [];
    do {
      const r = (await (await fetch(`${server.origin}/v1/studies?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${anaToken}` } })).json()) as { studies: Study[]; nextCursor?: string };
      ids.push(...r.studies.map((s) => s.expressCustomerId));
      cursor = r.nextCursor ?? '';
    } while (cursor);
    assert.ok(ids.length > 100);
    assert.ok(!ids.includes(harbor.expressCustomerId) && !ids.includes(null));
    await anaPage.close();
  });

  it('selecting a DICOM study makes the cross-origin viewer draw a non-blank image', async () => {
    const mr = all.find((s) => s.studyDescription.startsWith('MRI Brain — axial PD'))!;
    assert.ok(mr, 'the demo seed has the MR volume');
    const page = await signIn('ana@demo.test');
    await page.locator('avara-study-list [role="row"][data-study-id]').first().waitFor();
    await page.locator('avara-study-list input[type="search"]').fill('axial PD');
    await page.locator(`avara-study-list [data-study-id="${mr.studyId}"]`).click();
    const frame = await viewerFrame(page, server);
    await frame.locator('canvas[data-drawn-slice]').waitFor({ timeout: 20_000 });
    const lit = await frame.evaluate(() => {
      const c = document.querySelector('canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 16) n++;
      return n / (d.length / 4);
    });
    assert.ok(lit > 0.05, `the image is not blank (${(lit * 100).toFixed(1)}% lit)`);
    await page.close();
  });
});

describe('npm start with 5-second tokens', () => {
  it('still works after 10 seconds idle: the customer switch shows rows, never a sign-in error', async () => {
    const server = await startServer({ AVARA_DEMO_TOKEN_TTL: '5' });
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.origin}/?user=ana@demo.test`);
      await page.locator('avara-study-list [role="row"][data-study-id]').first().waitFor();
      await page.evaluate(() => {
        (window as unknown as { refreshed: number }).refreshed = 0;
        document.addEventListener('avara-token-refreshed', () => (window as unknown as { refreshed: number }).refreshed++);
        document.addEventListener('avara-auth-error', () => ((window as unknown as { authErrors: number }).authErrors = 1));
      });
      await page.waitForTimeout(10_000);
      await page.locator('avara-customer-switcher [role="combobox"]').click();
      await page.locator('avara-customer-switcher [role="option"]', { hasText: 'Lakeshore' }).click();
      await page.waitForFunction(() => {
        const el = document.querySelector('avara-study-list') as HTMLElement & { studies?: readonly { expressCustomerId: string | null }[] };
        return (el.studies?.length ?? 0) > 0 && el.shadowRoot!.querySelectorAll('[role="row"][data-study-id]').length > 0;
      });
      const state = await page.evaluate(() => ({
        refreshed: (window as unknown as { refreshed: number }).refreshed,
        authErrors: (window as unknown as { authErrors?: number }).authErrors ?? 0,
        text: document.querySelector('avara-study-list')!.shadowRoot!.textContent ?? '',
      }));
      assert.ok(state.refreshed >= 1, `tokens were refreshed (${state.refreshed})`);
      assert.equal(state.authErrors, 0);
      assert.doesNotMatch(state.text, /session has expired/i);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

async function viewerFrame(page: Page, server: Server): Promise<Frame> {
  await page.locator('avara-viewer-frame iframe').waitFor();
  for (let waited = 0; waited < 30_000; waited += 100) {
    const frame = page.frames().find((f) => f.url().startsWith(`${server.viewerOrigin}/`));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error('the viewer iframe never loaded the viewer origin');
}
