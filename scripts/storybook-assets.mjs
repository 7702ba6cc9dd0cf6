#!/usr/bin/env node
/** Copies what the stories' in-page API needs to the Storybook static root: MSW's worker and sql.js's wasm. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
mkdirSync('.storybook/public', { recursive: true });
copyFileSync(require.resolve('msw/mockServiceWorker.js'), '.storybook/public/mockServiceWorker.js');
copyFileSync('node_modules/sql.js/dist/sql-wasm-browser.wasm', '.storybook/public/sql-wasm-browser.wasm');
