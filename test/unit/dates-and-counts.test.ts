import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatLongDate } from '../../shared/calendar';
import { formatCount } from '../../shared/counts';

/** What formatDate wrote when it was Intl's en-US short date; it now spells the months out itself. */
const INTL_SHORT = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

describe('formatDate', () => {
  it('writes every day exactly as Intl does for en-US', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), (instant) => {
        const iso = instant.toISOString();
        expect(formatDate(iso.slice(0, 10))).toBe(INTL_SHORT.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)));
        // A timestamp is read by its date part.
        expect(formatDate(iso)).toBe(formatDate(iso.slice(0, 10)));
      }),
      { numRuns: 2000 },
    );
    for (let month = 1; month <= 12; month++) {
      const iso = `2026-${String(month).padStart(2, '0')}-09`;
      expect(formatDate(iso)).toBe(INTL_SHORT.format(new Date(`${iso}T00:00:00Z`)));
    }
  });

  it('shows a dash for no date and refuses one that is not a date, as before', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(() => formatDate('not a date')).toThrow(RangeError);
  });

  it('still dates letters in full', () => {
    expect(formatLongDate('2026-11-23')).toBe('November 23, 2026');
  });
});

describe('formatCount', () => {
  it('groups digits exactly as toLocaleString does for en-US', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (count) => {
        expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
      }),
      { numRuns: 2000 },
    );
    for (const count of [0, 1, 999, 1000, 6000, 250_000, 1_000_000]) expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
  });
});
