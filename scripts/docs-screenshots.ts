/**
 * Usage: npm run docs:screenshots — the README's and docs' screenshots, into docs/screenshots/.
 *
 * Starts `server/main.ts` on free ports and a fresh SQLite file (the demo seed), opens the demo
 * partner page in headless Chromium as each demo user, and saves the page and each element in
 * the light, dark and high-contrast presets. Needs `npm run build:elements` (the npm script runs it).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { DEMO_API_KEY } from '../api/seed.js';
import type { Study } from '../api/types.js';
import { Avara } from '../sdk/index.js';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from './chromium.js';
import { startServer } from '../test/support/server-process.js';

const OUT = 'docs/screenshots';
const VIEWPORT = { width: 1280, height: 900 };
const PRESETS = ['light', 'dark', 'high-contrast'] as const;

if (!existsSync('dist/avara-elements.js') || !existsSync('dist/viewer/viewer.js')) throw new Error('run npm run build:elements first');
assertChromium();
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f.endsWith('.png')) rmSync(join(OUT, f));

const server = await startServer();
const browser: Browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
const problems: string[] = [];

async function signIn(user: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, reducedMotion: 'reduce', colorScheme: 'light' });
  page.on('pageerror', (e) => problems.push(`${user}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`${user}: ${m.text()}`));
  await page.goto(`${server.origin}/?user=${encodeURIComponent(user)}`);
  await rows(page);
  return page;
}

/** Waits until the study list has painted rows and no request is in flight. */
async function rows(page: Page): Promise<void> {
  await page.locator('avara-study-list [role="row"][data-study-id]').first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/** The theme panel, as a person would use it. */
async function setPanel(page: Page, o: { preset?: string; brand?: string; whiteLabel?: boolean; dir?: string }): Promise<void> {
  if (o.preset) await page.selectOption('#theme-panel select[name="preset"]', o.preset);
  if (o.brand) await page.selectOption('#theme-panel select[name="brand"]', o.brand);
  if (o.dir) await page.selectOption('#theme-panel select[name="dir"]', o.dir);
  if (o.whiteLabel !== undefined) await page.locator('#theme-panel input[name="whiteLabel"]').setChecked(o.whiteLabel);
  await page.waitForTimeout(300);
}

async function pickCustomer(page: Page, name: string): Promise<void> {
  await page.locator('avara-customer-switcher [role="combobox"]').click();
  await page.locator('avara-customer-switcher [role="option"]', { hasText: name }).click();
  await page.waitForFunction(
    (n) => {
      const list = document.querySelector('avara-study-list') as HTMLElement & { studies?: readonly unknown[] };
      return (list.studies?.length ?? 0) > 0 && (document.querySelector('avara-customer-switcher')!.shadowRoot!.textContent ?? '').includes(n);
    },
    name,
  );
  await rows(page);
}

async function viewerFrame(page: Page): Promise<Frame> {
  await page.locator('avara-viewer-frame iframe').waitFor();
  for (let waited = 0; waited < 30_000; waited += 100) {
    const frame = page.frames().find((f) => f.url().startsWith(`${server.viewerOrigin}/`));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error('the viewer iframe never loaded the viewer origin');
}

/** Selects the MR volume and waits for the viewer to draw its first slice. */
async function openMr(page: Page): Promise<void> {
  await page.locator('avara-study-list input[type="search"]').fill('axial PD');
  const row = page.locator('avara-study-list [role="row"][data-study-id]', { hasText: 'axial PD' }).first();
  await row.waitFor();
  await row.click();
  const frame = await viewerFrame(page);
  await frame.locator('main[data-state="ready"] canvas[data-drawn-slice="0"]').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(300);
}

const PAGE_COLOURS: Record<(typeof PRESETS)[number], [string, string]> = {
  light: ['#eef1f5', '#111827'],
  dark: ['#0d1117', '#e6edf3'],
  'high-contrast': ['#000000', '#ffffff'],
};

/** One image: the first picture on the left, the others stacked on the right, each with its caption. */
async function composite(preset: (typeof PRESETS)[number], name: string, parts: [string, Buffer][]): Promise<void> {
  const [bg, fg] = PAGE_COLOURS[preset];
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const fig = ([caption, png]: [string, Buffer]) =>
    `<figure><figcaption><code>${esc(caption)}</code></figcaption><img src="data:image/png;base64,${png.toString('base64')}"></figure>`;
  const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:${bg};color:${fg};font:13px system-ui,sans-serif">
    <main style="display:inline-flex;gap:24px;align-items:start;padding:16px 20px">
      ${fig(parts[0]!)}<div style="display:grid;gap:16px">${parts.slice(1).map(fig).join('')}</div>
    </main>
    <style>figure{margin:0;display:grid;gap:6px;justify-items:start}img{display:block}h1{font-size:14px}</style></body></html>`);
  await page.locator('main').screenshot({ path: join(OUT, `${name}.png`) });
  await page.close();
  console.log(`wrote ${OUT}/${name}.png`);
}

async function firstUnattached(): Promise<Study> {
  const avara = new Avara({ apiKey: DEMO_API_KEY, baseUrl: server.origin });
  let cursor: string | undefined;
  do {
    const page = await avara.studies.list({ limit: 100, cursor });
    const found = page.studies.find((s) => s.expressCustomerId === null && s.reportMetadata.mrn);
    if (found) return found;
    cursor = page.hasMore ? page.nextCursor : undefined;
  } while (cursor);
  throw new Error('the demo seed has no unattached study');
}

const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`wrote ${OUT}/${name}.png`);
};

try {
  // Ben: one customer, a plain label instead of a picker.
  const ben = await signIn('ben@demo.test');
  await shot(ben, 'partner-ben-one-customer');
  await ben.close();

  // Ana: two customers; switched to the second.
  const ana = await signIn('ana@demo.test');
  await pickCustomer(ana, 'Lakeshore');
  await shot(ana, 'partner-ana-switched-customer');
  await ana.close();

  // The platform admin: "All customers", with the picker open, and unattached studies in the list.
  const admin = await signIn('admin@demo.test');
  await admin.locator('avara-customer-switcher [role="combobox"]').click();
  await admin.locator('avara-customer-switcher [role="option"]', { hasText: 'All customers' }).waitFor();
  await admin.waitForTimeout(300);
  await shot(admin, 'partner-admin-all-customers');
  await admin.keyboard.press('Escape');
  // An unattached study (no customer): only a platform admin finds it.
  const unattached = await firstUnattached();
  await admin.locator('avara-study-list input[type="search"]').fill(unattached.reportMetadata.mrn!);
  await admin.locator(`avara-study-list [data-study-id="${unattached.studyId}"]`).click();
  await admin.waitForLoadState('networkidle');
  await admin.waitForTimeout(500);
  await shot(admin, 'partner-admin-unattached-study');
  await admin.close();

  // A DICOM study in the cross-origin viewer, then the same page in each preset and a white-labelled brand.
  const page = await signIn('ana@demo.test');
  await openMr(page);
  await shot(page, 'partner-viewer-dicom');
  await setPanel(page, { preset: 'dark' });
  await shot(page, 'partner-dark');
  await setPanel(page, { preset: 'high-contrast' });
  await shot(page, 'partner-high-contrast');
  await setPanel(page, { preset: 'light', brand: 'helix', whiteLabel: true });
  await shot(page, 'partner-brand-helix-white-label');
  await setPanel(page, { brand: 'none', whiteLabel: false, dir: 'rtl' });
  await shot(page, 'partner-rtl');
  await page.close();

  // Each element in each preset, cut out of the partner page and laid out on one image per preset.
  const el = await signIn('ana@demo.test');
  for (const preset of PRESETS) {
    await setPanel(el, { preset });
    const list = await el.locator('avara-study-list').screenshot();
    await el.locator('avara-customer-switcher [role="combobox"]').click();
    await el.locator('avara-customer-switcher [role="option"]').first().waitFor();
    await el.waitForTimeout(200);
    const box = await el.locator('avara-customer-switcher').evaluate((s) => {
      const a = s.getBoundingClientRect();
      const b = s.shadowRoot!.querySelector('.popup')!.getBoundingClientRect();
      const x = Math.min(a.left, b.left) - 8;
      const y = Math.min(a.top, b.top) - 8;
      return { x, y, width: Math.max(a.right, b.right) + 8 - x, height: Math.max(a.bottom, b.bottom) + 8 - y };
    });
    // Only the switcher and its popup: the list under the popup is hidden for this picture.
    await el.locator('avara-study-list').evaluate((l) => ((l as HTMLElement).style.visibility = 'hidden'));
    const switcher = await el.screenshot({ clip: box });
    await el.locator('avara-study-list').evaluate((l) => ((l as HTMLElement).style.visibility = ''));
    await el.keyboard.press('Escape');
    const frame = el.locator('avara-viewer-frame');
    await frame.evaluate((f) => ((f as HTMLElement).style.height = '140px'));
    const viewer = await frame.screenshot();
    await frame.evaluate((f) => ((f as HTMLElement).style.height = ''));
    await composite(preset, `elements-${preset}`, [
      ['<avara-study-list>', list],
      ['<avara-customer-switcher>, open', switcher],
      ['<avara-viewer-frame>, no study selected', viewer],
    ]);
  }
  await el.close();
} finally {
  await browser.close();
  await server.stop();
}

const pngs = readdirSync(OUT).filter((f) => f.endsWith('.png'));
const total = pngs.reduce((n, f) => n + statSync(join(OUT, f)).size, 0);
console.log(`${pngs.length} screenshots, ${(total / 1024).toFixed(0)} KiB in all`);
if (problems.length) {
  console.error(`console errors:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
