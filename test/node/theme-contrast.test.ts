import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS, THEME_TOKENS, themeDeclarations, type PresetName, type ThemeTokenName } from '../../src/theme/tokens.js';

/** WCAG 2.x relative luminance of a #rgb or #rrggbb colour. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT: ThemeTokenName[] = [
  'colorText',
  'colorTextMuted',
  'colorPrimary',
  'colorDanger',
  'colorWarning',
  'colorSuccess',
  'severityNormal',
  'severityHigh',
];
const NON_TEXT: ThemeTokenName[] = ['colorBorder', 'focusRing'];
const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

describe('contrast arithmetic', () => {
  it('matches known WCAG values', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(2), '21.00');
    assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
    assert.equal(contrast('#fff', '#fff'), 1);
  });
});

describe('every preset meets WCAG AA', () => {
  it('has every token', () => {
    for (const name of PRESET_NAMES) {
      assert.deepEqual(Object.keys(PRESETS[name]).sort(), Object.keys(THEME_TOKENS).sort(), name);
      for (const [k, v] of Object.entries(PRESETS[name])) assert.ok(v.trim(), `${name}.${k} is empty`);
    }
  });

  for (const name of PRESET_NAMES) {
    const p = PRESETS[name];
    it(`${name}: text, muted text, primary, status and severity colours are at least 4.5:1 on background, surface and selection`, () => {
      const failures: string[] = [];
      for (const bg of ['colorBackground', 'colorSurface', 'colorSelection'] as const) {
        for (const fg of TEXT) {
          const ratio = contrast(p[fg], p[bg]);
          if (ratio < 4.5) failures.push(`${fg} ${p[fg]} on ${bg} ${p[bg]}: ${ratio.toFixed(2)}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    it(`${name}: on-primary text is at least 4.5:1 on primary`, () => {
      assert.ok(contrast(p.colorOnPrimary, p.colorPrimary) >= 4.5, `${contrast(p.colorOnPrimary, p.colorPrimary).toFixed(2)}`);
    });

    it(`${name}: border and focus ring are at least 3:1 against background and surface`, () => {
      const failures: string[] = [];
      for (const bg of ['colorBackground', 'colorSurface'] as const) {
        for (const fg of NON_TEXT) {
          const ratio = contrast(p[fg], p[bg]);
          if (ratio < 3) failures.push(`${fg} ${p[fg]} on ${bg} ${p[bg]}: ${ratio.toFixed(2)}`);
        }
      }
      // The focus ring also marks the active option and cell, drawn on the selection colour.
      if (contrast(p.focusRing, p.colorSelection) < 3) failures.push(`focusRing on colorSelection: ${contrast(p.focusRing, p.colorSelection).toFixed(2)}`);
      assert.deepEqual(failures, []);
    });
  }
});

describe('the theme object', () => {
  it('takes camelCase and CSS names and drops unknown keys and non-strings', () => {
    assert.deepEqual(
      themeDeclarations({ colorPrimary: '#123456', '--avara-radius': '0', nonsense: 'x', fontSize: 12 } as never),
      [
        ['--avara-color-primary', '#123456'],
        ['--avara-radius', '0'],
      ],
    );
    assert.deepEqual(themeDeclarations(null), []);
  });
});
