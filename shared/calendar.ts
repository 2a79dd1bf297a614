/** Calendar dates as `YYYY-MM-DD` text: what a verifier writes down, with no time zone to drift. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local calendar date of an instant. */
export function calendarDate(instant: Date): IsoDate {
  const month = String(instant.getMonth() + 1).padStart(2, '0');
  const day = String(instant.getDate()).padStart(2, '0');
  return `${instant.getFullYear()}-${month}-${day}`;
}

/** The same calendar date `months` earlier, clamped to the month's last day. */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The short date is spelled out here rather than by Intl: the first Intl formatter a page builds
 * loads the browser's locale data, 30–40 ms on a fresh page, and the matrix shows a date in its
 * first row. The same text Intl gives for en-US (test/unit/dates-and-counts.test.ts holds them together).
 */
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function utcDate(date: IsoDate): Date {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** "Nov 23, 2026"; accepts a date or an ISO timestamp (its date part). */
export function formatDate(date: IsoDate | null | undefined): string {
  if (!date) return '—';
  // Through Date, so an out-of-range day rolls over as it did with Intl ("2026-02-30" → Mar 2).
  const utc = utcDate(date);
  if (Number.isNaN(utc.getTime())) throw new RangeError(`Invalid date: ${date}`);
  return `${SHORT_MONTHS[utc.getUTCMonth()]} ${utc.getUTCDate()}, ${utc.getUTCFullYear()}`;
}

/** An Intl formatter built when first used, not when the module loads (see SHORT_MONTHS). */
export function lazyFormat(options: Intl.DateTimeFormatOptions, locale = 'en-US'): (date: Date) => string {
  let formatter: Intl.DateTimeFormat | undefined;
  return (date) => (formatter ??= new Intl.DateTimeFormat(locale, options)).format(date);
}

// Building an Intl formatter is the expensive part; letters format dozens of dates.
const longDate = lazyFormat({ year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** "November 23, 2026", as a letter is dated. */
export function formatLongDate(date: IsoDate): string {
  return longDate(utcDate(date));
}

const timestamp = lazyFormat({ year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** "Nov 23, 2026, 11:34 PM" in the viewer's own time zone, for when something happened. */
export function formatTimestamp(iso: string): string {
  return timestamp(new Date(iso));
}
