import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const require = createRequire(import.meta.url);
const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** MSW's worker must be served from the origin root to control the test pages. */
const mswWorker = {
  name: 'msw-worker',
  serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8'), type: 'js' };
    }
  },
};

/** sql.js ships a browser build as a classic script; expose its factory as an ES module. */
const sqlJsAsModule = {
  name: 'sql.js-esm',
  transform(context) {
    if (context.path.endsWith('/sql.js/dist/sql-wasm-browser.js')) {
      return { body: `let module = { exports: {} }; let exports = module.exports; const moduleRef = module;\n${context.body}\nexport default moduleRef.exports;` };
    }
  },
};

/**
 * Lets a test emulate the browser's time zone (worklist case W1):
 * `executeServerCommand('emulate-timezone', { timezoneId: 'America/Los_Angeles' })`; an empty id resets it.
 */
const emulateTimezone = {
  name: 'emulate-timezone',
  async executeCommand({ command, payload, session }) {
    if (command !== 'emulate-timezone') return undefined;
    await session.browser.getPage(session.id).emulateTimezone(payload?.timezoneId || undefined);
    return true;
  },
};

/** Counts passed and failed tests for scripts/test.mjs's closing line. */
function countingReporter(file) {
  const count = (suite, totals) => {
    for (const t of suite?.tests ?? []) {
      if (t.skipped) totals.skipped++;
      else if (t.passed) totals.passed++;
      else totals.failed++;
    }
    for (const s of suite?.suites ?? []) count(s, totals);
    return totals;
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const s of sessions) {
        count(s.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!s.passed && (s.errors?.length ?? 0) > 0) totals.failed++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  rootDir: '.',
  concurrency: 1,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 10000 } },
  plugins: [mswWorker, sqlJsAsModule, emulateTimezone, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><meta charset="utf-8"></head>
  <body>
    <script>
      // @lit-labs/virtualizer triggers Chromium's benign ResizeObserver loop message; swallow exactly it.
      window.addEventListener('error', (e) => {
        if (e.message === 'ResizeObserver loop completed with undelivered notifications.') e.stopImmediatePropagation();
      });
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), countingReporter('.test-results/browser.json')],
};
