import { defineConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

/**
 * `vite build`: the script-tag file dist/avara-elements.js (IIFE, lit bundled, registers every
 * element) plus dist/avara-elements.mjs (the same as one ES module).
 * `vite build --mode npm`: one ES module per element for npm, with lit external, into dist/npm/,
 * and dist/npm/react.js (the React components; react and @lit/react external).
 */
export default defineConfig(({ mode }) => {
  const npm = mode === 'npm';
  return {
    plugins: [minifyTemplates()],
    build: {
      target: 'es2022',
      // The script-tag build writes fixed file names into dist/ beside dist/npm and dist/viewer,
      // which their own builds own: never wipe them.
      emptyOutDir: npm,
      outDir: npm ? 'dist/npm' : 'dist',
      sourcemap: true,
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
            entry: 'src/index.ts',
            name: 'AvaraElements',
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
