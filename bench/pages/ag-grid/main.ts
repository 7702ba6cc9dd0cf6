/**
 * Candidate: `ag-grid-community` with its infinite row model, as a vendor would wire it to the
 * Avara API without Avara Elements: blocks of the same page size over the same cursor pages,
 * server-side sorting from the grid's sort model, an unknown row count until the last page
 * (`lastRow = -1`), the same formatting functions, and only the modules this needs registered.
 */
import {
  createGrid,
  InfiniteRowModelModule,
  ModuleRegistry,
  type ColDef,
  type GridApi,
  type IDatasource,
  type IGetRowsParams,
} from 'ag-grid-community';
import { formatCalendarDate } from '../../../src/format/calendar-date.js';
import { formatPersonName } from '../../../src/format/person-name.js';
import { app, config, HEADERS, SEVERITY_LABELS } from '../shared/config.js';
import { CursorPages, type Study } from '../shared/cursor-pages.js';

ModuleRegistry.registerModules([InfiniteRowModelModule]);

const columnDefs: ColDef<Study>[] = [
  {
    colId: 'patientName',
    headerName: HEADERS.patientName,
    sortable: true,
    flex: 2,
    valueGetter: (p) => (p.data ? formatPersonName(p.data.reportMetadata?.patientName) : ''),
  },
  { colId: 'studyDescription', headerName: HEADERS.studyDescription, sortable: false, flex: 3, valueGetter: (p) => p.data?.studyDescription ?? '' },
  {
    colId: 'scanDate',
    headerName: HEADERS.scanDate,
    sortable: true,
    sort: 'desc',
    flex: 1,
    valueGetter: (p) => (p.data ? formatCalendarDate(p.data.reportMetadata?.scanDate, config.locale) : ''),
  },
  {
    colId: 'severity',
    headerName: HEADERS.severity,
    sortable: true,
    width: 112,
    valueGetter: (p) => p.data?.severity ?? '',
    cellRenderer: (p: { value: string }) => {
      if (!p.value) return '';
      const span = document.createElement('span');
      span.className = `sev-${p.value}`;
      span.textContent = SEVERITY_LABELS[p.value] ?? p.value;
      return span;
    },
  },
];

let customer = '';
let source: CursorPages | undefined;

const datasource: IDatasource = {
  getRows(params: IGetRowsParams) {
    const order = params.sortModel[0];
    const sort = order ? `${order.sort === 'desc' ? '-' : ''}${order.colId}` : '-scanDate';
    if (!source || source.query.sort !== sort || source.query.expressCustomerId !== (customer || undefined)) {
      source?.dispose();
      source = new CursorPages({ sort, expressCustomerId: customer || undefined });
    }
    const index = Math.floor(params.startRow / config.pageSize);
    source.page(index).then(
      (p) => params.successCallback(p.studies, p.hasMore ? -1 : params.startRow + p.studies.length),
      (e: Error) => {
        if (e.name !== 'AbortError') params.failCallback();
      },
    );
  },
};

const style = document.createElement('style');
style.textContent = '.sev-high { color: #b3261e; font-weight: 600; }';
app.append(style);
const host = document.createElement('div');
host.setAttribute('aria-label', 'Studies');
app.append(host);

const api: GridApi<Study> = createGrid(host, {
  columnDefs,
  rowModelType: 'infinite',
  datasource,
  cacheBlockSize: config.pageSize,
  rowHeight: 35,
  headerHeight: 35,
  getRowId: (p) => p.data.studyId,
});

// The host page's customer switcher: the same event `<avara-provider>` listens to.
app.addEventListener('avara-customer-change', (e) => {
  customer = (e as CustomEvent<{ expressCustomerId: string }>).detail.expressCustomerId;
  api.purgeInfiniteCache();
});
