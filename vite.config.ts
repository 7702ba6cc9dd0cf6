import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';
import { de } from './src/locales/de.js';
import { es } from './src/locales/es.js';

/**
 * The script-tag build's language files: avara-elements.es.js and avara-elements.de.js beside
 * avara-elements.js, each adding its catalog to the page's shared one. The elements load them on
 * first use (src/locales/load-script.ts) with the SRI hashes fixed here.
 */
const LANGUAGE_FILES = Object.entries({ es, de }).map(([lang, catalog]) => {
  const source = `(globalThis[Symbol.for("avara.locales")]??={})[${JSON.stringify(lang)}]=${JSON.stringify(catalog)};\n`;
  // SHA-256 (the page's own tag may use any SRI algorithm): shorter in the script-tag file.
  const integrity = `sha256-${createHash('sha256').update(source).digest('base64')}`;
  return { lang, file: `avara-elements.${lang}.js`, source, integrity };
});

function languageFiles(): Plugin {
  return {
    name: 'avara-language-files',
    generateBundle(output) {
      if (output.format !== 'iife') return;
      for (const { file, source } of LANGUAGE_FILES) this.emitFile({ type: 'asset', fileName: file, source });
    },
  };
}

/**
 * `vite build`: the script-tag file dist/avara-elements.js (IIFE, lit bundled, registers every
 * element, English) plus dist/avara-elements.mjs (the same as one ES module), and the language
 * files dist/avara-elements.{es,de}.js they load on first use.
 * `vite build --mode npm`: one ES module per element for npm, with lit external, into dist/npm/,
 * and dist/npm/react.js (the React components; react and @lit/react external).
 */
export default defineConfig(({ mode }) => {
  const npm = mode === 'npm';
  return {
    plugins: npm ? [minifyTemplates()] : [minifyTemplates(), languageFiles()],
    // The script tag carries English only; other languages load from their own files on first use.
    resolve: npm ? {} : { alias: [{ find: /^\.\.\/locales\/load\.js$/, replacement: fileURLToPath(new URL('src/locales/load-script.ts', import.meta.url)) }] },
    define: npm
      ? {}
      : { __AVARA_LANGUAGE_FILES__: JSON.stringify(Object.fromEntries(LANGUAGE_FILES.map(({ lang, file, integrity }) => [lang, { file, integrity }]))) },
    build: {
      target: 'es2022',
      // The script-tag build writes fixed file names into dist/ beside dist/npm and dist/viewer,
      // which their own builds own: never wipe them.
      emptyOutDir: npm,
      outDir: npm ? 'dist/npm' : 'dist',
      sourcemap: true,
      // The script-tag file has a size budget (test/node/package.test.ts): terser's second pass
      // finds a few hundred bytes more than Rolldown's minifier alone.
      ...(npm ? {} : { minify: process.env.NOTERSER ? true : ('terser' as const), terserOptions: { compress: { passes: 2 } } }),
      lib: npm
        ? {
            entry: {
              index: 'src/index.ts',
              provider: 'src/define/provider.ts',
              'customer-switcher': 'src/define/customer-switcher.ts',
              'study-list': 'src/define/study-list.ts',
              'viewer-frame': 'src/define/viewer-frame.ts',
              // `@avara/elements/react`: React components for the four elements.
              react: 'src/react/index.ts',
            },
            formats: ['es'],
          }
        : {
            entry: 'src/script-tag.ts',
            name: 'AvaraElements', // required for an IIFE; the entry exports nothing, so no global is set
            formats: ['iife', 'es'],
            fileName: (format) => (format === 'iife' ? 'avara-elements.js' : 'avara-elements.mjs'),
          },
      rolldownOptions: {
        external: npm ? [/^lit(\/.*)?$/, /^@lit\//, /^react(-dom)?(\/.*)?$/] : [],
        output: { minify: true },
      },
    },
  };
});
