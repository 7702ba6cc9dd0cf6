import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/provider.js';
import '../../src/define/viewer-frame.js';
import type { AvaraProvider } from '../../src/elements/provider/provider.js';
import type { AvaraViewerFrame } from '../../src/elements/viewer-frame/viewer-frame.js';
import { AvaraStudySelectEvent } from '../../src/events/study-select.js';
import type { Study } from '../../api/types.js';

/**
 * The test page is served on one host name of the test server; the fake viewer is loaded from the
 * other (localhost ↔ 127.0.0.1, same port): a real second origin, so the browser's own origin
 * checks apply exactly as between a partner page and the viewer.
 */
const HOST_ORIGIN = location.origin;
const OTHER_HOST = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
const VIEWER_ORIGIN = `${location.protocol}//${OTHER_HOST}:${location.port}`;
const FAKE_PATH = '/test/browser/viewer-frame/fake-viewer.html';
const STUDY = 'std_0123456789abcdef0123456789abcdef';
const STUDY_2 = 'std_fedcba9876543210fedcba9876543210';

const fakeViewer = (mode: string, extra: Record<string, string> = {}, origin = VIEWER_ORIGIN) =>
  `${origin}${FAKE_PATH}#${new URLSearchParams({ parent: HOST_ORIGIN, mode, ...extra })}`;

type Received = { origin: string; data: Record<string, unknown> };

/** Resolves with the next message of `type` that `source` posts to this page. */
function nextMessage(source: () => Window | null | undefined, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (e: MessageEvent) => {
      if (e.source === source() && e.data?.type === type) {
        window.removeEventListener('message', on);
        resolve(e.data);
      }
    };
    window.addEventListener('message', on);
  });
}

/**
 * The next `type` event anywhere in the page. Registered before the fixture is created, so an
 * event that fires while the fixture renders is not missed.
 */
function nextEvent<K extends keyof HTMLElementEventMap>(type: K): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve) => document.addEventListener(type, (e) => resolve(e as HTMLElementEventMap[K]), { once: true }));
}

/** The window of the (only) viewer-frame's iframe, looked up when a message arrives. */
const viewerWindow = () => document.querySelector('avara-viewer-frame')?.shadowRoot?.querySelector('iframe')?.contentWindow;

/** What the (cross-origin) fake viewer has received so far, asked by postMessage. */
async function receivedBy(frame: HTMLIFrameElement, origin = VIEWER_ORIGIN): Promise<Received[]> {
  const answer = nextMessage(() => frame.contentWindow, 'test:dump-result');
  frame.contentWindow!.postMessage({ type: 'test:dump' }, origin);
  return (await answer).received as Received[];
}

const iframeOf = (el: AvaraViewerFrame) => el.shadowRoot!.querySelector('iframe')!;
const statusText = (el: AvaraViewerFrame) => el.shadowRoot!.querySelector('[part="status"]')?.textContent?.trim() ?? '';

async function readyFrame(viewerUrl = fakeViewer('ready'), token = 'tok-1') {
  const readyEvent = nextEvent('avara-viewer-ready');
  const el = await fixture<AvaraViewerFrame>(
    html`<avara-viewer-frame api-base="https://api.example/" .token=${token} study-id=${STUDY} viewer-url=${viewerUrl} locale="en-GB"></avara-viewer-frame>`,
  );
  const ready = await readyEvent;
  return { el, ready };
}

