import type { PresetName, Theme } from '../../src/theme/tokens.js';

/**
 * Two fictional vendor brands, as a vendor would write them: brand tokens per preset, so the
 * brand colour keeps AA contrast on dark and high-contrast backgrounds too.
 */
export const BRANDS: Record<string, { label: string; theme: Partial<Record<PresetName, Theme>> }> = {
  none: { label: 'Default', theme: {} },
  northwind: {
    label: 'Northwind PACS',
    theme: {
      light: { colorPrimary: '#5b2a86', focusRing: '#5b2a86', fontFamily: "Georgia, 'Times New Roman', serif", radius: '2px' },
      dark: { colorPrimary: '#c9a6ff', colorOnPrimary: '#1a0b2e', focusRing: '#c9a6ff', fontFamily: "Georgia, 'Times New Roman', serif", radius: '2px' },
      'high-contrast': { fontFamily: "Georgia, 'Times New Roman', serif", radius: '2px' },
    },
  },
  helix: {
    label: 'Helix RIS',
    theme: {
      light: { colorPrimary: '#00695c', focusRing: '#00695c', fontFamily: 'Verdana, Geneva, sans-serif', radius: '12px', space: '10px' },
      dark: { colorPrimary: '#4db6ac', colorOnPrimary: '#00201c', focusRing: '#4db6ac', fontFamily: 'Verdana, Geneva, sans-serif', radius: '12px', space: '10px' },
      'high-contrast': { fontFamily: 'Verdana, Geneva, sans-serif', radius: '12px', space: '10px' },
    },
  },
};

export function brandTheme(brand: string, preset: PresetName | 'auto'): Theme {
  const b = BRANDS[brand] ?? BRANDS.none!;
  const p: PresetName = preset === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : preset;
  return b.theme[p] ?? {};
}
