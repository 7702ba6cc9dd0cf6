/** Script-tag entry: registers every element and exports the public API. */
export * from './define/provider.js';
export * from './define/study-list.js';
export * from './define/viewer-frame.js';
export { ApiClient } from './client/api-client.js';
export { AvaraApiError } from './client/errors.js';
export { TokenManager, tokenExpiry, type FetchToken } from './client/token-manager.js';
export { AvaraAuthErrorEvent } from './events/auth-error.js';
export { AvaraCustomerChangeEvent } from './events/customer-change.js';
export { AvaraErrorEvent } from './events/error.js';
export { AvaraLoadEvent } from './events/load.js';
export { AvaraStudySelectEvent } from './events/study-select.js';
export { AvaraTokenRefreshedEvent } from './events/token-refreshed.js';
export { AvaraViewerErrorEvent } from './events/viewer-error.js';
export { AvaraViewerReadyEvent } from './events/viewer-ready.js';
export { VIEWER_PROTOCOL_VERSION, type HostToViewerMessage, type ViewerToHostMessage } from './elements/viewer-frame/viewer-protocol.js';
export { formatPersonName } from './format/person-name.js';
export { formatCalendarDate, localToday } from './format/calendar-date.js';
export { PRESETS, THEME_TOKENS, type Theme, type PresetName } from './theme/tokens.js';
