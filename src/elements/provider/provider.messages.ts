import type { MessageTable } from '../../format/locale.js';

const en = {
  poweredBy: 'Powered by Avara',
};

export type ProviderMessages = typeof en;

export const messages: MessageTable<ProviderMessages> = {
  en,
  es: {
    poweredBy: 'Con la tecnología de Avara',
  },
  de: {
    poweredBy: 'Bereitgestellt von Avara',
  },
};
