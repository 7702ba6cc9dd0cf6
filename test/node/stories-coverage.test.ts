import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

it('every stories file is rendered by the story tests', () => {
  const files = readdirSync('stories').filter((f) => f.endsWith('.stories.ts'));
  const test = readFileSync('test/browser/stories.test.ts', 'utf8');
  assert.ok(files.length > 0);
  for (const f of files) assert.ok(test.includes(`'../../stories/${f.replace(/\.ts$/, '.js')}'`), `${f} is not imported by test/browser/stories.test.ts`);
});
