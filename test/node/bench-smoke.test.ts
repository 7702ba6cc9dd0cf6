import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm run bench -- --smoke`: the UI benchmark end to end at a tiny size, once. It checks that the
 * harness still builds, serves, drives and measures all three candidates and writes its report;
 * it asserts nothing about speed (timings flake on shared machines; `npm run bench` is for that).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const CANDIDATES = ['avara', 'vaadin', 'ag-grid'];
const TIMINGS = ['dataToRowsMs', 'navToRowsMs', 'navToDataMs', 'domToPaintMs', 'frameP50Ms', 'frameP95Ms', 'frameWorkP95Ms', 'sortMs', 'switchMs'];
const COUNTS = ['elementsTop', 'nodesTop', 'elementsScrolled', 'nodesScrolled', 'heapTopBytes', 'heapScrolledBytes', 'rowHeightPx', 'scrolledPx'];

describe('UI benchmark (bench/run.ts --smoke)', () => {
  it('measures every candidate and metric and writes the JSON and the Markdown table', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'avara-bench-smoke-'));
    try {
      const out = join(dir, 'ui.json');
      const md = join(dir, 'benchmarks.md');
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out, '--md', md], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 110_000,
      });
      assert.equal(r.status, 0, `bench --smoke failed:\n${r.stdout}\n${r.stderr}`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(result.method.samples, 1);
      assert.ok(result.machine.loadAverageAtStart.length === 3 && result.machine.loadAverageAtEnd.length === 3);

      const sizes = Object.keys(result.sizes);
      assert.deepEqual(sizes, ['200']);
      const size = result.sizes['200'];
      for (const c of CANDIDATES) {
        const m = size.candidates[c].median;
        for (const k of TIMINGS) assert.ok(Number.isFinite(m[k]) && m[k] >= 0 && m[k] < 60_000, `${c} ${k} = ${m[k]}`);
        for (const k of COUNTS) assert.ok(Number.isFinite(m[k]) && m[k] > 0, `${c} ${k} = ${m[k]}`);
        assert.ok(m.nodesTop >= m.elementsTop, `${c}: nodes count every element`);
        assert.equal(m.rowHeightPx, 35, `${c}: the same row height for every candidate`);
        assert.equal(m.scrolledPx, result.method.scroll.px, `${c}: scrolled the whole stretch`);
        assert.equal(size.candidates[c].switches[0].switchMs.length, 2, `${c}: two customer switches`);
        const bundle = result.bundles[c];
        assert.ok(bundle.gzipBytes > 1000 && bundle.gzipBytes < bundle.minBytes, `${c} bundle ${JSON.stringify(bundle)}`);
      }
      for (const peer of ['vaadin', 'ag-grid']) {
        for (const k of ['dataToRowsMs', 'navToRowsMs', 'nodesScrolled', 'heapTopBytes', 'frameP95Ms', 'sortMs', 'switchMs']) {
          assert.ok(Number.isFinite(size.ratios[peer][k]) && size.ratios[peer][k] > 0, `ratio to ${peer} ${k}`);
        }
      }
      assert.ok(result.goals.some((g: { goal: string }) => g.goal.startsWith('first rows')));

      const table = readFileSync(md, 'utf8');
      assert.match(table, /## 200 studies/);
      assert.match(table, /\| data → first rows painted \(ms\) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
      assert.match(table, /Load average/);
      assert.match(table, /npm run bench -- --smoke/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
