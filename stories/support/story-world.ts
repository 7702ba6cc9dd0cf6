import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { createApp } from '../../api/app.js';
import { DEMO_API_KEY, seedDemo, type DemoWorld } from '../../api/seed.js';
import { Store } from '../../api/store.js';
import { PRESETS, type PresetName } from '../../src/theme/tokens.js';
import { localToday } from '../../src/format/calendar-date.js';
import { openBrowserDriver, serveInPage } from '../../test/support/mock-api.js';
import { brandTheme } from './brands.js';

/** What a story asks of the in-page API (Storybook `parameters.avara`). */
export interface AvaraStoryParameters {
  /** Which data: the demo seed, no studies, 10,000 studies, hostile strings, or hundreds of customers. */
  world?: 'demo' | 'empty' | 'thousands' | 'hostile' | 'many-customers';
  /** Who is signed in: Ben (one customer), Ana (two) or the platform admin. */
  user?: 'ben' | 'ana' | 'admin';
  /** `auth`: fetchToken fails; `network`: the API cannot be reached; `pending`: fetchToken never answers (loading state). */
  failure?: 'none' | 'auth' | 'network' | 'pending';
  /** Lifetime of each minted token, to watch refreshes. */
  ttlSeconds?: number;
  /** false: render the story without the surrounding <avara-provider>. */
  provider?: boolean;
  /** The first token fetchToken hands over has already expired: the API refuses it and the provider fetches another. */
  firstTokenExpired?: boolean;
  /**
   * The state the story shows, for the story tests: a selector that each element's host (such as
   * `:state(ready)`) or shadow root must match. Without it, any loaded, empty, error or status state will do.
   */
  settled?: string;
}

export interface AvaraLoaded {
  apiBase: string;
  fetchToken: () => Promise<string>;
  world: DemoWorld;
  /** How many times fetchToken was called (for the refresh story). */
  calls: () => number;
  /** The signed-in user's newest study, and a study of a customer they do not belong to ('' when there is none). */
  studyIds: { visible: string; hidden: string };
}

export const HOSTILE = [
  '<img src=x onerror="alert(1)">',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '"><svg onload=alert(1)>',
];

/**
 * Starts the real reference API in the page (the Hono app over sql.js, answered through MSW),
 * seeded for one story. Both Storybook and the story tests use it, with relative asset URLs.
 */
export async function loadStoryWorld(p: AvaraStoryParameters = {}, assets = { wasmUrl: './sql-wasm-browser.wasm', workerUrl: './mockServiceWorker.js' }): Promise<AvaraLoaded> {
  const store = new Store(await openBrowserDriver(assets.wasmUrl));
  const app = createApp({ store, dev: true });
  const kind = p.world ?? 'demo';
  const studyCount = kind === 'empty' ? 0 : kind === 'thousands' ? 10_000 : 320;
  const world = await seedDemo(store, { today: localToday(), studyCount });
  if (kind === 'hostile') seedHostile(store, world);
  if (kind === 'many-customers') {
    store.tx(() => {
      for (let i = 1; i <= 300; i++) store.createCustomer(world.accountId, `Clinic ${String(i).padStart(3, '0')} — ${['Radiología', 'Imaging', 'Röntgen', '放射線科'][i % 4]}`);
    });
  }
  await serveInPage(app, assets.workerUrl);

  const userId = world.users[p.user ?? 'ben'];
  const mint = async (ttlSeconds = p.ttlSeconds) => {
    const res = await app.request('/v1/widget-tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId, ...(ttlSeconds ? { ttlSeconds } : {}) }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  let calls = 0;
  const fetchToken = async () => {
    calls++;
    if (p.failure === 'auth') throw new Error('The vendor session has ended.');
    if (p.failure === 'pending') return new Promise<string>(() => {});
    if (p.firstTokenExpired && calls === 1) {
      // A one-second token, handed over once it has expired (as after a laptop slept).
      const token = await mint(1);
      await new Promise((r) => setTimeout(r, 2000));
      return token;
    }
    return mint();
  };
  const apiBase = p.failure === 'network' ? 'http://127.0.0.1:9/' : `${location.origin}/`;
  return { apiBase, fetchToken, world, calls: () => calls, studyIds: await sampleStudies(app, world, await mint()) };
}

/** The newest study the user sees, and one of a customer they are not a member of (Lakeshore for Ben, else Harbor). */
async function sampleStudies(app: ReturnType<typeof createApp>, world: DemoWorld, token: string): Promise<AvaraLoaded['studyIds']> {
  const get = async (path: string, auth: string) => (await (await app.request(path, { headers: { authorization: `Bearer ${auth}` } })).json()) as { studies?: { studyId: string; expressCustomerId: string | null }[] };
  const visible = (await get('/v1/studies?limit=1', token)).studies?.[0]?.studyId ?? '';
  const seen = new Set((await get('/v1/studies?limit=100', token)).studies?.map((s) => s.expressCustomerId));
  const other = [world.customers.lakeshore, world.customers.harbor].find((c) => !seen.has(c));
  const all = (await get('/v1/studies?limit=100', DEMO_API_KEY)).studies ?? [];
  return { visible, hidden: all.find((s) => s.expressCustomerId === other)?.studyId ?? '' };
}

function seedHostile(store: Store, world: DemoWorld): void {
  store.tx(() => {
    HOSTILE.forEach((s, i) => {
      store.createStudy(world.accountId, {
        studyInstanceUid: `1.2.3.666.${i}`,
        studyDescription: `${s} — ${'very long description '.repeat(i + 1)}`,
        severity: i % 2 ? 'high' : 'normal',
        product: 'viewer',
        expressCustomerId: world.customers.northside,
        reportMetadata: { patientName: `${s}^${s}`, facilityName: s, mrn: s, scanType: s, scanDate: localToday() },
      });
    });
    store.createCustomer(world.accountId, HOSTILE[0]!);
  });
}

export interface AvaraGlobals {
  theme?: PresetName | 'auto';
  brand?: string;
  branding?: 'avara' | 'none';
  locale?: string;
  dir?: 'ltr' | 'rtl';
}

/** Wraps a story in the page a vendor would write: a provider with the toolbar's theme, brand, locale and direction. */
export function renderInProvider(story: TemplateResult, loaded: AvaraLoaded, globals: AvaraGlobals, withProvider = true): TemplateResult {
  const preset = globals.theme ?? 'light';
  const locale = globals.locale ?? 'en';
  const inner = withProvider
    ? html`<avara-provider
        api-base=${loaded.apiBase}
        theme-preset=${preset}
        branding=${globals.branding ?? 'avara'}
        locale=${locale}
        .theme=${brandTheme(globals.brand ?? 'none', preset)}
        .fetchToken=${loaded.fetchToken}
        >${story}</avara-provider
      >`
    : story;
  // The vendor's page behind the elements, in the preset's colours (as a real dark page would be).
  const page = PRESETS[preset === 'auto' ? 'light' : preset];
  const style = styleMap({ background: page.colorBackground, color: page.colorText, padding: '16px', minHeight: '100vh', boxSizing: 'border-box' });
  return html`<div dir=${globals.dir ?? 'ltr'} lang=${locale} style=${style}>${inner}</div>`;
}
