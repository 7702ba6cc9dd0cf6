/**
 * Where the time goes between data and pixels: one candidate page of the UI benchmark, profiled
 * with the DevTools protocol (a performance trace and a sampling CPU profile) around
 * - `first`: the first study page handed over (held back as in `npm run bench`) → row 0 painted;
 * - `sort`: a click on the patient header → the sorted row 0 painted.
 * Prints the main thread's time per trace event and the JavaScript functions with the most self
 * time in that window, and writes the trace for chrome://tracing or the Performance panel.
 *
 *   npx tsx bench/profile.ts --candidate avara --size 10000 --action first --runs 5
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { StudyList } from '../api/types.js';
import { CHROME_ARGS, CHROME_PATH } from '../scripts/chromium.js';
import { formatCalendarDate } from '../src/format/calendar-date.js';
import { formatPersonName } from '../src/format/person-name.js';
import { buildPages, type PageName } from './build.js';

const { values: o } = parseArgs({
  options: {
    candidate: { type: 'string', default: 'avara' },
    size: { type: 'string', default: '10000' },
    action: { type: 'string', default: 'first' },
    runs: { type: 'string', default: '3' },
    trace: { type: 'string', default: 'bench/results/profile.trace.tmp' },
  },
});
const page = o.candidate as PageName;
const runs = Number(o.runs);
const work = mkdtempSync(join(tmpdir(), 'avara-profile-'));
await buildPages(join(work, 'pages'), [page], false); // unminified, so functions keep their names
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts', '--count', o.size!, '--pages', join(work, 'pages'), '--db', join(work, 'db.sqlite')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<{ origin: string; apiKey: string; userId: string }>((res) => {
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const line = buf.split('\n').find((l) => l.startsWith('{"ready"'));
    if (line) res(JSON.parse(line).ready);
  });
});
const token = async () => {
  const r = await fetch(`${info.origin}/v1/widget-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${info.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: info.userId, ttlSeconds: 3600 }),
  });
  return ((await r.json()) as { token: string }).token;
};
const row0 = async (sort: string) => {
  const r = await fetch(`${info.origin}/v1/studies?limit=1&sort=${sort}`, { headers: { authorization: `Bearer ${await token()}` } });
  const s = ((await r.json()) as StudyList).studies[0]!;
  return [formatPersonName(s.reportMetadata?.patientName), s.studyDescription, formatCalendarDate(s.reportMetadata?.scanDate, 'en-US')];
};
const first = await row0('-scanDate');
const sorted = await row0('patientName');

const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
const byEvent = new Map<string, number>();
const byFunction = new Map<string, number>();
const windows: number[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en-US' });
    const p = await context.newPage();
    const config = { kind: page, apiBase: `${info.origin}/`, token: await token(), pageSize: 50, locale: 'en-US', first, gateFirstStudies: o.action === 'first' };
    await p.addInitScript({ content: `window.__benchConfig = ${JSON.stringify(config)};` });
    await p.addInitScript({ path: resolve('bench/probe.js') });
    const cdp = await context.newCDPSession(p);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await browser.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
    await cdp.send('Profiler.start');
    let t0: number;
    let t1: number;
    await p.goto(`${info.origin}/${page}/`, { waitUntil: 'commit' });
    if (o.action === 'first') {
      const f = (await p.evaluate(() => (window as any).__bench.first)) as { paint: number };
      t0 = (await p.evaluate(() => (window as any).__bench.dataAvailable())) as number;
      t1 = f.paint;
    } else {
      await p.evaluate(() => (window as any).__bench.first);
      await p.evaluate(() => (window as any).__bench.settled());
      const pt = (await p.evaluate(() => (window as any).__bench.nameHeaderPoint())) as { x: number; y: number };
      await p.evaluate((e) => {
        const b = (window as any).__bench;
        b.sortRun = Promise.all([b.nextPointerUp(), b.watch(e)]);
      }, sorted);
      await p.mouse.click(pt.x, pt.y);
      const [up, s] = (await p.evaluate(() => (window as any).__bench.sortRun)) as [number, { paint: number }];
      t0 = up;
      t1 = s.paint;
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: any };
    await cdp.send('Profiler.disable');
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: any[] };
    if (run === runs - 1) writeFileSync(o.trace!, JSON.stringify(trace));
    windows.push(t1 - t0);
    // performance.now() counts from the document's navigation start; the trace and the CPU profile
    // share one monotonic clock in µs, on which that navigation start is a trace event.
    const events = trace.traceEvents;
    const navTs = events
      .filter((e) => e.name === 'navigationStart' && JSON.stringify(e.args ?? {}).includes(`/${page}/`))
      .map((e) => e.ts as number)
      .at(-1);
    if (navTs === undefined) throw new Error('no navigationStart for the page in the trace');
    const mainThreads = new Set(
      events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
    );
    const nodes = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
    let ts = profile.startTime as number;
    for (let i = 0; i < profile.samples.length; i++) {
      ts += profile.timeDeltas[i];
      const ms = (ts - navTs) / 1000;
      if (ms < t0 || ms > t1) continue;
      const n = nodes.get(profile.samples[i]);
      const cf = n.callFrame;
      const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber}:${cf.columnNumber}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 100) / 1000);
    }
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur) continue;
      const ms = (e.ts - navTs) / 1000;
      if (ms < t0 || ms > t1) continue;
      if (!mainThreads.has(`${e.pid}:${e.tid}`)) continue;
      byEvent.set(e.name, (byEvent.get(e.name) ?? 0) + e.dur / 1000 / runs);
    }
    await context.close();
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
const top = (m: Map<string, number>, k: number, div: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `  ${(v / div).toFixed(2).padStart(8)} ms  ${n}`).join('\n');
console.log(`${page} ${o.action}: window (ms) per run: ${windows.map((w) => w.toFixed(1)).join(', ')}`);
console.log(`Main-thread trace events in the window (mean ms per run, nested events overlap):\n${top(byEvent, 25, 1)}`);
console.log(`JavaScript self time in the window (mean ms per run):\n${top(byFunction, 25, runs)}`);
console.log(`Trace of the last run: ${o.trace}`);
