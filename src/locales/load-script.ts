import type { Catalog } from './catalog.js';

/**
 * The script-tag build's languages: English is in avara-elements.js; Spanish and German are
 * small files beside it (avara-elements.es.js, avara-elements.de.js) that add themselves to the
 * shared catalog (`globalThis[Symbol.for('avara.locales')]`). An element that needs one renders
 * in English until it has arrived, then again. The file is loaded like the script itself: same
 * directory, same `crossorigin` and `nonce`, and — when the script tag has an `integrity` — with
 * the language file's own hash, fixed at build time, so the page's SRI hash covers it too.
 */
export const BUNDLED: Partial<Record<string, Catalog>> = {};

/** Set by the build (vite.config.ts): each language's file name and its SRI hash. */
declare const __AVARA_LANGUAGE_FILES__: Record<string, { file: string; integrity: string }>;

const own = ((): HTMLScriptElement | undefined => {
  const d = globalThis.document;
  if (!d) return undefined;
  const current = d.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  // An ES module has no currentScript: look for the script tag that loaded this file.
  return [...d.querySelectorAll<HTMLScriptElement>('script[src*="avara-elements"]')].pop();
})();

const loads = new Map<string, Promise<void>>();

export function loadLanguage(lang: string): Promise<void> {
  let load = loads.get(lang);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const entry = __AVARA_LANGUAGE_FILES__[lang];
      if (!entry || !own) return reject(new Error(`Avara Elements: no language file for "${lang}"`));
      const s = document.createElement('script');
      s.src = new URL(entry.file, own.src).href;
      if (own.integrity) s.integrity = entry.integrity;
      if (own.crossOrigin !== null) s.crossOrigin = own.crossOrigin;
      if (own.nonce) s.nonce = own.nonce;
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`Avara Elements: ${s.src} did not load; showing English`));
      document.head.append(s);
    });
    load.catch((e: Error) => console.warn(e.message));
    loads.set(lang, load);
  }
  return load;
}
