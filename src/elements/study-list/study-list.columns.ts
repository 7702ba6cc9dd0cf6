import type { StudySort, StudySortField } from '../../../api/types.js';
import { addDays, localToday, parseCalendarDate } from '../../format/calendar-date.js';

/** Shown when `columns` is unset or names no known column. */
export const DEFAULT_COLUMNS: readonly ColumnName[] = ['patientName', 'studyDescription', 'scanDate', 'severity'];

interface ColumnDef {
  /** Minimum width in `em`; the list scrolls sideways below the sum. */
  min: number;
  /** Share of the spare width. */
  fr: number;
  /** The API's sort field, for sortable columns. */
  sort?: StudySortField;
}

/** The column names the `columns` attribute accepts. */
export type ColumnName =
  | 'patientName'
  | 'mrn'
  | 'studyDescription'
  | 'scanDate'
  | 'severity'
  | 'scanType'
  | 'facilityName'
  | 'sex'
  | 'dateOfBirth'
  | 'product'
  | 'createdAt';

/** Every column, in the order the docs list them. */
export const COLUMNS: Record<ColumnName, ColumnDef> = {
  patientName: { min: 12, fr: 2, sort: 'patientName' },
  mrn: { min: 8, fr: 1 },
  studyDescription: { min: 12, fr: 3 },
  scanDate: { min: 9, fr: 0.5, sort: 'scanDate' },
  severity: { min: 7.5, fr: 0.3, sort: 'severity' },
  scanType: { min: 7, fr: 0.5 },
  facilityName: { min: 10, fr: 1.5 },
  sex: { min: 6, fr: 0.3 },
  dateOfBirth: { min: 9, fr: 0.5 },
  product: { min: 7.5, fr: 0.3 },
  createdAt: { min: 12, fr: 0.8, sort: 'createdAt' },
};

/** "patientName, mrn scanDate" → the known names, in order, without repeats; none → the default. */
export function parseColumns(value: string | null | undefined): ColumnName[] {
  const out: ColumnName[] = [];
  for (const name of (value ?? '').split(/[\s,]+/)) {
    if (Object.hasOwn(COLUMNS, name) && !out.includes(name as ColumnName)) out.push(name as ColumnName);
  }
  return out.length ? out : [...DEFAULT_COLUMNS];
}

/** `grid-template-columns` and the minimum total width (em) for a set of columns. */
export function columnTracks(columns: readonly ColumnName[]): { tracks: string; min: number } {
  let min = 0;
  const tracks = columns
    .map((c) => {
      min += COLUMNS[c].min;
      return `minmax(${COLUMNS[c].min}em,${COLUMNS[c].fr}fr)`;
    })
    .join(' ');
  return { tracks, min };
}

const SORT_FIELDS: readonly StudySortField[] = ['scanDate', 'patientName', 'severity', 'createdAt'];
export const DEFAULT_SORT: StudySort = '-scanDate';

/** A valid API sort ("-scanDate", "patientName"…) or the default, newest scan first. */
export function parseSort(value: string | null | undefined): { field: StudySortField; descending: boolean; sort: StudySort } {
  const v = (value ?? '').trim();
  const descending = v.startsWith('-');
  const field = (descending ? v.slice(1) : v) as StudySortField;
  if (!SORT_FIELDS.includes(field)) return parseSort(DEFAULT_SORT);
  return { field, descending, sort: v as StudySort };
}

/**
 * The sort after a click on a column header: the same column flips its direction; a new column
 * starts where a reader expects it — names A→Z, dates newest first, severity highest first.
 */
export function nextSort(current: string, field: StudySortField): StudySort {
  const now = parseSort(current);
  if (now.field === field) return now.descending ? field : `-${field}`;
  return field === 'patientName' ? field : `-${field}`;
}

export type DateFilter = '' | 'today' | 'last-7-days' | 'custom';
export const DATE_FILTERS: readonly DateFilter[] = ['', 'today', 'last-7-days', 'custom'];

/**
 * The API's scanDateFrom/scanDateTo for a date filter. "Today" and "Last 7 days" are local
 * calendar dates where the reader is (W1): today, and today with the six days before it. A custom
 * range ignores malformed dates and swaps a reversed range rather than failing.
 */
export function scanDateRange(
  filter: string,
  from: string,
  to: string,
  now: Date,
): { scanDateFrom?: string; scanDateTo?: string } {
  if (filter === 'today') {
    const today = localToday(now);
    return { scanDateFrom: today, scanDateTo: today };
  }
  if (filter === 'last-7-days') {
    const today = localToday(now);
    return { scanDateFrom: addDays(today, -6), scanDateTo: today };
  }
  if (filter === 'custom') {
    let a = parseCalendarDate(from) ? from : undefined;
    let b = parseCalendarDate(to) ? to : undefined;
    if (a && b && a > b) [a, b] = [b, a];
    return { ...(a && { scanDateFrom: a }), ...(b && { scanDateTo: b }) };
  }
  return {};
}
