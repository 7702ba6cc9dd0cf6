import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../../src/index.js';
import { loadStoryWorld, renderInProvider, type AvaraStoryParameters } from '../../stories/support/story-world.js';
import * as customerSwitcher from '../../stories/customer-switcher.stories.js';
import * as provider from '../../stories/provider.stories.js';
import * as studyList from '../../stories/study-list.stories.js';
import * as viewerFrame from '../../stories/viewer-frame.stories.js';
import * as worklist from '../../stories/worklist.stories.js';

/** Every stories file; test/node/stories-coverage.test.ts checks that none is missing here. */
export const STORY_MODULES: Record<string, Record<string, unknown>> = { studyList, worklist, customerSwitcher, viewerFrame, provider };

interface StoryLike {
  render?: (args: unknown, ctx: { loaded: Record<string, unknown> }) => TemplateResult;
  parameters?: { avara?: AvaraStoryParameters };
}

const ASSETS = { wasmUrl: '/node_modules/sql.js/dist/sql-wasm-browser.wasm', workerUrl: '/mockServiceWorker.js' };
const SETTLED = ['[role="grid"] [data-study-id]', 'tbody [data-study-id]', '[role="alert"]', '[role="status"]', '.status'];

for (const [file, mod] of Object.entries(STORY_MODULES)) {
  const meta = mod.default as StoryLike;
  describe(`stories: ${file}`, () => {
    for (const [name, value] of Object.entries(mod)) {
      if (name === 'default') continue;
      const story = value as StoryLike;
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        it(`${name} (${theme}) renders without errors and is axe-clean`, async () => {
          const params = { ...meta.parameters?.avara, ...story.parameters?.avara };
          const loaded = await loadStoryWorld(params, ASSETS);
          const errors: string[] = [];
          const onError = (e: ErrorEvent) => errors.push(e.message);
          window.addEventListener('error', onError);
          try {
            const render = story.render ?? meta.render!;
            const template = renderInProvider(render({}, { loaded: { avara: loaded } }), loaded, { theme }, params.provider !== false);
            const el = await fixture(html`${template}`);
            const avaraEls = [...el.querySelectorAll('*')].filter((n) => n.tagName.startsWith('AVARA-') && n.tagName !== 'AVARA-PROVIDER');
            expect(avaraEls.length).to.be.greaterThan(0);
            // A story that names its state (params.settled) must reach exactly that one; others any state.
            const reached = (n: Element) =>
              params.settled ? n.matches(params.settled) || !!n.shadowRoot?.querySelector(params.settled) : SETTLED.some((s) => n.shadowRoot?.querySelector(s));
            await waitUntil(
              () => avaraEls.every(reached),
              `${name}: the elements never reached ${params.settled ?? 'a state'}`,
              { timeout: 8000 },
            );
            await expect(el).to.be.accessible();
            expect(errors).to.deep.equal([]);
          } finally {
            window.removeEventListener('error', onError);
          }
        });
      }
    }
  });
}
