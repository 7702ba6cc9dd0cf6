import type { MessageTable } from '../../format/locale.js';
import type { ColumnName } from './study-list.columns.js';

const en = {
  studies: 'Studies',
  columns: {
    patientName: 'Patient',
    mrn: 'MRN',
    studyDescription: 'Description',
    scanDate: 'Scan date',
    severity: 'Severity',
    scanType: 'Scan type',
    facilityName: 'Facility',
    sex: 'Sex',
    dateOfBirth: 'Date of birth',
    product: 'Product',
    createdAt: 'Received',
  } satisfies Record<ColumnName, string>,
  severityHigh: 'High',
  severityNormal: 'Normal',
  sexFemale: 'Female',
  sexMale: 'Male',
  sexOther: 'Other',
  sexUnknown: 'Unknown',
  productAutoScribe: 'AutoScribe',
  productViewer: 'Viewer',
  noName: '(no name)',
  search: 'Search',
  searchPlaceholder: 'Name, MRN, description…',
  severityFilter: 'Severity',
  allSeverities: 'All',
  dateFilter: 'Scan date',
  anyDate: 'Any date',
  today: 'Today',
  last7Days: 'Last 7 days',
  customRange: 'Custom range',
  from: 'From',
  to: 'To',
  loading: 'Loading studies…',
  loadingMore: 'Loading more studies…',
  empty: 'No studies.',
  emptyFiltered: 'No studies match the search and filters.',
  clearFilters: 'Clear search and filters',
  errorTitle: 'The studies could not be loaded.',
  errorMore: 'More studies could not be loaded.',
  authError: 'Your session has expired or was refused. Sign in again.',
  retry: 'Retry',
  notConfigured: 'Not connected: no API address or sign-in token was given.',
};

export type StudyListMessages = typeof en;

export const messages: MessageTable<StudyListMessages> = { id: 'studyList', en };
