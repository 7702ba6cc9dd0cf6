import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from '../../scripts/chromium.js';
import { startServer } from '../support/server-process.js';

const sri = (file: string) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

/**
 * The script-tag file carries English; Spanish and German load from beside it on first use. Here
 * a vendor's page under a strict CSP loads the file with Subresource Integrity, as docs/embedding.md
 * shows, from the reference server (which serves dist/ at /assets/): the language file must arrive
 * with its own hash, and a tampered language file must be refused, leaving English.
 */
describe('the script-tag build: languages on demand, with Subresource Integrity', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  before(async () => {
    assertChromium();
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(locale: string, tamper = false) {
    const page = await browser.newPage();
    const problems: string[] = [];
    const warnings: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(`${server.origin}/?user=ben@demo.test`);
    const { token } = (await (await page.request.post(`${server.origin}/demo/token`)).json()) as { token: string };
    await page.route(`${server.origin}/vendor.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head>
          <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; object-src 'none'">
          <script src="/assets/avara-elements.js" integrity="${sri('dist/avara-elements.js')}" crossorigin="anonymous"></script>
          </head><body><avara-study-list api-base="/" locale="${locale}"></avara-study-list></body></html>`,
      }),
    );
    if (tamper) {
      await page.route(/avara-elements\.(es|de)\.js$/, async (route) => {
        const response = await route.fetch();
        route.fulfill({ response, body: (await response.text()).replace('Estudios', 'Hackeado') });
      });
    }
    await page.goto(`${server.origin}/vendor.html`);
    await page.locator('avara-study-list').evaluate((el, t) => ((el as HTMLElement & { token: string }).token = t), token);
    await page.locator('avara-study-list [role="row"][data-study-id]').first().waitFor();
    return { page, problems, warnings };
  }

  it('loads Spanish with its own hash and shows it', async () => {
    const { page, problems } = await open('es-MX');
    await page.locator('avara-study-list [role="columnheader"]', { hasText: 'Fecha del estudio' }).first().waitFor();
    const loaded = await page.evaluate(() =>
      [...document.scripts].map((s) => ({ src: new URL(s.src).pathname, integrity: s.integrity, crossOrigin: s.crossOrigin })),
    );
    assert.deepEqual(loaded[1], { src: '/assets/avara-elements.es.js', integrity: `sha256-${createHash('sha256').update(readFileSync('dist/avara-elements.es.js')).digest('base64')}`, crossOrigin: 'anonymous' });
    assert.equal(loaded.length, 2, 'German was not loaded');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('refuses a language file that does not match its hash, and stays in English', async () => {
    const { page, warnings } = await open('es', true);
    const deadline = Date.now() + 10_000;
    while (!warnings.some((w) => w.includes('avara-elements.es.js did not load')) && Date.now() < deadline) await page.waitForTimeout(50);
    assert.ok(warnings.some((w) => w.includes('avara-elements.es.js did not load')), `warnings: ${warnings.join(' | ')}`);
    const text = await page.locator('avara-study-list').evaluate((el) => el.shadowRoot!.textContent!);
    assert.ok(text.includes('Scan date'), 'English stays');
    assert.ok(!text.includes('Hackeado'), 'the tampered file ran');
    await page.close();
  });
});
