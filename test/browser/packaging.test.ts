import { expect, waitUntil } from '@open-wc/testing';
import { startMockWorld } from '../support/mock-api.js';

interface ProbeWindow extends Window {
  __violations: string[];
  __errors: string[];
  __definitions: string[];
}

/** Loads the built script-tag file twice into a page under a strict Content-Security-Policy. */
async function openStrictPage(): Promise<{ frame: HTMLIFrameElement; win: ProbeWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.title = 'strict CSP page';
  frame.style.width = '900px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/test/fixtures/strict-csp.html';
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as ProbeWindow, doc: frame.contentDocument! };
}

describe('the script-tag build', () => {
  it('loaded twice under a strict CSP: no exception, one registration per tag, no violation, rows rendered', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    const id = w.study(c, { patientName: 'Doe^Jane', scanDate: '2024-03-10' });
    const { frame, win, doc } = await openStrictPage();
    try {
      const tags = win.__definitions;
      expect(new Set(tags).size).to.equal(tags.length, `each tag defined once: ${tags}`);
      expect(tags).to.include.members(['avara-provider', 'avara-study-list']);
      const provider = doc.querySelector('avara-provider')! as HTMLElement & { token: string };
      provider.token = await w.token(u);
      const list = doc.querySelector('avara-study-list')!;
      await waitUntil(() => list.shadowRoot?.querySelector(`[data-study-id="${id}"]`), 'the list never showed the study');
      expect(list.shadowRoot!.textContent).to.contain('Doe, Jane');
      // Styles applied through constructable stylesheets, which style-src 'self' allows: the
      // list's own rules make it a block whose inner layout is a flex column (an unstyled custom
      // element is inline, and its parts would not be laid out).
      expect(getComputedStyle(list).display).to.equal('block');
      expect(getComputedStyle(list.shadowRoot!.querySelector('.layout')!).display).to.equal('flex');
      expect(win.__errors).to.deep.equal([]);
      expect(win.__violations).to.deep.equal([]);

      // English is in the file; German loads from beside it on first use, under the same CSP.
      expect(doc.querySelector('script[src$="avara-elements.de.js"]')).to.equal(null);
      list.setAttribute('locale', 'de-DE');
      await waitUntil(() => list.shadowRoot!.textContent!.includes('Untersuchungsdatum'), 'the list never spoke German');
      expect(doc.querySelectorAll('script[src$="avara-elements.de.js"]').length).to.equal(1);
      expect(list.shadowRoot!.textContent).to.contain('Doe, Jane');
      expect(win.__errors).to.deep.equal([]);
      expect(win.__violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
