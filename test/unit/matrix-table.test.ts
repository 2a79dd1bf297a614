import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellLimitation,
  filterAndSortMatrix,
  matrixCsv,
  packMatrix,
  unpackMatrix,
  type CellLimitation,
  type MatrixCell,
  type MatrixRow,
} from '../../shared/capability-matrix';
import { matrixFilterSchema } from '../../shared/matrix-filter';
import { CAPABILITY_IDS, CAPABILITY_STATUSES, CURRENT_QUESTIONNAIRE, type CapabilityId } from '../../shared/questionnaire';

const isoDate = fc.date({ min: new Date('2010-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const limitation: fc.Arbitrary<CellLimitation> = fc.record({
  provision: fc.constantFrom('gap' as const, 'uncertain' as const),
  details: fc.array(fc.record({ id: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,20}$/), answer: fc.oneof(fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const), fc.nat(400)) }), {
    minLength: 1,
    maxLength: 4,
  }),
});
const cell = fc.record({
  status: fc.constantFrom(...CAPABILITY_STATUSES),
  verifiedOn: fc.option(isoDate, { nil: null }),
  stale: fc.boolean(),
  limitation: fc.option(limitation, { nil: null }),
});
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
      cells: Object.fromEntries(CAPABILITY_IDS.map((id) => [id, { status: 'on_site', verifiedOn: '2026-02-20', stale: false, limitation: null }])) as MatrixRow['cells'],
    }));
    expect(JSON.stringify(packMatrix(rows)).length).toBeLessThan(JSON.stringify(rows).length * 0.5);
  });
});

const NAMES = Object.fromEntries(CURRENT_QUESTIONNAIRE.capabilities.map((c) => [c.id, c.name])) as Record<CapabilityId, string>;

function facility(id: number, name: string, neuroIcu: Partial<MatrixCell>): MatrixRow {
  const cells = Object.fromEntries(CAPABILITY_IDS.map((c) => [c, { status: 'on_site', verifiedOn: '2026-02-20', stale: false, limitation: null }])) as Record<CapabilityId, MatrixCell>;
  cells.neuro_icu = { ...cells.neuro_icu, ...neuroIcu };
  return { facilityId: id, name, ccn: null, city: 'Springfield', state: 'IL', facilityType: 'Acute Care Hospitals', ownership: '', assessedAt: '2026-03-01T10:00:00.000Z', cells };
}

describe('cells whose details speak against them for every patient', () => {
  const cardiac = facility(1, 'Cardiac Heavy General', { limitation: cellLimitation('neuro_icu', 'on_site', { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'yes' }, 1) });
  const unsure = facility(2, 'Unsure Memorial', { status: 'via_partner', limitation: cellLimitation('neuro_icu', 'via_partner', { neuroCoverage: 'unknown' }, 1) });
  const clear = facility(3, 'Clear University Hospital', {});
  const older = facility(4, 'Older Assessment Hospital', { limitation: cellLimitation('neuro_icu', 'on_site', {}, 1) });
  const rows = [cardiac, unsure, clear, older];
  const names = (filter: object) => filterAndSortMatrix(rows, matrixFilterSchema.parse(filter)).map((row) => row.name);

  it('are judged as the workup judges them: against, not sure, or (details never answered) not at all', () => {
    expect(cardiac.cells!.neuro_icu.limitation).toEqual({ provision: 'gap', details: [{ id: 'mostlyCardiacRespiratory', answer: 'yes' }] });
    expect(unsure.cells!.neuro_icu.limitation).toEqual({ provision: 'uncertain', details: [{ id: 'neuroCoverage', answer: 'unknown' }] });
    expect(older.cells!.neuro_icu.limitation).toBeNull();
    expect(cellLimitation('neuro_icu', 'not_available', { mostlyCardiacRespiratory: 'yes' }, 1)).toBeNull();
  });

  it('do not match "on site" or "on site or partner" unless the analyst asks for the statuses as attested', () => {
    expect(names({ statuses: { neuro_icu: ['on_site'] } })).toEqual(['Clear University Hospital', 'Older Assessment Hospital']);
    expect(names({ statuses: { neuro_icu: ['on_site', 'via_partner'] } })).toEqual(['Clear University Hospital', 'Older Assessment Hospital']);
    expect(names({ statuses: { neuro_icu: ['on_site'] }, detailsMustPass: false })).toEqual(['Cardiac Heavy General', 'Clear University Hospital', 'Older Assessment Hospital']);
    expect(names({ limitedAt: ['neuro_icu'] })).toEqual(['Cardiac Heavy General', 'Unsure Memorial']);
    // A capability not filtered on does not hide a row.
    expect(names({ statuses: { ivig: ['on_site'] } })).toHaveLength(4);
  });

  it('sort between the clear statuses and "none"', () => {
    expect(names({ sort: { column: 'neuro_icu', direction: 'asc' } })).toEqual(['Clear University Hospital', 'Older Assessment Hospital', 'Unsure Memorial', 'Cardiac Heavy General']);
  });

  it('say which details in the CSV', () => {
    const lines = matrixCsv([cardiac, clear], NAMES).trim().split('\r\n');
    expect(lines[0]).toContain('Neurologic ICU,Neurologic ICU verified on,Neurologic ICU stale,Neurologic ICU details');
    expect(lines[1]).toContain('On site,2026-02-20,no,"Details against it: “ICU mostly does cardiac, respiratory or end-of-life care” answered Yes"');
    expect(lines[2]).not.toContain('Details');
  });
});
