import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PRESETS, THEME_TOKENS, type PresetName, type ThemeTokenName } from '../../src/theme/tokens.js';

const doc = readFileSync('docs/theming.md', 'utf8');
const rowOf = (cssName: string) => doc.split('\n').find((l) => l.startsWith(`| \`${cssName}\``));

describe('docs/theming.md', () => {
  it('documents every token with its camelCase key and each preset value', () => {
    for (const [key, cssName] of Object.entries(THEME_TOKENS) as [ThemeTokenName, string][]) {
      const row = rowOf(cssName);
      assert.ok(row, `${cssName} is not documented`);
      assert.ok(row.includes(`\`${key}\``), `${cssName}: theme key ${key} missing`);
      for (const preset of Object.keys(PRESETS) as PresetName[]) {
        const value = PRESETS[preset][key];
        const same = value === PRESETS.light[key];
        assert.ok(row.includes(`\`${value}\``) || (same && row.includes('same')), `${cssName}: ${preset} value ${value} missing`);
      }
    }
  });

  for (const [file, tag] of [
    ['src/elements/customer-switcher/customer-switcher.ts', 'avara-customer-switcher'],
    ['src/elements/provider/provider.ts', 'avara-provider'],
  ]) {
    it(`documents every part and hook of <${tag}>`, () => {
      const src = readFileSync(file!, 'utf8');
      const parts = [...src.matchAll(/@csspart ([\w-]+)/g)].map((m) => m[1]!);
      const hooks = [...src.matchAll(/@cssproperty (--[\w-]+)/g)].map((m) => m[1]!);
      const section = doc.slice(doc.indexOf(`### \`<${tag}>\``));
      for (const part of parts) assert.ok(section.includes(`| \`${part}\``), `part ${part} of ${tag}`);
      for (const hook of hooks) assert.ok(doc.includes(`\`${hook}\``), `hook ${hook} of ${tag}`);
      // And every part the template renders is declared.
      const rendered = new Set([...src.matchAll(/part="([\w -]+)"/g)].flatMap((m) => m[1]!.split(' ')));
      for (const p of rendered) assert.ok(parts.includes(p), `rendered part ${p} of ${tag} is not declared with @csspart`);
    });
  }
});
