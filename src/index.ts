/** Script-tag entry: registers every element. */
export * from './define/study-list.js';
export { AvaraApiError } from './client/errors.js';
export { AvaraLoadEvent } from './events/load.js';
export { AvaraErrorEvent } from './events/error.js';
export { formatPersonName } from './format/person-name.js';
export { formatCalendarDate, localToday } from './format/calendar-date.js';
