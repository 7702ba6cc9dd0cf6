/** The supported UI languages. Every table passed to `pickMessages` has all of them. */
export const LOCALES = ['en', 'es', 'de'] as const;
export type UiLanguage = (typeof LOCALES)[number];

export type MessageTable<T> = Record<UiLanguage, T>;

/** The element's locale: its own `locale`, else the provider's, else the nearest `lang`, else the browser's. */
export function resolveLocale(host: Element, ...explicit: (string | undefined | null)[]): string {
  for (const l of explicit) if (l) return l;
  const lang = host.closest('[lang]')?.getAttribute('lang');
  return lang || globalThis.navigator?.language || 'en';
}

/** The table for a locale's language ("es-MX" → es), falling back to English. */
export function pickMessages<T>(table: MessageTable<T>, locale: string): T {
  const lang = locale.toLowerCase().split(/[-_]/)[0] as UiLanguage;
  return table[lang] ?? table.en;
}

/** The text direction of a locale, for elements that must know it (the page's `dir` wins). */
export function directionOf(host: Element): 'ltr' | 'rtl' {
  const dir = host.closest('[dir]')?.getAttribute('dir');
  return dir === 'rtl' ? 'rtl' : 'ltr';
}
