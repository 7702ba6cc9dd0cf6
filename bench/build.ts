import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** The candidate pages under bench/pages/, each built on its own so no chunk is shared between them. */
export const PAGES = ['avara', 'avara-provider', 'vaadin', 'ag-grid'] as const;
export type PageName = (typeof PAGES)[number];

export interface BundleSize {
  /** Every JavaScript file the page loads, minified (bytes). */
  minBytes: number;
  /** The same files, each gzipped at level 9 (bytes). */
  gzipBytes: number;
  files: string[];
}

const ROOT = resolve(import.meta.dirname, 'pages');

/**
 * Production builds (Vite, minified, no source maps, no module-preload polyfill) of every
 * candidate page into `outDir/<page>/`, served under `/<page>/`. Returns each page's JS size.
 */
export async function buildPages(outDir: string, pages: readonly PageName[] = PAGES, minify = true): Promise<Record<PageName, BundleSize>> {
  const sizes = {} as Record<PageName, BundleSize>;
  for (const page of pages) {
    const out = join(outDir, page);
    await build({
      configFile: false,
      logLevel: 'warn',
      root: join(ROOT, page),
      base: `/${page}/`,
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        minify,
        sourcemap: false,
        modulePreload: { polyfill: false },
        reportCompressedSize: false,
        chunkSizeWarningLimit: 10_000,
        rolldownOptions: { input: join(ROOT, page, 'index.html') },
      },
    });
    sizes[page] = jsSize(join(out, 'assets'));
  }
  return sizes;
}

function jsSize(dir: string): BundleSize {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  let minBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    minBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { minBytes, gzipBytes, files };
}
