import type { Catalog } from './catalog.js';
import { de } from './de.js';
import { es } from './es.js';

/**
 * The languages besides English that this build carries. The ES modules (npm, tests, Storybook)
 * carry all of them; the script-tag build swaps this module for load-script.ts, which loads each
 * language's file from beside the script when an element first needs it.
 */
export const BUNDLED: Partial<Record<string, Catalog>> = { es, de };

/** Nothing to load: every language is bundled. */
export const loadLanguage = (_lang: string): Promise<void> => Promise.resolve();
