/** Every string the elements show, by key. Locales other than English are added key for key. */
export const en = {
  patient: 'Patient',
  description: 'Description',
  scanDate: 'Scan date',
  severity: 'Severity',
  severityHigh: 'High',
  severityNormal: 'Normal',
  noName: '(no name)',
  loading: 'Loading studies…',
  empty: 'No studies.',
  errorTitle: 'The studies could not be loaded.',
  authError: 'Your session has expired or was refused. Sign in again.',
  retry: 'Retry',
  studies: 'Studies',
};

export type Messages = typeof en;
