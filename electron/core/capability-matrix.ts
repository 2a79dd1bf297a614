import type { Kysely } from 'kysely';
import { isStale } from '../../shared/assessment';
import type { IsoDate } from '../../shared/calendar';
import { filterAndSortMatrix, type MatrixCell, type MatrixFilter, type MatrixRow } from '../../shared/capability-matrix';
import type { CapabilityId, CapabilityStatus } from '../../shared/questionnaire';
import type { DatabaseSchema } from './db/schema';

/** Every active facility with its standing profile's six cells, in one query. */
export async function loadMatrixRows(
  db: Kysely<DatabaseSchema>,
  filter: Pick<MatrixFilter, 'state' | 'facilityType' | 'ownership'>,
  today: IsoDate,
  expiryMonths: number,
): Promise<MatrixRow[]> {
  let query = db
    .selectFrom('facilities')
    .leftJoin('assessments', (join) => join.onRef('assessments.facility_id', '=', 'facilities.id').on('assessments.state', '=', 'finalized'))
    .leftJoin('assessment_answers', 'assessment_answers.assessment_id', 'assessments.id')
    .select([
      'facilities.id',
      'facilities.name',
      'facilities.ccn',
      'facilities.city',
      'facilities.state',
      'facilities.facility_type',
      'facilities.ownership',
      'assessments.finalized_at',
      'assessment_answers.capability_id',
      'assessment_answers.status',
      'assessment_answers.verified_on',
    ])
    .where('facilities.archived', '=', 0);
  if (filter.state) query = query.where('facilities.state', '=', filter.state.toUpperCase());
  if (filter.facilityType) query = query.where('facilities.facility_type', '=', filter.facilityType);
  if (filter.ownership) query = query.where('facilities.ownership', '=', filter.ownership);
  const records = await query.execute();

  const rows = new Map<number, MatrixRow>();
  for (const record of records) {
    let row = rows.get(record.id);
    if (!row) {
      row = {
        facilityId: record.id,
        name: record.name,
        ccn: record.ccn,
        city: record.city,
        state: record.state,
        facilityType: record.facility_type,
        ownership: record.ownership,
        assessedAt: record.finalized_at,
        cells: null,
      };
      rows.set(record.id, row);
    }
    if (record.capability_id) {
      const cell: MatrixCell = {
        status: (record.status ?? 'unknown') as CapabilityStatus,
        verifiedOn: record.verified_on,
        stale: isStale(record.verified_on, today, expiryMonths),
      };
      row.cells ??= {} as Record<CapabilityId, MatrixCell>;
      row.cells[record.capability_id as CapabilityId] = cell;
    }
  }
  return [...rows.values()];
}

export async function capabilityMatrix(db: Kysely<DatabaseSchema>, filter: MatrixFilter, today: IsoDate, expiryMonths: number): Promise<MatrixRow[]> {
  return filterAndSortMatrix(await loadMatrixRows(db, filter, today, expiryMonths), filter);
}
