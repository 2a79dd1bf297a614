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

// Building an Intl formatter is the expensive part; letters format dozens of dates.
const SHORT_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const LONG_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

function utcDate(date: IsoDate): Date {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** "Nov 23, 2026"; accepts a date or an ISO timestamp (its date part). */
export function formatDate(date: IsoDate | null | undefined): string {
  return date ? SHORT_DATE.format(utcDate(date)) : '—';
}

/** "November 23, 2026", as a letter is dated. */
export function formatLongDate(date: IsoDate): string {
  return LONG_DATE.format(utcDate(date));
}

const TIMESTAMP = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** "Nov 23, 2026, 11:34 PM" in the viewer's own time zone, for when something happened. */
export function formatTimestamp(iso: string): string {
  return TIMESTAMP.format(new Date(iso));
}
