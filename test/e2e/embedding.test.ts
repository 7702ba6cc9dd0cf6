import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_API_KEY } from '../../api/seed.js';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from '../../scripts/chromium.js';
import { codeBlocks, linkedApp, namedBlock } from '../support/doc-code.js';
import { startServer } from '../support/server-process.js';

/**
 * The quick start, followed as written: the plain HTML page and the token server from
 * docs/quick-start.md (only the API's address and the SRI hash filled in, as the reader does),
 * then the React app from the same page, bundled and served with the token endpoint passed on
 * as the guide's Vite proxy does. Against the real reference server, in Chromium.
 */

const QUICK_START = 'docs/quick-start.md';
const DOC_API_BASE = 'http://127.0.0.1:8787/';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.on('error', reject);
    srv.listen(0, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sri = (file: string) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

describe('the quick start, as written', () => {
  let api: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let appDir: string;
  let app: ChildProcess;
  let appOrigin: string;
  let html: string;
  const cleanups: (() => void)[] = [];

  before(async () => {
    assert.ok(existsSync('dist/avara-elements.js') && existsSync('dist/npm/react.js'), 'run npm run build first');
    assertChromium();
    [api, browser] = await Promise.all([startServer(), chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS })]);

    // Step 2: my-app/ with a copy of the script, index.html with the hash `npm run sri` prints, server.ts.
    appDir = mkdtempSync(join(tmpdir(), 'avara-my-app-'));
    // `cp dist/avara-elements*.js my-app/`
    for (const f of readdirSync('dist').filter((f) => /^avara-elements.*\.js$/.test(f))) copyFileSync(join('dist', f), join(appDir, f));
    html = namedBlock(QUICK_START, 'my-app/index.html');
    assert.ok(html.includes(DOC_API_BASE) && html.includes('sha384-REPLACE-WITH-THE-OUTPUT-OF-npm-run-sri'));
    html = html.replace('sha384-REPLACE-WITH-THE-OUTPUT-OF-npm-run-sri', sri('dist/avara-elements.js')).replaceAll(DOC_API_BASE, `${api.origin}/`);
    writeFileSync(join(appDir, 'index.html'), html);
    writeFileSync(join(appDir, 'server.ts'), namedBlock(QUICK_START, 'my-app/server.ts'));

    // `AVARA_API_KEY=… npx tsx my-app/server.ts`, from the repository's root (for @avara/sdk).
    const port = await freePort();
    appOrigin = `http://localhost:${port}`;
    app = spawn(process.execPath, ['--import', 'tsx', join(appDir, 'server.ts')], {
      env: { ...process.env, PORT: String(port), AVARA_API_KEY: DEMO_API_KEY, AVARA_BASE_URL: api.origin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`my-app/server.ts did not start:\n${output}`)), 20_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes(`My app: http://localhost:${port}/`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      app.stdout!.on('data', onData);
      app.stderr!.on('data', onData);
      app.on('exit', (code) => reject(new Error(`my-app/server.ts exited with ${code}:\n${output}`)));
    });
  });

  after(async () => {
    await browser?.close();
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await new Promise((r) => app.once('exit', r));
    }
    for (const c of cleanups) c();
    await api?.stop();
    if (appDir) rmSync(appDir, { recursive: true, force: true });
  });

  /** A page that records console errors, page errors, CSP violations and every request URL. */
  async function open(url: string): Promise<{ page: Page; problems: string[]; urls: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    const urls: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => urls.push(r.url()));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP blocked ${e.blockedURI} (${e.violatedDirective})`)),
    );
    await page.goto(url);
    return { page, problems, urls };
  }

  const rowsShown = (page: Page) =>
    page.waitForFunction(() => (document.querySelector('avara-study-list')?.shadowRoot?.querySelectorAll('[role="row"][data-study-id]').length ?? 0) > 0, null, {
      timeout: 15_000,
    });

  async function selectFirstRow(page: Page, selected: string): Promise<void> {
    await page.locator('avara-study-list [role="row"][data-study-id]').first().click();
    await page.locator(selected, { hasText: 'Selected: ' }).waitFor({ timeout: 5_000 });
  }

  it('the plain HTML page, with its integrity hash, shows rows and reports the selection', async () => {
    const { page, problems, urls } = await open(`${appOrigin}/`);
    await rowsShown(page);
    // Only Ben's customer: the switcher is a plain label.
    await page.locator('avara-customer-switcher', { hasText: 'Northside' }).waitFor();
    await selectFirstRow(page, '#selected');
    const token = await page.evaluate(async () => (await (await fetch('/avara-token', { method: 'POST' })).json()).token as string);
    assert.ok(!urls.some((u) => u.includes(token.split('.')[1]!)), 'no token in any request URL');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the same page under the Content-Security-Policy of docs/security.md runs without a violation', async () => {
    const block = codeBlocks('docs/security.md').find((b) => b.heading === 'Content-Security-Policy' && b.code.includes('default-src'));
    assert.ok(block, 'docs/security.md shows a policy');
    // The docs' example origins become this test's; the inline script is allowed by its hash, as the docs say.
    const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/)![1]!;
    const hash = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
    const policy = block.code
      .trim()
      .replaceAll('https://api.avara.example', api.origin)
      .replaceAll('https://viewer.avara.example', api.viewerOrigin)
      .replace("script-src 'self'", `script-src 'self' ${hash}`);
    // my-app/server.ts behind a proxy that adds the policy as a response header.
    const proxy: Server = createServer(async (req, res) => {
      const r = await fetch(`${appOrigin}${req.url}`, { method: req.method });
      const headers: Record<string, string> = { 'Content-Type': r.headers.get('content-type') ?? 'text/plain' };
      if (req.url === '/') headers['Content-Security-Policy'] = policy;
      res.writeHead(r.status, headers).end(Buffer.from(await r.arrayBuffer()));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanups.unshift(() => proxy.close());
    const { page, problems } = await open(`http://127.0.0.1:${(proxy.address() as { port: number }).port}/`);
    await rowsShown(page).catch((e) => assert.fail(`${e.message}\n${problems.join('\n')}`));
    await selectFirstRow(page, '#selected');
    // locale="es": the Spanish file from beside the script, under the same policy and its own hash.
    await page.locator('avara-provider').evaluate((el) => el.setAttribute('locale', 'es'));
    await page.locator('avara-study-list [role="columnheader"]', { hasText: 'Paciente' }).waitFor({ timeout: 5_000 });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the React app (@avara/elements/react) shows rows and its onAvaraStudySelect handler runs', async () => {
    // The app as Vite's React template makes it, with the guide's src/App.tsx.
    const dir = linkedApp('avara-react-app-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const appTsx = namedBlock(QUICK_START, 'src/App.tsx');
    assert.ok(appTsx.includes(DOC_API_BASE));
    writeFileSync(join(dir, 'App.tsx'), appTsx.replaceAll(DOC_API_BASE, `${api.origin}/`));
    writeFileSync(
      join(dir, 'main.tsx'),
      "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport App from './App.tsx';\n" +
        "createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);\n",
    );
    await build({
      absWorkingDir: dir,
      entryPoints: ['main.tsx'],
      bundle: true,
      format: 'esm',
      jsx: 'automatic',
      outfile: join(dir, 'main.js'),
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const bundle = readFileSync(join(dir, 'main.js'));

    // The dev server's part: the page, the bundle, and /avara-token passed on to my-app/server.ts.
    const server: Server = createServer(async (req, res) => {
      if (req.method === 'POST' && req.url === '/avara-token') {
        const r = await fetch(`${appOrigin}/avara-token`, { method: 'POST' });
        res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(await r.text());
      } else if (req.url === '/main.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
      else if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.unshift(() => server.close());
    const { page, problems } = await open(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    await rowsShown(page);
    await selectFirstRow(page, 'avara-provider > p');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
