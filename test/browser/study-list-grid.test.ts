/**
 * <avara-study-list> as a grid: virtualization over 10,000 studies and the ARIA grid keyboard
 * pattern (roving tabindex, arrows, Home/End, Ctrl+Home/End, PageUp/PageDown, Enter/Space).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/study-list.js';
import type { AvaraStudyList } from '../../src/elements/study-list/study-list.js';
import { startMockWorld } from '../support/mock-api.js';
import {
  cellsOf,
  focusedIn,
  gridOf,
  headerNamed,
  idsOf,
  loaded,
  rowIndex,
  rowOf,
  rowsOf,
  scrollGrid,
  settled,
  walkToEnd,
} from '../support/study-list.js';

async function worldWith(count: number) {
  const w = await startMockWorld();
  const c = w.customer('Big clinic');
  const u = w.user('Reader');
  w.join(c, u);
  const day = (n: number) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
  w.store.tx(() => {
    for (let i = 0; i < count; i++) w.study(c, { scanDate: day(i), patientName: `Patient^${i}`, mrn: `M${i}` });
  });
  return { w, c, u, token: await w.token(u) };
}

/** The focused cell's [row index, column index] (aria-rowindex; header is 1). */
function focusedCell(el: AvaraStudyList): [number, number] {
  const f = focusedIn(el)!;
  const cell = f.closest<HTMLElement>('[data-c]')!;
  return [rowIndex(cell.closest('[role="row"]')!), Number(cell.dataset.c)];
}

const tabbable = (el: AvaraStudyList) => [...el.shadowRoot!.querySelectorAll('[role="grid"] [tabindex="0"]')];
const domRows = (el: AvaraStudyList) => el.shadowRoot!.querySelectorAll('[role="grid"] .body > *').length;
/** Every node under the body, the template markers (comments) and text included. */
function domNodes(el: AvaraStudyList): number {
  const walker = document.createTreeWalker(el.shadowRoot!.querySelector('[role="grid"] .body')!, NodeFilter.SHOW_ALL);
  let n = 0;
  while (walker.nextNode()) n++;
  return n;
}

