import type { Catalog } from '../locales/catalog.js';
import { BUNDLED, loadLanguage } from '../locales/load.js';

/** The supported UI languages. English is in every element; the others are in src/locales/. */
export const LOCALES = ['en', 'es', 'de'] as const;
export type UiLanguage = (typeof LOCALES)[number];

/** An element's English strings and its key in the other languages' catalogs. */
export interface MessageTable<T> {
  id: keyof Catalog;
  en: T;
}

/**
 * Catalogs added at run time — by the script-tag build's language files — shared by every copy
 * of the elements on the page.
 */
const added: Partial<Record<string, Catalog>> = ((globalThis as { [k: symbol]: unknown })[Symbol.for('avara.locales')] ??= {}) as Partial<
  Record<string, Catalog>
>;

/** A table with every language in it (the viewer page's, which holds functions too). */
export type LanguageTable<T> = Record<UiLanguage, T>;

const languageOf = (locale: string) => locale.toLowerCase().split(/[-_]/)[0]!;

/** The entry for a locale's language ("es-MX" → es), falling back to English. */
export const pickLanguage = <T>(table: LanguageTable<T>, locale: string): T => table[languageOf(locale) as UiLanguage] ?? table.en;

/** The element's locale: its own `locale`, else the provider's, else the nearest `lang`, else the browser's. */
export function resolveLocale(host: Element, ...explicit: (string | undefined | null)[]): string {
  for (const l of explicit) if (l) return l;
  const lang = host.closest('[lang]')?.getAttribute('lang');
  return lang || globalThis.navigator?.language || 'en';
}

/**
 * The strings for a locale's language ("es-MX" → es), falling back to English. When the language
 * is not loaded yet (the script-tag build loads it on first use) this is English, and `host`
 * renders again once it is there.
 */
export function pickMessages<T>(table: MessageTable<T>, locale: string, host?: { requestUpdate(): void }): T {
  const lang = languageOf(locale);
  if (lang === 'en' || !(LOCALES as readonly string[]).includes(lang)) return table.en;
  const catalog = BUNDLED[lang] ?? added[lang];
  if (catalog) return catalog[table.id] as unknown as T;
  loadLanguage(lang).then(() => host?.requestUpdate(), () => {});
  return table.en;
}

/** The text direction of a locale, for elements that must know it (the page's `dir` wins). */
export function directionOf(host: Element): 'ltr' | 'rtl' {
  const dir = host.closest('[dir]')?.getAttribute('dir');
  return dir === 'rtl' ? 'rtl' : 'ltr';
}
