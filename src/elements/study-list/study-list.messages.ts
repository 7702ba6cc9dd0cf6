import type { MessageTable } from '../../format/locale.js';

const en = {
  studies: 'Studies',
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
};

export type StudyListMessages = typeof en;

export const messages: MessageTable<StudyListMessages> = {
  en,
  es: {
    studies: 'Estudios',
    patient: 'Paciente',
    description: 'Descripción',
    scanDate: 'Fecha del estudio',
    severity: 'Gravedad',
    severityHigh: 'Alta',
    severityNormal: 'Normal',
    noName: '(sin nombre)',
    loading: 'Cargando estudios…',
    empty: 'No hay estudios.',
    errorTitle: 'No se pudieron cargar los estudios.',
    authError: 'Su sesión ha caducado o fue rechazada. Vuelva a iniciar sesión.',
    retry: 'Reintentar',
  },
  de: {
    studies: 'Studien',
    patient: 'Patient',
    description: 'Beschreibung',
    scanDate: 'Untersuchungsdatum',
    severity: 'Dringlichkeit',
    severityHigh: 'Hoch',
    severityNormal: 'Normal',
    noName: '(kein Name)',
    loading: 'Studien werden geladen…',
    empty: 'Keine Studien.',
    errorTitle: 'Die Studien konnten nicht geladen werden.',
    authError: 'Ihre Sitzung ist abgelaufen oder wurde abgelehnt. Bitte melden Sie sich erneut an.',
    retry: 'Erneut versuchen',
  },
};
