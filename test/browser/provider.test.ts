import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define/provider.js';
import '../../src/define/study-list.js';
import type { AvaraProvider } from '../../src/elements/provider/provider.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import { AvaraCustomerChangeEvent } from '../../src/events/customer-change.js';
import { PRESETS } from '../../src/theme/tokens.js';
import { startMockWorld } from '../support/mock-api.js';

const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const mark = (p: AvaraProvider) => p.shadowRoot!.querySelector('[part="branding"]');

async function loadedIds(list: AvaraStudyList): Promise<string[]> {
  await waitUntil(() => list.studies.length > 0 || list.shadowRoot!.querySelector('[role="alert"]'), 'the list never loaded');
  return list.studies.map((s) => s.studyId).sort();
}

describe('<avara-provider>', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('declares no preset without theme-preset, so tokens set on an ancestor reach the elements', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="--avara-color-primary: rgb(1, 2, 3)">
      <avara-provider><avara-study-list></avara-study-list></avara-provider>
    </div>`);
    const list = wrap.querySelector('avara-study-list')!;
    expect(prop(list, '--avara-color-primary')).to.equal('rgb(1, 2, 3)');
    expect(prop(list, '--_color-primary')).to.equal('rgb(1, 2, 3)');
    // An unset token falls back to the light preset inside the element.
    expect(prop(list, '--_color-background')).to.equal(PRESETS.light.colorBackground);
  });

  for (const preset of ['light', 'dark', 'high-contrast'] as const) {
    it(`applies the ${preset} preset to every element inside`, async () => {
      const p = await fixture<AvaraProvider>(html`<avara-provider theme-preset=${preset}><avara-study-list></avara-study-list></avara-provider>`);
      const list = p.querySelector('avara-study-list')!;
      expect(prop(list, '--_color-background')).to.equal(PRESETS[preset].colorBackground);
      expect(prop(list, '--_color-text')).to.equal(PRESETS[preset].colorText);
      expect(prop(list, '--_focus-ring')).to.equal(PRESETS[preset].focusRing);
    });
  }

  it('lets CSS on the provider element and the theme object override the preset', async () => {
    const style = document.createElement('style');
    style.textContent = 'avara-provider.brand { --avara-color-primary: rgb(107, 43, 217); }';
    document.head.append(style);
    try {
      const p = await fixture<AvaraProvider>(html`<avara-provider class="brand" theme-preset="dark"><avara-study-list></avara-study-list></avara-provider>`);
      const list = p.querySelector('avara-study-list')!;
      expect(prop(list, '--_color-primary')).to.equal('rgb(107, 43, 217)');
      expect(prop(list, '--_color-background')).to.equal(PRESETS.dark.colorBackground);
      p.theme = { colorPrimary: 'rgb(1, 1, 1)' };
      await p.updateComplete;
      expect(prop(list, '--_color-primary')).to.equal('rgb(1, 1, 1)');
    } finally {
      style.remove();
    }
  });

  it('auto follows prefers-color-scheme', async () => {
    const p = await fixture<AvaraProvider>(html`<avara-provider theme-preset="auto"></avara-provider>`);
    await emulateMedia({ colorScheme: 'light' });
    expect(prop(p, '--avara-color-background')).to.equal(PRESETS.light.colorBackground);
    await emulateMedia({ colorScheme: 'dark' });
    expect(prop(p, '--avara-color-background')).to.equal(PRESETS.dark.colorBackground);
  });

  it('takes a theme object by camelCase or CSS names, over the preset, and forgets keys it no longer has', async () => {
    const p = await fixture<AvaraProvider>(html`<avara-provider theme-preset="dark"></avara-provider>`);
    p.theme = { colorPrimary: '#6b2bd9', '--avara-radius': '2px', bogus: 'x' } as never;
    await p.updateComplete;
    expect(prop(p, '--avara-color-primary')).to.equal('#6b2bd9');
    expect(prop(p, '--avara-radius')).to.equal('2px');
    expect(p.style.getPropertyValue('bogus')).to.equal('');
    p.theme = { fontFamily: 'Georgia, serif' };
    await p.updateComplete;
    expect(prop(p, '--avara-color-primary')).to.equal(PRESETS.dark.colorPrimary);
    expect(prop(p, '--avara-radius')).to.equal(PRESETS.dark.radius);
    expect(prop(p, '--avara-font-family')).to.equal('Georgia, serif');
  });

  it('shows "Powered by Avara" by default, in the locale, and nothing with branding="none"', async () => {
    const p = await fixture<AvaraProvider>(html`<avara-provider><p>host content</p></avara-provider>`);
    expect(mark(p)!.textContent!.trim()).to.equal('Powered by Avara');
    await expect(p).to.be.accessible();
    p.locale = 'de-DE';
    await p.updateComplete;
    expect(mark(p)!.textContent!.trim()).to.equal('Bereitgestellt von Avara');
    p.setAttribute('branding', 'none');
    await p.updateComplete;
    expect(mark(p)).to.equal(null);
    expect(p.shadowRoot!.textContent!.trim()).to.equal('');
    const es = await fixture<AvaraProvider>(html`<div lang="es"><avara-provider></avara-provider></div>`);
    expect(mark(es.querySelector('avara-provider')!)!.textContent!.trim()).to.equal('Con la tecnología de Avara');
  });

  it('calls fetchToken once at start for all its elements and fires avara-token-refreshed', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    const s = w.study(c, { scanDate: '2024-01-01' });
    let calls = 0;
    const p = document.createElement('avara-provider');
    p.apiBase = w.apiBase;
    p.fetchToken = async () => {
      calls++;
      return w.token(u, { ttlSeconds: 600 });
    };
    const refreshed = oneEvent(p, 'avara-token-refreshed');
    p.innerHTML = '<avara-study-list></avara-study-list><avara-study-list></avara-study-list><avara-study-list></avara-study-list>';
    await fixture(html`<div>${p}</div>`);
    const { detail } = await refreshed;
    const lists = [...p.querySelectorAll('avara-study-list')];
    for (const list of lists) expect(await loadedIds(list)).to.deep.equal([s]);
    expect(calls).to.equal(1);
    expect(Date.parse(detail.expiresAt!) - Date.now()).to.be.within(590_000, 600_000);
  });

  it('sends the token only in the Authorization header, never in a URL', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    w.study(c, { scanDate: '2024-01-01' });
    const token = await w.token(u);
    const seen: { url: string; auth: string | null }[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      seen.push({ url: req.url, auth: req.headers.get('authorization') });
      return realFetch(input, init);
    };
    try {
      const p = await fixture<AvaraProvider>(html`<avara-provider api-base=${w.apiBase} .token=${token}><avara-study-list></avara-study-list></avara-provider>`);
      await loadedIds(p.querySelector('avara-study-list')!);
    } finally {
      window.fetch = realFetch;
    }
    const api = seen.filter((r) => r.url.includes('/v1/'));
    expect(api.length).to.be.greaterThan(0);
    for (const r of api) {
      expect(r.url).not.to.contain(token);
      expect(r.url).not.to.contain(token.split('.')[2]!);
      expect(r.auth).to.equal(`Bearer ${token}`);
    }
  });

  it('stores the customer an element picks and its lists follow', async () => {
    const w = await startMockWorld();
    const a = w.customer('A');
    const b = w.customer('B');
    const u = w.user('U');
    w.join(a, u);
    w.join(b, u);
    const sa = w.study(a, { scanDate: '2024-01-01' });
    const sb = w.study(b, { scanDate: '2024-01-02' });
    const p = await fixture<AvaraProvider>(html`<avara-provider api-base=${w.apiBase} .token=${await w.token(u)}><span id="picker"></span><avara-study-list></avara-study-list></avara-provider>`);
    const list = p.querySelector('avara-study-list')!;
    expect(await loadedIds(list)).to.deep.equal([sa, sb].sort());
    p.querySelector('#picker')!.dispatchEvent(new AvaraCustomerChangeEvent({ expressCustomerId: b, customer: null }));
    await waitUntil(() => list.studies.length === 1, 'the list did not follow the customer');
    expect(list.studies.map((s) => s.studyId)).to.deep.equal([sb]);
    expect(p.expressCustomerId).to.equal(b);
  });

  it('reloads its elements when the host hands over a new token after a refusal', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    const s = w.study(c, { scanDate: '2024-01-01' });
    const good = await w.token(u);
    const bad = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(43)}`; // a forged signature: refused
    const p = document.createElement('avara-provider');
    p.apiBase = w.apiBase;
    p.token = bad;
    p.innerHTML = '<avara-study-list></avara-study-list>';
    const authError = oneEvent(p, 'avara-auth-error');
    await fixture(html`<div>${p}</div>`);
    const { detail } = await authError;
    expect(detail.error.status).to.equal(401);
    const list = p.querySelector('avara-study-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('[role="alert"]'), 'no auth error shown');
    expect(list.shadowRoot!.textContent).not.to.contain('No studies');
    p.token = good;
    await waitUntil(() => list.studies.length === 1, 'the list did not reload with the new token');
    expect(list.studies.map((x) => x.studyId)).to.deep.equal([s]);
  });
});
