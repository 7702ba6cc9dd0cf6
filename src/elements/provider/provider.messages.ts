import type { MessageTable } from '../../format/locale.js';

const en = {
  poweredBy: 'Powered by Avara',
};

export type ProviderMessages = typeof en;

export const messages: MessageTable<ProviderMessages> = { id: 'provider', en };