describe('<avara-study-list> grid', () => {
  it('10,000 studies: every row reachable, with a constant, small number of row elements', async function () {
    this.timeout(120000);
    const { w, token } = await worldWith(10000);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list page-size="100" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    const atTop = domRows(el);
    expect(atTop).to.be.within(5, 40);
    const nodesAtTop = domNodes(el);

    // Scroll to the bottom, page after page, counting the row elements at every step.
    const grid = gridOf(el);
    const counts: number[] = [];
    while (grid.getAttribute('aria-rowcount') === '-1') {
      await scrollGrid(el, grid.scrollHeight);
      await settled(el);
      counts.push(domRows(el));
    }
    await scrollGrid(el, grid.scrollHeight);
    counts.push(domRows(el));
    expect(counts.length).to.be.at.least(99);
    expect(Math.max(...counts)).to.be.at.most(40);

    expect(grid.getAttribute('aria-rowcount')).to.equal('10001');
    expect(el.studies).to.have.length(10000);
    expect(new Set(el.studies.map((s) => s.studyId)).size).to.equal(10000);
    const last = rowsOf(el).at(-1)!;
    expect(rowIndex(last)).to.equal(10001);
    expect(last.dataset.studyId).to.equal(el.studies[9999]!.studyId);
    expect(last.textContent).to.contain('Patient, 0'); // the oldest scan is last
    const atBottom = domRows(el);
    expect(atBottom).to.be.within(5, 40);
    expect(Math.abs(atBottom - atTop)).to.be.at.most(2);
    // Nothing is left behind by the rows that went (no markers piling up): about the same
    // number of nodes of every kind as at the top, not one more per row scrolled past.
    const perRow = nodesAtTop / atTop;
    expect(domNodes(el)).to.be.within(nodesAtTop - 3 * perRow, nodesAtTop + 3 * perRow);

    // Any row in the middle renders exactly where it belongs.
    const rowHeight = rowsOf(el)[1]!.getBoundingClientRect().height;
    await scrollGrid(el, 5000 * rowHeight);
    const middle = rowsOf(el).find((r) => rowIndex(r) === 5002)!;
    expect(middle.dataset.studyId).to.equal(el.studies[5000]!.studyId);
    expect(middle.textContent).to.contain(`Patient, ${9999 - 5000}`);
    const top = middle.getBoundingClientRect().top - grid.getBoundingClientRect().top;
    expect(top).to.be.within(0, grid.clientHeight);
    expect(domRows(el)).to.be.within(5, 40);
    await expect(el).to.be.accessible();
  });

  it('keeps its scrolling body inside the host whatever display the page gives it, and loads one page', async () => {
    const { w, token } = await worldWith(200);
    for (const display of ['block', 'flex', 'inline-block', 'flow-root']) {
      const el = await fixture<AvaraStudyList>(
        html`<avara-study-list style="display: ${display}; height: 300px" page-size="50" api-base=${w.apiBase} .token=${token}></avara-study-list>`,
      );
      await loaded(el);
      await settled(el);
      const host = el.getBoundingClientRect();
      const grid = gridOf(el).getBoundingClientRect();
      expect(Math.round(host.height), display).to.equal(300);
      expect(grid.bottom, `${display}: the grid ends inside the host`).to.be.at.most(host.bottom + 0.5);
      expect(gridOf(el).scrollHeight, `${display}: the grid scrolls`).to.be.greaterThan(gridOf(el).clientHeight);
      expect(rowsOf(el).length, `${display}: a window of rows, not every page`).to.be.below(50);
      expect(gridOf(el).getAttribute('aria-rowcount'), `${display}: more pages wait for scrolling`).to.equal('-1');
    }
  });

  it('paints new rows first without the rows around them, which follow a frame later', async () => {
    const { w, token } = await worldWith(300);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list no-search no-filters api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await oneEvent(el, 'avara-load');
    await el.updateComplete;
    const grid = gridOf(el);
    const below = () => rowsOf(el).filter((r) => r.getBoundingClientRect().top >= grid.getBoundingClientRect().bottom).length;
    // The first paint: only rows that can be seen.
    expect(rowsOf(el).length).to.be.at.least(5);
    expect(below()).to.equal(0);
    // Two frames later: four more below the view, ready for scrolling.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))));
    await el.updateComplete;
    expect(below()).to.equal(4);
    expect(idsOf(el)).to.deep.equal(el.studies.slice(0, rowsOf(el).length).map((s) => s.studyId));
  });

  it('roving tabindex: one tab stop; arrows, Home/End, Ctrl+Home/End, PageUp/PageDown move the focus', async function () {
    this.timeout(30000);
    const { w, token } = await worldWith(300);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list
      columns="patientName,mrn,scanDate,severity"
      page-size="100"
      no-search
      no-filters
      api-base=${w.apiBase}
      .token=${token}
    ></avara-study-list>`);
    await loaded(el);
    expect(tabbable(el)).to.have.length(1);

    // Tab from before the list lands on the first study's first cell.
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedCell(el)).to.deep.equal([2, 0]);

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedCell(el)).to.deep.equal([4, 1]);
    expect(focusedIn(el)!.textContent!.trim()).to.equal(`M${299 - 2}`);
    expect(tabbable(el)).to.deep.equal([focusedIn(el)]);

    await sendKeys({ press: 'End' });
    expect(focusedCell(el)).to.deep.equal([4, 3]);
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedCell(el)).to.deep.equal([4, 3], 'stops at the last column');
    await sendKeys({ press: 'Home' });
    expect(focusedCell(el)).to.deep.equal([4, 0]);

    await sendKeys({ press: 'PageDown' });
    const [afterPage] = focusedCell(el);
    expect(afterPage).to.be.above(8);
    await sendKeys({ press: 'PageUp' });
    expect(focusedCell(el)).to.deep.equal([4, 0]);

    const loadedRows = el.studies.length;
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    await el.updateComplete;
    const [lastRow, lastCol] = focusedCell(el);
    expect(lastCol).to.equal(3);
    expect(lastRow).to.equal(loadedRows + 1, 'the last loaded study');
    await settled(el);
    expect(el.studies.length).to.be.above(loadedRows, 'reaching the end loads the next page');
    const focusedRow = focusedIn(el)!.closest<HTMLElement>('[role="row"]')!;
    const box = focusedRow.getBoundingClientRect();
    const gridBox = gridOf(el).getBoundingClientRect();
    expect(box.top).to.be.at.least(gridBox.top);
    expect(box.bottom).to.be.at.most(gridBox.bottom + 1);

    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ up: 'Control' });
    expect(focusedCell(el)).to.deep.equal([2, 0]);
    expect(gridOf(el).scrollTop).to.equal(0);

    // Up from the first study reaches the column headers; Enter on a sortable one sorts.
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedCell(el)).to.deep.equal([1, 0]);
    expect(focusedIn(el)!.localName).to.equal('button');
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedCell(el)).to.deep.equal([1, 0], 'stops at the header');
    // Listen before pressing: the in-page API can answer before sendKeys returns.
    const sorted = oneEvent(el, 'avara-load');
    await sendKeys({ press: 'Enter' });
    await sorted;
    await settled(el);
    expect(headerNamed(el, 'Patient').getAttribute('aria-sort')).to.equal('ascending');
    expect(focusedCell(el)).to.deep.equal([1, 0], 'sorting keeps the focus on the header');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedIn(el)!.getAttribute('role')).to.equal('columnheader'); // MRN: not sortable, the cell itself
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedCell(el)).to.deep.equal([2, 1]);
    await expect(el).to.be.accessible();
  });

  it('the focused row stays rendered while it is scrolled far out of view', async function () {
    this.timeout(30000);
    const { w, token } = await worldWith(400);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list page-size="100" api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    await walkToEnd(el);
    await scrollGrid(el, 0);
    const cell = cellsOf(rowsOf(el)[3]!)[0]!;
    cell.focus();
    await el.updateComplete;
    const id = rowsOf(el)[3]!.dataset.studyId!;
    await scrollGrid(el, gridOf(el).scrollHeight);
    expect(rowOf(el, id)).to.equal(cell.parentElement, 'the same element, still in the DOM');
    expect(focusedIn(el)).to.equal(cell);
    expect(domRows(el)).to.be.below(45);
    // Moving on from it continues where the user was, not where the viewport is.
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedCell(el)).to.deep.equal([6, 0]);
  });

  it('Enter and Space select the focused row and fire avara-study-select with that study', async () => {
    const { w, token } = await worldWith(5);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list selectable api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    cellsOf(rowsOf(el)[0]!)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const first = await oneEvent(el, 'avara-study-select');
    expect(first.detail.study.studyId).to.equal(idsOf(el)[1]);
    await el.updateComplete;
    expect(rowsOf(el).map((r) => r.getAttribute('aria-selected'))).to.deep.equal(['false', 'true', 'false', 'false', 'false']);
    await sendKeys({ press: 'ArrowDown' });
    setTimeout(() => sendKeys({ press: 'Space' }));
    const second = await oneEvent(el, 'avara-study-select');
    expect(second.detail.study.studyId).to.equal(idsOf(el)[2]);
    expect(first.bubbles && first.composed).to.equal(true);
    await el.updateComplete;
    expect(rowsOf(el).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.dataset.studyId)).to.deep.equal([idsOf(el)[2]]);
    expect(gridOf(el).scrollTop).to.equal(0, 'Space did not scroll the grid');
    await expect(el).to.be.accessible();
  });

  it('without selectable, rows carry no selection and fire no select event', async () => {
    const { w, token } = await worldWith(3);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    let fired = 0;
    el.addEventListener('avara-study-select', () => fired++);
    cellsOf(rowsOf(el)[0]!)[0]!.click();
    cellsOf(rowsOf(el)[0]!)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(rowsOf(el).some((r) => r.hasAttribute('aria-selected'))).to.equal(false);
  });

  it('right-to-left: columns run from the right, Latin values keep their order, ArrowLeft moves forward', async () => {
    const { w, c, token } = await worldWith(2);
    w.study(c, { scanDate: '2030-01-01', patientName: 'Adams^John^^Rev.^B.A.', mrn: 'אב-12' });
    const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl">
      <avara-study-list columns="patientName,mrn,scanDate" api-base=${w.apiBase} .token=${token}></avara-study-list>
    </div>`);
    const el = wrap.querySelector('avara-study-list')!;
    // (The wrapper's fixture waits a frame, by which time the first page may have arrived.)
    await waitUntil(() => rowsOf(el).length === 3, 'no rows');
    await settled(el);
    const grid = gridOf(el).getBoundingClientRect();
    const [name, , date] = cellsOf(rowsOf(el)[0]!).map((c) => c.getBoundingClientRect());
    expect(grid.right - name!.right).to.be.below(4);
    expect(date!.left).to.be.below(name!.left);
    // "Adams, Rev. John, B.A." reads left to right (its final "." is rightmost), aligned to the right.
    const nameCell = cellsOf(rowsOf(el)[0]!)[0]!;
    const textNode = [...nameCell.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
    expect(textNode.textContent).to.equal('Adams, Rev. John, B.A.');
    const charBox = (i: number) => {
      const range = document.createRange();
      range.setStart(textNode, i);
      range.setEnd(textNode, i + 1);
      return range.getBoundingClientRect();
    };
    const [first, last] = [charBox(0), charBox(textNode.textContent!.length - 1)];
    expect(last.left).to.be.above(first.left);
    expect(name!.right - last.right).to.be.within(0, 20);
    const search = el.shadowRoot!.querySelector('input[type="search"]')!.getBoundingClientRect();
    expect(search.right).to.be.above(el.shadowRoot!.querySelector('select')!.getBoundingClientRect().right);
    cellsOf(rowsOf(el)[0]!)[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedCell(el)).to.deep.equal([2, 1]);
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedCell(el)).to.deep.equal([2, 0]);
    await expect(el).to.be.accessible();
  });

  it('keeps the roving tab stop valid when the rows reload under it', async () => {
    const { w, token } = await worldWith(30);
    const el = await fixture<AvaraStudyList>(html`<avara-study-list api-base=${w.apiBase} .token=${token}></avara-study-list>`);
    await loaded(el);
    cellsOf(rowsOf(el)[0]!)[0]!.focus();
    for (let i = 0; i < 20; i++) await sendKeys({ press: 'ArrowDown' });
    expect(focusedCell(el)[0]).to.equal(22);
    el.search = 'Patient^2'; // fewer rows than the active row index
    await loaded(el);
    await settled(el);
    expect(tabbable(el)).to.have.length(1);
    expect(rowIndex(tabbable(el)[0]!.closest('[role="row"]')!)).to.be.at.most(el.studies.length + 1);
  });
});
