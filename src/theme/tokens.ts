import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Public theme tokens (tier 1): CSS custom properties on any ancestor, or the same keys in the
 * provider's `theme` object. Each element resolves them once on `:host` into private `--_x`
 * variables with the light preset's value as fallback, so it looks right with no host CSS at all.
 */
export const THEME_TOKENS = {
  colorPrimary: '--avara-color-primary',
  colorOnPrimary: '--avara-color-on-primary',
  colorBackground: '--avara-color-background',
  colorSurface: '--avara-color-surface',
  colorSelection: '--avara-color-selection',
  colorText: '--avara-color-text',
  colorTextMuted: '--avara-color-text-muted',
  colorBorder: '--avara-color-border',
  colorDanger: '--avara-color-danger',
  colorWarning: '--avara-color-warning',
  colorSuccess: '--avara-color-success',
  severityNormal: '--avara-severity-normal',
  severityHigh: '--avara-severity-high',
  fontFamily: '--avara-font-family',
  fontSize: '--avara-font-size',
  radius: '--avara-radius',
  space: '--avara-space',
  focusRing: '--avara-focus-ring',
  density: '--avara-density',
} as const;

export type ThemeTokenName = keyof typeof THEME_TOKENS;
/** The provider's `theme` object: any subset of the tokens, by camelCase name or by CSS name. */
export type Theme = Partial<Record<ThemeTokenName | (typeof THEME_TOKENS)[ThemeTokenName], string>>;

export type PresetName = 'light' | 'dark' | 'high-contrast';
export type ColorTokenName = Exclude<ThemeTokenName, 'fontFamily' | 'fontSize' | 'radius' | 'space' | 'density'>;

const shared = {
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  fontSize: '14px',
  radius: '6px',
  space: '8px',
  density: '1',
};

/**
 * Presets. Every text colour meets WCAG AA (4.5:1) on background, surface and the selection colour;
 * borders and the focus ring 3:1 against background and surface (test/node/theme-contrast.test.ts).
 */
export const PRESETS: Record<PresetName, Record<ThemeTokenName, string>> = {
  light: {
    ...shared,
    colorPrimary: '#0b5cad',
    colorOnPrimary: '#ffffff',
    colorBackground: '#ffffff',
    colorSurface: '#f5f7fa',
    colorSelection: '#dbe9f9',
    colorText: '#1b1f24',
    colorTextMuted: '#57606a',
    colorBorder: '#848d97',
    colorDanger: '#b42318',
    colorWarning: '#8a5300',
    colorSuccess: '#187634',
    severityNormal: '#187634',
    severityHigh: '#b42318',
    focusRing: '#0b5cad',
  },
  dark: {
    ...shared,
    colorPrimary: '#58a6ff',
    colorOnPrimary: '#0d1117',
    colorBackground: '#0d1117',
    colorSurface: '#161b22',
    colorSelection: '#1f3a5f',
    colorText: '#e6edf3',
    colorTextMuted: '#9da7b3',
    colorBorder: '#6e7681',
    colorDanger: '#ff7b72',
    colorWarning: '#d29922',
    colorSuccess: '#3fb950',
    severityNormal: '#3fb950',
    severityHigh: '#ff7b72',
    focusRing: '#58a6ff',
  },
  'high-contrast': {
    ...shared,
    colorPrimary: '#ffd60a',
    colorOnPrimary: '#000000',
    colorBackground: '#000000',
    colorSurface: '#000000',
    colorSelection: '#003a75',
    colorText: '#ffffff',
    colorTextMuted: '#e0e0e0',
    colorBorder: '#ffffff',
    colorDanger: '#ff8a8a',
    colorWarning: '#ffd60a',
    colorSuccess: '#7cfc00',
    severityNormal: '#7cfc00',
    severityHigh: '#ff8a8a',
    focusRing: '#ffd60a',
  },
};

/** Resolves a `theme` object's keys to CSS custom property names; unknown keys are dropped. */
export function themeDeclarations(theme: Theme | undefined | null): [string, string][] {
  if (!theme) return [];
  const out: [string, string][] = [];
  const names = Object.values(THEME_TOKENS) as string[];
  for (const [key, value] of Object.entries(theme)) {
    if (typeof value !== 'string') continue;
    const name = key in THEME_TOKENS ? THEME_TOKENS[key as ThemeTokenName] : names.includes(key) ? key : undefined;
    if (name) out.push([name, value]);
  }
  return out;
}

/** `--avara-x: value;` for every token of a preset. */
export function presetDeclarations(preset: PresetName): string {
  return (Object.keys(THEME_TOKENS) as ThemeTokenName[]).map((k) => `${THEME_TOKENS[k]}:${PRESETS[preset][k]};`).join('');
}

/** `--avara-color-primary` → `--_color-primary`. */
const privateName = (k: ThemeTokenName) => `--_${THEME_TOKENS[k].slice('--avara-'.length)}`;

/**
 * Tier 3: every element's `:host` resolves each public token once into a private variable
 * (`--_color-primary`…), falling back to the light preset.
 */
export const tokenStyles: CSSResult = css`
  :host {
    ${unsafeCSS(
      (Object.keys(THEME_TOKENS) as ThemeTokenName[])
        .map((k) => `${privateName(k)}:var(${THEME_TOKENS[k]},${PRESETS.light[k]});`)
        .join(''),
    )}
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    color: var(--_color-text);
  }
  :host([hidden]) {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_focus-ring);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
