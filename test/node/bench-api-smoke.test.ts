import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

/**
 * `npm run bench:api -- --smoke`: the API benchmark end to end on 2,000 studies — the database
 * build, the reference server on it, every scenario with its row count checked — so the harness
 * cannot rot between full runs. It writes no results.
 */
describe('bench:api harness', () => {
  it('runs in smoke mode: builds, serves and measures every scenario with the right row counts', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api.ts', '--smoke'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    assert.doesNotMatch(out, /Wrote bench\/results/);
  });
});
