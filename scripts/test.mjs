#!/usr/bin/env node
/**
 * `npm test`: every test, in Node and in headless Chromium, then one closing line
 * "N passed, N failed" that adds up both runners. Exits non-zero if any step or test failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}
/** Node 20's --test takes no globs: list the test files. */
export const testFiles = (...dirs) =>
  dirs.flatMap((dir) =>
    existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)).sort() : [],
  );
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

let ok = step('Chromium', 'bash', ['scripts/ensure-chromium.sh']);
ok = ok && step('Build (script tag, npm modules, types, manifest)', 'npm', ['run', 'build', '--silent']);
ok = ok && step('Storybook (static build, offline)', 'npm', ['run', 'build-storybook', '--silent']);

const totals = { passed: 0, failed: 0 };
const runs = [];
if (ok) {
  runs.push([
    'Node tests (API, store, SDK, formatting, end to end in Chromium)',
    step('Node tests', process.execPath, [
      '--import', 'tsx', '--test', '--test-concurrency=2',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-count-reporter.mjs', `--test-reporter-destination=${RESULTS}/node.json`,
      ...testFiles('test/node', 'test/e2e'),
    ]),
    `${RESULTS}/node.json`,
  ]);
  runs.push(['Browser tests', step('Browser tests (web-test-runner, Chromium)', 'npx', ['web-test-runner']), `${RESULTS}/browser.json`]);
}
for (const [name, passed, file] of runs) {
  const counts = read(file);
  if (!counts) {
    console.error(`${name}: no results were written`);
    totals.failed++;
    continue;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (!passed && counts.failed === 0) totals.failed++; // the runner failed outside any test
}
if (!ok) totals.failed++;
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && ok && runs.every(([, p]) => p) ? 0 : 1);
