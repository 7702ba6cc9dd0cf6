import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCALES, pickMessages, resolveLocale, type MessageTable } from '../../src/format/locale.js';
import type { Catalog } from '../../src/locales/catalog.js';
import { de } from '../../src/locales/de.js';
import { es } from '../../src/locales/es.js';
import { messages as viewerMessages } from '../../server/viewer/page/messages.js';
import { THEME_TOKENS } from '../../src/theme/tokens.js';

const ELEMENTS = 'src/elements';

/** Nested tables (such as column names) as dotted keys. */
function flatten(table: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(table)) {
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[prefix + k] = v;
  }
  return out;
}
const tables = readdirSync(ELEMENTS, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.messages.ts'))
  .sort();
const CATALOGS: Record<string, Catalog> = { es, de };

/** Every key of `en`, in every language, none empty, with the same {placeholders}. */
function assertComplete(en: Record<string, unknown>, languages: Record<string, Record<string, unknown>>) {
  const keys = Object.keys(flatten(en)).sort();
  assert.ok(keys.length > 0);
  for (const [lang, t] of Object.entries(languages)) {
    const table = flatten(t);
    assert.deepEqual(Object.keys(table).sort(), keys, `${lang} keys`);
    for (const key of keys) {
      const value = table[key];
      if (typeof value === 'function') continue;
      assert.equal(typeof value, 'string', `${lang}.${key}`);
      assert.ok((value as string).trim().length > 0, `${lang}.${key} is empty`);
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(holes(value as string), holes(flatten(en)[key] as string), `${lang}.${key} placeholders`);
    }
  }
}

describe('translation tables', () => {
  it('exist for every element, each with a catalog entry', async () => {
    assert.deepEqual(tables.map((f) => f.split('/')[0]), ['customer-switcher', 'provider', 'study-list', 'viewer-frame']);
  });

  it('cover exactly en, es and de', () => {
    assert.deepEqual(['en', ...Object.keys(CATALOGS)].sort(), [...LOCALES].sort());
  });

  for (const file of tables) {
    it(`${file}: es and de (src/locales/) have every English key, none empty, with the same {placeholders}`, async () => {
      const { messages } = (await import(pathToFileURL(join(ELEMENTS, file)).href)) as { messages: MessageTable<Record<string, unknown>> };
      assertComplete(messages.en, Object.fromEntries(Object.entries(CATALOGS).map(([lang, c]) => [lang, c[messages.id] as unknown as Record<string, unknown>])));
    });
  }

  it('the viewer page: en, es and de each have every key', () => {
    assert.deepEqual(Object.keys(viewerMessages).sort(), [...LOCALES].sort());
    assertComplete(viewerMessages.en, viewerMessages);
  });
});

describe('locale resolution', () => {
  it('picks the table by language and falls back to English', () => {
    const t = { id: 'provider', en: { poweredBy: 'Powered by Avara' } } as const;
    assert.equal(pickMessages(t, 'de-AT').poweredBy, de.provider.poweredBy);
    assert.equal(pickMessages(t, 'es_MX').poweredBy, es.provider.poweredBy);
    assert.equal(pickMessages(t, 'fr-CA').poweredBy, 'Powered by Avara');
    assert.equal(pickMessages(t, 'DE').poweredBy, de.provider.poweredBy);
    assert.notEqual(de.provider.poweredBy, 'Powered by Avara');
  });

  it('prefers the element, then the provider, then the nearest lang', () => {
    const host = { closest: (sel: string) => (sel === '[lang]' ? { getAttribute: () => 'de' } : null) } as unknown as Element;
    assert.equal(resolveLocale(host, 'es', 'en'), 'es');
    assert.equal(resolveLocale(host, '', 'en-GB'), 'en-GB');
    assert.equal(resolveLocale(host, '', ''), 'de');
  });
});

describe('private theme variables', () => {
  // As in Material Web: every --_x an element reads is defined (by tokenStyles or its own :host).
  const fromTokens = new Set(Object.values(THEME_TOKENS).map((n) => `--_${n.replace('--avara-', '')}`));
  const styleFiles = readdirSync(ELEMENTS, { recursive: true })
    .map(String)
    .filter((f) => /(customer-switcher|provider)\.styles\.ts$/.test(f));
  for (const file of styleFiles) {
    it(`${file} reads only private variables that are defined`, () => {
      const text = readFileSync(join(ELEMENTS, file), 'utf8');
      const defined = new Set([...text.matchAll(/(--_[\w-]+)\s*:/g)].map((m) => m[1]!));
      const used = new Set([...text.matchAll(/var\((--_[\w-]+)/g)].map((m) => m[1]!));
      const undefinedVars = [...used].filter((v) => !defined.has(v) && !fromTokens.has(v));
      const unusedVars = [...defined].filter((v) => !used.has(v));
      assert.deepEqual(undefinedVars, [], 'used but never defined');
      assert.deepEqual(unusedVars, [], 'defined but never used');
    });
  }
});
