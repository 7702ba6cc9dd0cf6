/**
 * Candidate: `@vaadin/grid`, as a vendor would wire it to the Avara API without Avara Elements:
 * a lazy `dataProvider` over the same cursor pages (page size as `<avara-study-list>`), server-side
 * sorting through `<vaadin-grid-sort-column>`, the row count growing a page at a time (the API
 * does not return a total), and the same formatting functions for names and dates.
 */
import '@vaadin/grid/vaadin-grid.js';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import type { Grid, GridDataProviderCallback, GridDataProviderParams } from '@vaadin/grid';
import type { GridColumn } from '@vaadin/grid/vaadin-grid-column.js';
import { formatCalendarDate } from '../../../src/format/calendar-date.js';
import { formatPersonName } from '../../../src/format/person-name.js';
import { app, config, HEADERS, SEVERITY_LABELS } from '../shared/config.js';
import { CursorPages, type Study } from '../shared/cursor-pages.js';

app.innerHTML = `
  <style>
    vaadin-grid { --vaadin-grid-cell-padding: 0 12px; }
    vaadin-grid::part(cell) { min-height: 35px; }
    .sev-high { color: #b3261e; font-weight: 600; }
  </style>
  <vaadin-grid aria-label="Studies" page-size="${config.pageSize}">
    <vaadin-grid-sort-column path="patientName" header="${HEADERS.patientName}" flex-grow="2"></vaadin-grid-sort-column>
    <vaadin-grid-column path="studyDescription" header="${HEADERS.studyDescription}" flex-grow="3"></vaadin-grid-column>
    <vaadin-grid-sort-column path="scanDate" header="${HEADERS.scanDate}" direction="desc"></vaadin-grid-sort-column>
    <vaadin-grid-sort-column path="severity" header="${HEADERS.severity}" flex-grow="0" width="8em"></vaadin-grid-sort-column>
  </vaadin-grid>`;

const grid = app.querySelector<Grid<Study>>('vaadin-grid')!;
const [name, description, date, severity] = [...grid.querySelectorAll<GridColumn<Study>>('vaadin-grid-sort-column, vaadin-grid-column')];

name!.renderer = (root, _c, { item }) => {
  root.textContent = formatPersonName(item.reportMetadata?.patientName);
};
description!.renderer = (root, _c, { item }) => {
  root.textContent = item.studyDescription ?? '';
};
date!.renderer = (root, _c, { item }) => {
  root.textContent = formatCalendarDate(item.reportMetadata?.scanDate, config.locale);
};
severity!.renderer = (root, _c, { item }) => {
  let span = root.firstElementChild as HTMLSpanElement | null;
  if (!span) root.append((span = document.createElement('span')));
  span.className = `sev-${item.severity}`;
  span.textContent = SEVERITY_LABELS[item.severity] ?? item.severity;
};

let customer = '';
let source: CursorPages | undefined;

grid.dataProvider = (params: GridDataProviderParams<Study>, callback: GridDataProviderCallback<Study>) => {
  const order = params.sortOrders.find((o) => o.direction);
  const sort = order ? `${order.direction === 'desc' ? '-' : ''}${order.path}` : '-scanDate';
  if (!source || source.query.sort !== sort || source.query.expressCustomerId !== (customer || undefined)) {
    source?.dispose();
    source = new CursorPages({ sort, expressCustomerId: customer || undefined });
  }
  const { pageSize } = params;
  source.page(params.page).then(
    (p) => {
      const loaded = params.page * pageSize + p.studies.length;
      callback(p.studies, p.hasMore ? loaded + pageSize : loaded);
    },
    (e: Error) => {
      if (e.name !== 'AbortError') console.error(e);
    },
  );
};

// The host page's customer switcher: the same event `<avara-provider>` listens to.
app.addEventListener('avara-customer-change', (e) => {
  customer = (e as CustomEvent<{ expressCustomerId: string }>).detail.expressCustomerId;
  grid.clearCache();
});
