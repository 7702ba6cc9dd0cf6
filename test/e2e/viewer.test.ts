import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { DEMO_API_KEY } from '../../api/seed.js';
import type { Study } from '../../api/types.js';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from '../../scripts/chromium.js';
import { startServer } from '../support/server-process.js';

/**
 * The viewer on its own origin, framed by `<avara-viewer-frame>` on the partner origin of the
 * spawned server (the development page /demo/viewer?study=…), with the demo seed's real DICOM files.
 */
describe('npm start: the viewer on its own origin, with real DICOM images', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const studies = new Map<string, Study>();

  before(async () => {
    assert.ok(existsSync('dist/avara-elements.js'), 'build the elements first (npm run build:elements)');
    assert.ok(existsSync('dist/viewer/viewer.js'), 'build the viewer page first (npm run build:elements)');
    assertChromium();
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
    // Every study of the demo account, through the secret key (which sees everything).
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ limit: '100', product: 'viewer' });
      if (cursor) q.set('cursor', cursor);
      const res = await fetch(`${server.origin}/v1/studies?${q}`, { headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
      const page = (await res.json()) as { studies: Study[]; hasMore: boolean; nextCursor?: string };
      for (const s of page.studies) studies.set(s.studyDescription, s);
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const studyId = (description: string) => {
    const s = studies.get(description);
    assert.ok(s, `the demo seed has the study "${description}"`);
    return s.studyId;
  };

  /** The viewer's frame inside the page, once the iframe has loaded the viewer origin. */
  async function viewerFrame(page: Page): Promise<Frame> {
    await page.locator('avara-viewer-frame iframe').waitFor();
    for (let waited = 0; waited < 30_000; waited += 50) {
      const frame = page.frames().find((f) => f.url().startsWith(`${server.viewerOrigin}/`));
      if (frame) return frame;
      await page.waitForTimeout(50);
    }
    throw new Error('the viewer iframe never loaded the viewer origin');
  }

  /** Signs in as a demo user and opens the viewer test page for one study. */
  async function openViewer(user: string, id: string): Promise<{ page: Page; frame: Frame; urls: string[]; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const urls: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      // A refused study answers 404, which the browser logs as a failed resource: expected there.
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${server.origin}/?user=${encodeURIComponent(user)}`);
    await page.goto(`${server.origin}/demo/viewer?study=${id}`);
    return { page, frame: await viewerFrame(page), urls, problems };
  }

  /** The canvas's pixels read back: grey levels on a 128×128 grid, how many are not black, how many levels. */
  const pixels = (frame: Frame) =>
    frame.evaluate(() => {
      const canvas = document.querySelector('canvas')!;
      const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const grey: number[] = [];
      let lit = 0;
      const levels = new Set<number>();
      for (let gy = 0; gy < 128; gy++) {
        for (let gx = 0; gx < 128; gx++) {
          const v = data[(Math.floor(((gy + 0.5) * height) / 128) * width + Math.floor(((gx + 0.5) * width) / 128)) * 4]!;
          grey.push(v);
          if (v > 16) lit++;
          levels.add(v);
        }
      }
      return { grey, lit, levels: levels.size, total: grey.length };
    });

  const meanDifference = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

  it('draws the MR volume on a canvas, scrolls slices and changes window/level', async () => {
    const { page, frame, problems } = await openViewer('ana@demo.test', studyId('MRI Brain — axial PD, 20 slices'));
    await frame.locator('main[data-state="ready"] canvas[data-drawn-slice="0"]').waitFor();

    assert.equal(await frame.locator('h1').textContent(), 'Neptune, Ann');
    const details = await frame.locator('dl').innerText();
    assert.match(details, /MRI Brain — axial PD, 20 slices/);
    assert.match(details, /Images\s*20/);
    assert.match(details, /Scan date\s*\S+/);
    assert.equal(await frame.locator('#slice-out').textContent(), '1 of 20');

    const first = await pixels(frame);
    assert.ok(first.lit > first.total * 0.05, `the image is not blank (${first.lit} of ${first.total} pixels lit)`);
    assert.ok(first.levels > 50, `the image has many grey levels (${first.levels})`);

    // Keyboard: next slice.
    await frame.locator('canvas').focus();
    await page.keyboard.press('ArrowDown');
    await frame.locator('canvas[data-drawn-slice="1"]').waitFor();
    const second = await pixels(frame);
    assert.ok(meanDifference(first.grey, second.grey) > 1, 'slice 2 differs from slice 1');
    assert.equal(await frame.locator('#slice-out').textContent(), '2 of 20');

    // Wheel: further on.
    await frame.locator('canvas').hover();
    await page.mouse.wheel(0, 120);
    await frame.locator('canvas[data-drawn-slice="2"]').waitFor();
    await page.keyboard.press('End');
    await frame.locator('canvas[data-drawn-slice="19"]').waitFor();
    assert.equal(await frame.locator('#slice-out').textContent(), '20 of 20');
    await page.keyboard.press('Home');
    await frame.locator('canvas[data-drawn-slice="0"]').waitFor();

    // Window/level: a narrower window by keyboard changes the picture and the label.
    const label = await frame.locator('canvas').getAttribute('aria-label');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await frame.waitForFunction((before) => document.querySelector('canvas')!.getAttribute('aria-label') !== before, label);
    const narrowed = await pixels(frame);
    assert.ok(meanDifference(first.grey, narrowed.grey) > 1, 'a narrower window changes the image');
    // Dragging on the image changes it too; R resets to the stored window.
    const box = (await frame.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.press('r');
    await frame.waitForFunction((before) => document.querySelector('canvas')!.getAttribute('aria-label') === before, label);
    assert.ok(meanDifference(first.grey, (await pixels(frame)).grey) < 0.5, 'reset brings back the first picture');

    assert.deepEqual(problems, []);
    await page.close();
  });

  it('draws single images of several transfer syntaxes (JPEG 2000, RLE, JPEG lossless) in order', async () => {
    const { page, frame, problems } = await openViewer('ana@demo.test', studyId('CT — single images (JPEG 2000, RLE, JPEG lossless)'));
    await frame.locator('main[data-state="ready"] canvas[data-drawn-slice="0"]').waitFor();
    assert.equal(await frame.locator('#slice-out').textContent(), '1 of 3');
    assert.equal(await frame.locator('[role="status"]').textContent(), '', 'every image decoded');
    for (const i of [0, 1, 2]) {
      if (i > 0) {
        await frame.locator('#slice').fill(String(i + 1));
        await frame.locator(`canvas[data-drawn-slice="${i}"]`).waitFor();
      }
      const p = await pixels(frame);
      assert.ok(p.lit > p.total * 0.05, `image ${i + 1} is not blank`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a study the user may not see shows the refusal, and the host hears avara-viewer-error', async () => {
    // Unattached: platform admins only. Ana is a member.
    const id = studyId('Unassigned incoming study — multi-frame and deflated');
    const { page, frame } = await openViewer('ana@demo.test', id);
    await frame.locator('main[data-state="error"][data-error="study_not_found"]').waitFor();
    assert.equal(await frame.locator('[role="alert"]').textContent(), 'This study does not exist or you may not see it.');
    assert.equal(await frame.locator('canvas').isVisible(), false);
    const error = await page.waitForFunction(() => document.querySelector('avara-viewer-frame')!.error?.code);
    assert.equal(await error.jsonValue(), 'study_not_found');
    await page.close();

    // The platform admin opens the same study: 16 frames and a deflated image.
    const admin = await openViewer('admin@demo.test', id);
    await admin.frame.locator('main[data-state="ready"] canvas[data-drawn-slice="0"]').waitFor();
    assert.equal(await admin.frame.locator('#slice-out').textContent(), '1 of 17');
    await admin.page.close();
  });

  it('a study without images says so', async () => {
    // A Northside study without images (Ana is a member of Northside).
    const withImages = new Set(['MRI Brain — axial PD, 20 slices', 'XA Coronary angiography — cine, 96 frames']);
    const northside = studies.get('MRI Brain — axial PD, 20 slices')!.expressCustomerId;
    const plain = [...studies.values()].find((s) => s.expressCustomerId === northside && !withImages.has(s.studyDescription))!;
    const { page, frame } = await openViewer('ana@demo.test', plain.studyId);
    await frame.locator('main[data-state="empty"]').waitFor();
    assert.equal(await frame.locator('[role="status"]').textContent(), 'This study has no images.');
    assert.match(await frame.locator('dl').innerText(), /Images\s*0/);
    await page.close();
  });

  it('a very long name and description stay inside the viewer, cut with their whole text as a title', async () => {
    const northside = studies.get('MRI Brain — axial PD, 20 slices')!.expressCustomerId;
    const longName = `${'Wolfeschlegelsteinhausenbergerdorff'.repeat(4)}^Hubert`;
    const longDescription = 'a'.repeat(400);
    const res = await fetch(`${server.origin}/v1/viewer/studies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        studyInstanceUid: '1.2.826.0.1.99.1',
        studyDescription: longDescription,
        severity: 'normal',
        expressCustomerId: northside,
        reportMetadata: { patientName: longName },
      }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const { studyId: id } = (await res.json()) as Study;
    const { page, frame } = await openViewer('ana@demo.test', id);
    await frame.locator('main[data-state="empty"]').waitFor();
    const layout = await frame.evaluate(() => {
      const heading = document.querySelector('h1')!;
      const boxes = [heading, ...document.querySelectorAll('dd')].map((e) => e.getBoundingClientRect().right);
      return { width: document.documentElement.clientWidth, right: Math.max(...boxes), title: heading.title, cut: heading.scrollWidth > heading.clientWidth, ddTitles: [...document.querySelectorAll('dd')].map((d) => d.getAttribute('title')) };
    });
    assert.ok(layout.right <= layout.width, `everything inside the frame: ${layout.right} <= ${layout.width}`);
    assert.ok(layout.cut, 'the name is cut short');
    assert.equal(layout.title, `${'Wolfeschlegelsteinhausenbergerdorff'.repeat(4)}, Hubert`);
    assert.ok(layout.ddTitles.includes(longDescription), 'the whole description is its title');
    await page.close();
  });

  it('a refused token shows the sign-in message after one renewal attempt', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/?user=ana@demo.test`);
    // The partner's token endpoint hands out a token the API refuses.
    let minted = 0;
    await page.route(`${server.origin}/demo/token`, (route) => {
      // Count the viewer page's calls only (the worklist page signed in above may still ask too).
      if (route.request().frame().url().includes('/demo/viewer')) minted++;
      return route.fulfill({ json: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad-signature' } });
    });
    // The study's details answer late: its 401 arrives after the renewal the images' 401 asked for
    // has ended, with the same refused token. One renewal per refused token still.
    await page.route(`${server.origin}/v1/studies/*`, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      return route.continue();
    });
    await page.goto(`${server.origin}/demo/viewer?study=${studyId('MRI Brain — axial PD, 20 slices')}`);
    const frame = await viewerFrame(page);
    await frame.locator('main[data-state="error"][data-error="token_refused"]').waitFor();
    assert.match((await frame.locator('[role="alert"]').textContent())!, /session has expired or was refused/);
    assert.equal(minted, 2, 'the frame fetched a token at start and once more when the viewer asked');
    await page.close();
  });

  it('never puts the token in a URL, and sends it to the API only in the Authorization header', async () => {
    const { page, frame, urls } = await openViewer('ana@demo.test', studyId('MR — single images (JPEG-LS, implicit VR, big endian)'));
    const authorized: { url: string; auth: string | undefined; referer: string | undefined }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/')) authorized.push({ url: r.url(), auth: r.headers()['authorization'], referer: r.headers()['referer'] });
    });
    await frame.locator('main[data-state="ready"] canvas[data-drawn-slice="0"]').waitFor();
    await frame.locator('canvas').focus();
    await page.keyboard.press('ArrowDown');
    await frame.locator('canvas[data-drawn-slice="1"]').waitFor();

    const token = (await (await page.request.post(`${server.origin}/demo/token`)).json()).token as string;
    assert.match(token, /^eyJ/);
    assert.ok(urls.some((u) => u.startsWith(`${server.viewerOrigin}/`)), 'the viewer page was loaded');
    assert.ok(urls.some((u) => /\/v1\/studies\/std_[0-9a-f]{32}\/instances\/ins_[0-9a-f]{32}$/.test(u)), 'instances were fetched');
    assert.ok(urls.every((u) => !/eyJ[\w-]+\.[\w-]+\./.test(u)), 'no JWT in any URL');
    assert.equal(await page.locator('avara-viewer-frame iframe').getAttribute('src'), `${server.viewerOrigin}/`);
    for (const r of authorized) {
      assert.match(r.auth ?? '', /^Bearer eyJ/, `${r.url} carries the token in its header`);
      assert.ok(!r.referer || !/eyJ/.test(r.referer), 'no token in a Referer');
    }
    await page.close();
  });

  it('the viewer page is axe-clean when drawn, refused and empty', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const northside = studies.get('MRI Brain — axial PD, 20 slices')!.expressCustomerId;
    const plain = [...studies.values()].find((s) => s.expressCustomerId === northside && !s.studyDescription.startsWith('MRI Brain —') && !s.studyDescription.startsWith('XA '))!;
    const cases: [string, string, string][] = [
      ['ready', studyId('MRI Brain — axial PD, 20 slices'), 'main[data-state="ready"] canvas[data-drawn-slice="0"]'],
      ['refused', studyId('Unassigned incoming study — multi-frame and deflated'), 'main[data-state="error"]'],
      ['empty', plain.studyId, 'main[data-state="empty"]'],
    ];
    for (const [name, id, selector] of cases) {
      const { page, frame } = await openViewer('ana@demo.test', id);
      await frame.locator(selector).waitFor();
      await frame.evaluate(axeSource);
      const { violations, passes } = await frame.evaluate(async () => {
        type Result = { violations: { id: string; nodes: unknown[] }[]; passes: unknown[] };
        const result = await (window as unknown as { axe: { run(): Promise<Result> } }).axe.run();
        return { violations: result.violations.map((v) => `${v.id} (${v.nodes.length})`), passes: result.passes.length };
      });
      assert.deepEqual(violations, [], `${name}: ${violations.join(', ')}`);
      assert.ok(passes > 10, `${name}: axe checked the page (${passes} rules passed)`);
      await page.close();
    }
  });

  it('serves the viewer page with a strict CSP, and opened on its own it asks to be framed', async () => {
    const res = await fetch(`${server.viewerOrigin}/`);
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, new RegExp(`connect-src [^;]*${server.origin.replace(/[.:/]/g, '\\$&')}`));
    assert.match(csp, new RegExp(`frame-ancestors [^;]*${server.origin.replace(/[.:/]/g, '\\$&')}`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);

    const page = await browser.newPage();
    await page.goto(`${server.viewerOrigin}/`);
    await page.locator('main[data-state="unframed"]').waitFor();
    assert.match((await page.locator('[role="status"]').textContent())!, /opens inside an application/);
    await page.close();
  });
});
