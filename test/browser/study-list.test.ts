import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define/study-list.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import { startMockWorld } from '../support/mock-api.js';

const rowsOf = (el: AvaraStudyList) => [...el.shadowRoot!.querySelectorAll('[role="row"][data-study-id]')] as HTMLElement[];
const idsOf = (el: AvaraStudyList) => rowsOf(el).map((r) => r.dataset.studyId);

async function loaded(el: AvaraStudyList) {
  await oneEvent(el, 'avara-load');
  await waitUntil(() => !el.shadowRoot!.querySelector('[role="status"]'), 'the list never left its loading state');
}

describe('<avara-study-list> against the reference API', () => {
  it("shows exactly the member's studies, newest scan first", async () => {
    const w = await startMockWorld();
    const mine = w.customer('Mine');
    const theirs = w.customer('Theirs');
    const ben = w.user('Ben');
    w.join(mine, ben);
    const older = w.study(mine, { scanDate: '2024-03-01', patientName: 'Doe^Jane' });
    const newer = w.study(mine, { scanDate: '2024-03-10', patientName: 'Müller^Zoë' });
    w.study(theirs, { scanDate: '2024-03-11', patientName: 'Other^Patient' });
    w.study(null, { scanDate: '2024-03-12', patientName: 'Unattached^Patient' });
    const token = await w.token(ben);

    const el = await fixture<AvaraStudyList>(html`<avara-study-list lang="en-GB" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([newer, older]);
    const cells = [...rowsOf(el)[0]!.querySelectorAll('[role="gridcell"]')].map((td) => td.textContent!.trim());
    expect(cells).to.deep.equal(['Müller, Zoë', 'Study ' + cells[1]!.split(' ')[1], '10 Mar 2024', 'Normal']);
    await expect(el).to.be.accessible();
  });

  it('works standalone with api-base and token as attributes, as markup alone can give them', async () => {
    const w = await startMockWorld();
    const c = w.customer('Clinic');
    const u = w.user('Reader');
    w.join(c, u);
    const id = w.study(c, {});
    const token = await w.token(u);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} token=${token}></avara-study-list>`);
    await loaded(el);
    expect(idsOf(el)).to.deep.equal([id]);
  });

  it('shows a muted placeholder for a missing name and nothing for a missing date', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    w.study(c, {});
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${await w.token(u)}></avara-study-list>`);
    await loaded(el);
    const cells = rowsOf(el)[0]!.querySelectorAll('[role="gridcell"]');
    expect(cells[0]!.textContent!.trim()).to.equal('(no name)');
    expect(cells[0]!.querySelector('[part="placeholder"]')).to.exist;
    expect(cells[2]!.textContent!.trim()).to.equal('');
    expect(el.shadowRoot!.textContent).not.to.contain('Invalid Date');
    expect(el.shadowRoot!.textContent).not.to.contain('undefined');
  });

  it('renders hostile strings as text and creates no elements from them', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>${7*7}{{7*7}}';
    w.study(c, { patientName: hostile, scanDate: '2024-01-01' }, { studyDescription: `javascript:alert(1) ${hostile}` });
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${await w.token(u)}></avara-study-list>`);
    await loaded(el);
    const [name, description] = rowsOf(el)[0]!.querySelectorAll('[role="gridcell"]');
    expect(name!.textContent!.trim()).to.equal(hostile);
    expect(description!.textContent!.trim()).to.equal(`javascript:alert(1) ${hostile}`);
    expect(el.shadowRoot!.querySelector('[role="grid"] img, [role="grid"] script, [role="grid"] a')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows "No studies." for a member with none', async () => {
    const w = await startMockWorld();
    const c = w.customer('C');
    const u = w.user('U');
    w.join(c, u);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${await w.token(u)}></avara-study-list>`);
    await loaded(el);
    expect(el.shadowRoot!.textContent).to.contain('No studies.');
    await expect(el).to.be.accessible();
  });

  it('shows an authentication error, not an empty list, for a refused token', async () => {
    const w = await startMockWorld();
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${'not.a.token'}></avara-study-list>`);
    const { detail } = await oneEvent(el, 'avara-error');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no alert shown');
    expect(detail.error.status).to.equal(401);
    expect(detail.error.code).to.equal('invalid_token');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('session has expired');
    expect(el.shadowRoot!.textContent).not.to.contain('No studies');
    await expect(el).to.be.accessible();
  });
});
