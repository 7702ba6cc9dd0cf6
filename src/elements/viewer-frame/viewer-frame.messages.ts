import type { MessageTable } from '../../format/locale.js';

const en = {
  title: 'Image viewer',
  noStudy: 'Select a study to see its images.',
  loading: 'Opening the viewer…',
  timeout: 'The viewer did not respond. Check your connection and try again.',
  invalidUrl: 'The viewer address is not a valid http or https URL.',
  notConfigured: 'The viewer cannot open: no API address or sign-in token was given.',
  authError: 'Your session has expired or was refused. Sign in again.',
  retry: 'Try again',
};

export type ViewerFrameMessages = typeof en;

export const messages: MessageTable<ViewerFrameMessages> = {
  en,
  es: {
    title: 'Visor de imágenes',
    noStudy: 'Seleccione un estudio para ver sus imágenes.',
    loading: 'Abriendo el visor…',
    timeout: 'El visor no respondió. Compruebe su conexión e inténtelo de nuevo.',
    invalidUrl: 'La dirección del visor no es una URL http o https válida.',
    notConfigured: 'El visor no puede abrirse: falta la dirección de la API o el token de sesión.',
    authError: 'Su sesión ha caducado o fue rechazada. Vuelva a iniciar sesión.',
    retry: 'Reintentar',
  },
  de: {
    title: 'Bildbetrachter',
    noStudy: 'Wählen Sie eine Studie aus, um ihre Bilder zu sehen.',
    loading: 'Der Betrachter wird geöffnet…',
    timeout: 'Der Betrachter antwortet nicht. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    invalidUrl: 'Die Adresse des Betrachters ist keine gültige http- oder https-URL.',
    notConfigured: 'Der Betrachter kann nicht geöffnet werden: API-Adresse oder Anmelde-Token fehlen.',
    authError: 'Ihre Sitzung ist abgelaufen oder wurde abgelehnt. Bitte melden Sie sich erneut an.',
    retry: 'Erneut versuchen',
  },
};
