import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_COLUMNS,
  columnTracks,
  nextSort,
  parseColumns,
  parseSort,
  scanDateRange,
} from '../../src/elements/study-list/study-list.columns.js';

function inTimeZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('study list: date filters (W1)', () => {
  const clock = new Date('2024-03-11T01:30:00Z'); // 17:30 on 10 March in Los Angeles

  it('"Today" and "Last 7 days" are local calendar dates', () => {
    inTimeZone('America/Los_Angeles', () => {
      assert.deepEqual(scanDateRange('today', '', '', clock), { scanDateFrom: '2024-03-10', scanDateTo: '2024-03-10' });
      assert.deepEqual(scanDateRange('last-7-days', '', '', clock), { scanDateFrom: '2024-03-04', scanDateTo: '2024-03-10' });
    });
    inTimeZone('Asia/Tokyo', () => {
      assert.deepEqual(scanDateRange('today', '', '', clock), { scanDateFrom: '2024-03-11', scanDateTo: '2024-03-11' });
    });
  });

  it('"Last 7 days" crosses month and leap-day boundaries by calendar', () => {
    inTimeZone('UTC', () => {
      assert.deepEqual(scanDateRange('last-7-days', '', '', new Date('2024-03-03T12:00:00Z')), {
        scanDateFrom: '2024-02-26',
        scanDateTo: '2024-03-03',
      });
    });
  });

  it('a custom range keeps valid dates, drops malformed ones and swaps a reversed range', () => {
    assert.deepEqual(scanDateRange('custom', '2024-01-01', '2024-01-31', clock), { scanDateFrom: '2024-01-01', scanDateTo: '2024-01-31' });
    assert.deepEqual(scanDateRange('custom', '2024-02-30', '2024-01-31', clock), { scanDateTo: '2024-01-31' });
    assert.deepEqual(scanDateRange('custom', '2024-03-01', 'soon', clock), { scanDateFrom: '2024-03-01' });
    assert.deepEqual(scanDateRange('custom', '2024-03-01', '2024-02-01', clock), { scanDateFrom: '2024-02-01', scanDateTo: '2024-03-01' });
    assert.deepEqual(scanDateRange('', '2024-01-01', '2024-01-31', clock), {});
    assert.deepEqual(scanDateRange('yesterday', '', '', clock), {});
  });
});

describe('study list: columns and sorting', () => {
  it('parses column names in order, ignoring unknown names and repeats', () => {
    assert.deepEqual(parseColumns('mrn, patientName,,bogus patientName\tscanDate'), ['mrn', 'patientName', 'scanDate']);
    assert.deepEqual(parseColumns(''), [...DEFAULT_COLUMNS]);
    assert.deepEqual(parseColumns('bogus'), ['patientName', 'studyDescription', 'scanDate', 'severity']);
    assert.deepEqual(parseColumns('constructor,__proto__,toString'), [...DEFAULT_COLUMNS]);
  });

  it('gives each column a minimum width and a share of the rest', () => {
    const { tracks, min } = columnTracks(['patientName', 'scanDate']);
    assert.equal(tracks, 'minmax(12em,2fr) minmax(9em,0.5fr)');
    assert.equal(min, 21);
  });

  it('reads the API sort and falls back to newest scan first', () => {
    assert.deepEqual(parseSort('-patientName'), { field: 'patientName', descending: true, sort: '-patientName' });
    assert.deepEqual(parseSort('createdAt'), { field: 'createdAt', descending: false, sort: 'createdAt' });
    assert.deepEqual(parseSort('mrn'), { field: 'scanDate', descending: true, sort: '-scanDate' });
    assert.deepEqual(parseSort(undefined), { field: 'scanDate', descending: true, sort: '-scanDate' });
  });

  it('a header click flips the sorted column and starts others where a reader expects', () => {
    assert.equal(nextSort('-scanDate', 'scanDate'), 'scanDate');
    assert.equal(nextSort('scanDate', 'scanDate'), '-scanDate');
    assert.equal(nextSort('-scanDate', 'patientName'), 'patientName');
    assert.equal(nextSort('patientName', 'severity'), '-severity');
    assert.equal(nextSort('patientName', 'createdAt'), '-createdAt');
  });
});
