import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packMatrix, unpackMatrix, type MatrixRow } from '../../shared/capability-matrix';
import { CAPABILITY_IDS, CAPABILITY_STATUSES } from '../../shared/questionnaire';

const isoDate = fc.date({ min: new Date('2010-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const cell = fc.record({ status: fc.constantFrom(...CAPABILITY_STATUSES), verifiedOn: fc.option(isoDate, { nil: null }), stale: fc.boolean() });
const row: fc.Arbitrary<MatrixRow> = fc.record({
  facilityId: fc.nat(),
  name: fc.string({ minLength: 1 }),
  ccn: fc.option(fc.stringMatching(/^[0-9A-Z]{6}$/), { nil: null }),
  city: fc.string(),
  state: fc.string({ maxLength: 2 }),
  facilityType: fc.string(),
  ownership: fc.string(),
  assessedAt: fc.option(fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((date) => date.toISOString()), { nil: null }),
  cells: fc.option(fc.tuple(...CAPABILITY_IDS.map(() => cell)).map((cells) => Object.fromEntries(CAPABILITY_IDS.map((id, index) => [id, cells[index]!])) as MatrixRow['cells']), { nil: null }),
});

describe('the matrix as it travels', () => {
  it('comes back exactly as it left, whatever the rows hold', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        expect(unpackMatrix(JSON.parse(JSON.stringify(packMatrix(rows))) as ReturnType<typeof packMatrix>)).toEqual(rows);
      }),
    );
  });

  it('is much smaller than the rows as plain JSON', () => {
    const rows: MatrixRow[] = Array.from({ length: 500 }, (_, index) => ({
      facilityId: index + 1,
      name: `Riverside Regional Medical Center ${index}`,
      ccn: String(10000 + index).padStart(6, '0'),
      city: 'Birmingham',
      state: 'AL',
      facilityType: 'Acute Care Hospitals',
      ownership: 'Voluntary non-profit - Private',
      assessedAt: '2026-03-04T10:00:00.000Z',
      cells: Object.fromEntries(CAPABILITY_IDS.map((id) => [id, { status: 'on_site', verifiedOn: '2026-02-20', stale: false }])) as MatrixRow['cells'],
    }));
    expect(JSON.stringify(packMatrix(rows)).length).toBeLessThan(JSON.stringify(rows).length * 0.5);
  });
});
