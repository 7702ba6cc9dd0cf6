import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkGoal, type ApiResults } from '../../bench/report-api.js';

/**
 * `npm run bench:api -- --smoke`: the API benchmark end to end on 2,000 studies — the database
 * build, the reference server on it, every scenario with its row count checked, the JSON and the
 * Markdown table — so the harness cannot rot between full runs. It writes into a temporary
 * directory, never bench/results/ or docs/.
 */
describe('bench:api harness', () => {
  it('runs in smoke mode: builds, serves and measures every scenario with the right row counts', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'avara-bench-api-smoke-'));
    try {
      const json = join(dir, 'api.json');
      const md = join(dir, 'benchmarks-api.md');
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api.ts', '--smoke', '--out', json, '--md', md], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.equal(code, 0, out);
      const lines = out.split('\n').filter((l) => /p50 +[\d.]+ ms +p99 +[\d.]+ ms/.test(l));
      assert.equal(lines.length, 6, out);
      for (const caller of ['member of 3 customers', 'platform admin']) {
        for (const query of ['first page', '(surname)', '(one MRN)']) {
          assert.ok(lines.some((l) => l.includes(caller) && l.includes(query)), `${caller}, ${query}:\n${out}`);
        }
      }
      assert.doesNotMatch(out, /Wrote bench\/results|Wrote docs/);

      const result = JSON.parse(readFileSync(json, 'utf8'));
      assert.equal(result.results.length, 1);
      assert.equal(result.results[0].studies, 2000);
      assert.equal(result.results[0].scenarios.length, 6);
      assert.ok(result.machine.loadAverageAtStart.length === 3 && result.machine.loadAverageAtEnd.length === 3);
      const table = readFileSync(md, 'utf8');
      assert.match(table, /npm run bench:api -- --smoke/);
      assert.match(table, /Load average/);
      assert.match(table, /\| caller \| query \| 2k p50 \| 2k p99 \| 2k rows \|/);
      for (const scenario of ['first page', 'surname', 'one MRN']) {
        assert.match(table, new RegExp(`\\| platform admin \\| ${scenario} \\(\`[^\`]+\`\\) \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\|`), scenario);
      }
      assert.match(table, /Not checked: this run does not hold both 10,000 and 1,000,000 studies/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench:api goal check', () => {
  const results = (p99At10k: number, p99At1M: number) =>
    ({
      results: [10_000, 1_000_000].map((studies, k) => ({
        studies,
        scenarios: [{ caller: 'platform admin', scenario: 'one MRN', query: '', p50: 1, p99: k ? p99At1M : p99At10k, max: 9, rows: 1, samples: 1000 }],
      })),
    }) as unknown as ApiResults;

  it('holds each 1M p99 to 10 ms and to 1.5 × its 10k p99, in the recorded hundredths', () => {
    assert.equal(checkGoal(results(3.3, 4.95))[0]!.met, true, '4.95 is 1.5 × 3.3');
    assert.equal(checkGoal(results(3.3, 4.96))[0]!.met, false);
    assert.equal(checkGoal(results(8, 10.01))[0]!.met, false, 'over 10 ms');
    assert.match(checkGoal(results(8, 10.01))[0]!.why, /> 10 ms/);
    assert.equal(checkGoal(results(8, 10))[0]!.met, true);
  });
});
