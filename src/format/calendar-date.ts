/**
 * Calendar dates (`YYYY-MM-DD`) are days, not instants: they are parsed into parts and formatted
 * in UTC from UTC parts, so no host time zone can move them a day. Never `new Date("2024-03-10")`
 * (UTC midnight, the previous day west of Greenwich) and never `toISOString()` for "today".
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseCalendarDate(value: string | null | undefined): CalendarDate | undefined {
  const m = value ? DATE.exec(value) : null;
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One `Intl.DateTimeFormat` per locale and options, made once (making one costs far more than using it). */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}${JSON.stringify(options)}`;
  let fmt = formatters.get(key);
  if (!fmt) formatters.set(key, (fmt = new Intl.DateTimeFormat(locale, options)));
  return fmt;
}

/** "2024-03-10" → "10 Mar 2024" (en-GB), "Mar 10, 2024" (en-US), "10 mar 2024" (es)…; invalid or missing → "". */
export function formatCalendarDate(value: string | null | undefined, locale?: string): string {
  const date = parseCalendarDate(value);
  return date
    ? dateFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(date.year, date.month - 1, date.day)))
    : '';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today's calendar date where the user is: the host's local date, not UTC's. */
export function localToday(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const d = parseCalendarDate(date);
  if (!d) throw new RangeError(`Not a calendar date: ${date}`);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
