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

export const messages: MessageTable<ViewerFrameMessages> = { id: 'viewerFrame', en };
