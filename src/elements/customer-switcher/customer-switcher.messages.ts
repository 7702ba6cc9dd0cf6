import type { MessageTable } from '../../format/locale.js';

/** `{count}` and `{query}` are filled in as text. */
const en = {
  label: 'Customer',
  allCustomers: 'All customers',
  noCustomers: 'No customers',
  chooseCustomer: 'Choose a customer',
  searchPlaceholder: 'Search customers',
  showCustomers: 'Show customers',
  inactive: 'Inactive',
  loading: 'Loading customers…',
  loadingMore: 'Loading more customers…',
  searching: 'Searching…',
  noMatches: 'No customers match “{query}”',
  countOne: '{count} customer',
  countOther: '{count} customers',
  countMore: 'More than {count} customers',
  errorTitle: 'The customers could not be loaded.',
  authError: 'Your session has expired or was refused. Sign in again.',
  retry: 'Retry',
  notConfigured: 'Not connected: no API address or sign-in token was given.',
};

export type CustomerSwitcherMessages = typeof en;

export const messages: MessageTable<CustomerSwitcherMessages> = { id: 'customerSwitcher', en };
