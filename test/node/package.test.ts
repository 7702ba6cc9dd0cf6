import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const built = existsSync('dist/npm/index.js');

describe('the npm build', { skip: built ? false : 'run npm run build first' }, () => {
  it('imports in Node without a DOM and exports every element class', () => {
    const script = `
      const m = await import('./dist/npm/index.js');
      const names = Object.keys(m).filter((k) => /^Avara[A-Z]/.test(k) && typeof m[k] === 'function').sort();
      console.log(JSON.stringify({ names, document: typeof globalThis.document, window: typeof globalThis.window }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    assert.equal(out.document, 'undefined');
    assert.equal(out.window, 'undefined');
    assert.ok(out.names.includes('AvaraProvider') && out.names.includes('AvaraStudyList'), out.names.join(','));
  });

  it('keeps lit external in the npm build (one lit per page, shared with the host app)', () => {
    const code = readdirSync('dist/npm').filter((f) => f.endsWith('.js')).map((f) => readFileSync(`dist/npm/${f}`, 'utf8')).join('\n');
    assert.match(code, /from\s*["']lit["']/);
    assert.doesNotMatch(code, /class\s+\w+\s+extends\s+HTMLElement/, 'ReactiveElement must not be bundled');
  });

  it('ships types that map every tag and event', () => {
    const types = ['dist/npm/types/src/define/study-list.d.ts', 'dist/npm/types/src/events/load.d.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.match(types, /HTMLElementTagNameMap/);
    assert.match(types, /'avara-study-list': AvaraStudyList/);
    assert.match(types, /HTMLElementEventMap/);
  });

  it('keeps the script-tag bundle within 25 KB min+gzip', () => {
    const size = gzipSync(readFileSync('dist/avara-elements.js'), { level: 9 }).length;
    console.log(`dist/avara-elements.js: ${(size / 1024).toFixed(1)} KB min+gzip`);
    assert.ok(size <= 25 * 1024, `${size} bytes`);
  });
});