describe('<avara-viewer-frame>', () => {
  it('answers the viewer’s ready message with the token, study, API base and locale, at the viewer’s exact origin', async () => {
    const { el, ready } = await readyFrame();
    expect(ready.detail).to.deep.equal({ studyId: STUDY, viewerOrigin: VIEWER_ORIGIN });
    expect(el.status).to.equal('ready');
    const received = await receivedBy(iframeOf(el));
    expect(received).to.have.length(1);
    expect(received[0]!.origin).to.equal(HOST_ORIGIN);
    expect(received[0]!.data).to.deep.equal({
      type: 'avara:init',
      version: 1,
      token: 'tok-1',
      studyId: STUDY,
      apiBase: 'https://api.example/',
      locale: 'en-GB',
    });
    await expect(el).to.be.accessible();
  });

  it('is a titled, sandboxed iframe with fullscreen allowed, and the token is not in its URL', async () => {
    const url = fakeViewer('ready');
    const { el } = await readyFrame(url, 'tok-secret-123');
    const frame = iframeOf(el);
    expect(frame.title).to.equal('Image viewer');
    expect(frame.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
    expect([...frame.sandbox]).to.not.include.members(['allow-top-navigation', 'allow-popups', 'allow-forms', 'allow-modals']);
    expect(frame.getAttribute('allow')).to.equal('fullscreen');
    expect(frame.getAttribute('referrerpolicy')).to.equal('origin');
    expect(frame.src).to.equal(url);
    expect(frame.src).not.to.contain('tok-secret-123');
    expect(el.outerHTML + el.shadowRoot!.innerHTML).not.to.contain('tok-secret-123');
  });

  it('ignores a ready message from the page itself (another window, another origin)', async () => {
    const loaded = nextMessage(viewerWindow, 'test:loaded');
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame api-base="https://api.example/" .token=${'tok-1'} study-id=${STUDY} viewer-url=${fakeViewer('silent')}></avara-viewer-frame>`,
    );
    let readies = 0;
    el.addEventListener('avara-viewer-ready', () => readies++);
    await loaded;
    const seen = nextMessage(() => window, 'test:after');
    window.postMessage({ type: 'avara:viewer-ready', version: 1 }, HOST_ORIGIN);
    window.postMessage({ type: 'test:after' }, HOST_ORIGIN);
    await seen; // both messages were dispatched, in order, to every listener
    expect(readies).to.equal(0);
    expect(el.status).to.equal('loading');
    expect(await receivedBy(iframeOf(el))).to.deep.equal([]);
    expect(statusText(el)).to.equal('Opening the viewer…');
    await expect(el).to.be.accessible();
  });

  it('ignores a ready message from another frame on the viewer’s own origin', async () => {
    const decoyWindow = () => document.querySelector<HTMLIFrameElement>('iframe[title="decoy"]')?.contentWindow;
    const decoyPosted = nextMessage(decoyWindow, 'test:posted-ready');
    const viewerLoaded = nextMessage(viewerWindow, 'test:loaded');
    const el = await fixture<AvaraViewerFrame>(
      html`<div>
        <avara-viewer-frame api-base="https://api.example/" .token=${'tok-1'} study-id=${STUDY} viewer-url=${fakeViewer('silent')}></avara-viewer-frame>
        <iframe title="decoy" src=${fakeViewer('ready')}></iframe>
      </div>`,
    ).then((div) => div.querySelector('avara-viewer-frame')!);
    const decoy = el.parentElement!.querySelector<HTMLIFrameElement>('iframe[title="decoy"]')!;
    let readies = 0;
    el.addEventListener('avara-viewer-ready', () => readies++);
    await viewerLoaded;
    await decoyPosted; // the decoy's ready came first
    expect(readies).to.equal(0);
    expect(el.status).to.equal('loading');
    expect(await receivedBy(decoy)).to.deep.equal([]); // the decoy got no token
    expect(await receivedBy(iframeOf(el))).to.deep.equal([]);
  });

  it('ignores the iframe once it has navigated to another origin, and never sends it the token', async () => {
    // The viewer URL names the viewer origin, but the page there sends the iframe on to this page's origin.
    const elsewhere = fakeViewer('ready', {}, HOST_ORIGIN);
    const posted = nextMessage(viewerWindow, 'test:posted-ready');
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame api-base="https://api.example/" .token=${'tok-1'} study-id=${STUDY} viewer-url=${fakeViewer('navigate', { to: elsewhere })}></avara-viewer-frame>`,
    );
    let readies = 0;
    el.addEventListener('avara-viewer-ready', () => readies++);
    await posted;
    expect(readies).to.equal(0);
    // Same origin as this page now, so its record can be read directly.
    expect((iframeOf(el).contentWindow as unknown as { received: Received[] }).received).to.deep.equal([]);
  });

  it('pushes a refreshed token only to the viewer origin: after the viewer navigates away, nothing leaks', async () => {
    const elsewhere = fakeViewer('silent', {}, HOST_ORIGIN);
    const { el } = await readyFrame(fakeViewer('ready', { to: elsewhere }));
    const frame = iframeOf(el);
    await waitUntil(() => {
      try {
        return (frame.contentWindow as unknown as { received?: unknown }).received !== undefined && frame.contentWindow!.location.origin === HOST_ORIGIN;
      } catch {
        return false; // still cross-origin
      }
    }, 'the viewer never navigated away', { timeout: 5000 });
    el.token = 'tok-2-secret';
    await el.updateComplete;
    // A message posted after the token push arrives after it (same source, same target).
    const dump = await receivedBy(frame, HOST_ORIGIN);
    expect(JSON.stringify(dump)).not.to.contain('tok-2-secret');
    expect(JSON.stringify(dump)).not.to.contain('tok-1');
  });

  it('pushes a new token to the viewer when the host sets one', async () => {
    const { el } = await readyFrame();
    el.token = 'tok-2';
    await el.updateComplete;
    const received = await receivedBy(iframeOf(el));
    expect(received.map((r) => r.data)).to.deep.equal([
      { type: 'avara:init', version: 1, token: 'tok-1', studyId: STUDY, apiBase: 'https://api.example/', locale: 'en-GB' },
      { type: 'avara:token', version: 1, token: 'tok-2' },
    ]);
    expect(received.every((r) => r.origin === HOST_ORIGIN)).to.equal(true);
  });

  it('inside a provider: uses its token, pushes its refreshes and follows its selected study', async () => {
    let n = 0;
    const provider = await fixture<AvaraProvider>(
      html`<avara-provider api-base="https://api.example/v/" .fetchToken=${async () => `tok-p${++n}`} locale="de">
        <span id="list"></span>
        <avara-viewer-frame viewer-url=${fakeViewer('ready')}></avara-viewer-frame>
      </avara-provider>`,
    );
    const el = provider.querySelector('avara-viewer-frame')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
    expect(statusText(el)).to.equal('Wählen Sie eine Studie aus, um ihre Bilder zu sehen.');
    await expect(el).to.be.accessible();

    const ready = nextEvent('avara-viewer-ready');
    provider.querySelector('#list')!.dispatchEvent(new AvaraStudySelectEvent({ study: { studyId: STUDY } as Study }));
    expect((await ready).detail.studyId).to.equal(STUDY);

    await provider.tokens.refresh();
    provider.querySelector('#list')!.dispatchEvent(new AvaraStudySelectEvent({ study: { studyId: STUDY_2 } as Study }));
    await provider.updateComplete;
    await el.updateComplete;
    const received = (await receivedBy(iframeOf(el))).map((r) => r.data);
    expect(received).to.deep.equal([
      { type: 'avara:init', version: 1, token: 'tok-p1', studyId: STUDY, apiBase: 'https://api.example/v/', locale: 'de' },
      { type: 'avara:token', version: 1, token: 'tok-p2' },
      { type: 'avara:study', version: 1, studyId: STUDY_2 },
    ]);
  });

  it('refreshes the token when the viewer asks (after a 401) and hands it over', async () => {
    let n = 0;
    const ready = nextEvent('avara-viewer-ready');
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame api-base="https://api.example/" .fetchToken=${async () => `tok-f${++n}`} study-id=${STUDY} viewer-url=${fakeViewer('token-request')}></avara-viewer-frame>`,
    );
    await ready;
    await waitUntil(() => n === 2, 'the viewer’s token request did not refresh the token', { timeout: 5000 });
    await el.updateComplete;
    const received = (await receivedBy(iframeOf(el))).map((r) => r.data);
    expect(received.map((d) => [d.type, d.token])).to.deep.equal([
      ['avara:init', 'tok-f1'],
      ['avara:token', 'tok-f2'],
    ]);
  });

  it('answers a token request at once with the current token when it cannot refresh', async () => {
    const ready = nextEvent('avara-viewer-ready');
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame api-base="https://api.example/" .token=${'tok-only'} study-id=${STUDY} viewer-url=${fakeViewer('token-request')}></avara-viewer-frame>`,
    );
    await ready;
    await waitUntil(async () => (await receivedBy(iframeOf(el))).length === 2, 'the viewer got no answer to its token request', {
      timeout: 5000,
    });
    const received = (await receivedBy(iframeOf(el))).map((r) => r.data);
    expect(received.map((d) => [d.type, d.token])).to.deep.equal([
      ['avara:init', 'tok-only'],
      ['avara:token', 'tok-only'],
    ]);
  });

  it('reports a viewer’s error with avara-viewer-error and keeps the viewer’s own message in view', async () => {
    const errorEvent = nextEvent('avara-viewer-error');
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame api-base="https://api.example/" .token=${'tok-1'} study-id=${STUDY} viewer-url=${fakeViewer('error')}></avara-viewer-frame>`,
    );
    const error = await errorEvent;
    expect(error.detail).to.deep.equal({
      code: 'study_not_found',
      message: 'This study does not exist or you may not see it.',
      studyId: STUDY,
      source: 'viewer',
    });
    expect(el.status).to.equal('error');
    expect(iframeOf(el).hidden).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry button when the viewer never says it is ready', async () => {
    const errorEvent = nextEvent('avara-viewer-error');
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame api-base="https://api.example/" .token=${'tok-1'} study-id=${STUDY} ready-timeout="300" viewer-url=${fakeViewer('silent')}></avara-viewer-frame>`,
    );
    const error = await errorEvent;
    expect(error.detail.code).to.equal('viewer_timeout');
    expect(error.detail.source).to.equal('frame');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('The viewer did not respond.');
    await expect(el).to.be.accessible();
    const firstFrame = iframeOf(el);
    alert.querySelector('button')!.click();
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(iframeOf(el)).not.to.equal(firstFrame); // a fresh load
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('refuses a viewer-url without an http(s) origin, and loads nothing', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>parent.postMessage(1,"*")</script>', 'about:blank']) {
      const el = await fixture<AvaraViewerFrame>(
        html`<avara-viewer-frame api-base="https://api.example/" .token=${'tok-1'} study-id=${STUDY} viewer-url=${url}></avara-viewer-frame>`,
      );
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('iframe'), url).to.equal(null);
      expect(el.status).to.equal('error');
      expect(el.error?.code).to.equal('invalid_viewer_url');
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('not a valid http or https URL');
      await expect(el).to.be.accessible();
    }
  });

  it('drops the viewer when its credential or URL goes, and starts exactly one new viewer when they are back', async () => {
    const { el } = await readyFrame();
    // The token goes: the viewer that holds the old one goes with it.
    el.token = '';
    await el.updateComplete;
    expect(el.error?.code).to.equal('not_configured');
    expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(0);
    // A new token: one new viewer, handed the new token.
    let ready = nextEvent('avara-viewer-ready');
    el.token = 'tok-2';
    await ready;
    expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
    expect((await receivedBy(iframeOf(el)))[0]!.data.token).to.equal('tok-2');
    // The same for a viewer-url that becomes unusable and then usable again.
    el.viewerUrl = 'javascript:1';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(0);
    ready = nextEvent('avara-viewer-ready');
    el.viewerUrl = fakeViewer('ready');
    await ready;
    expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
    expect(el.status).to.equal('ready');
  });

  it('says what is missing when it has neither a provider nor credentials', async () => {
    const el = await fixture<AvaraViewerFrame>(
      html`<avara-viewer-frame study-id=${STUDY} viewer-url=${fakeViewer('ready')}></avara-viewer-frame>`,
    );
    await el.updateComplete;
    expect(el.error?.code).to.equal('not_configured');
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
