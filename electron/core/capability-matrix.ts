import type { Kysely } from 'kysely';
import { staleBefore } from '../../shared/assessment';
import type { IsoDate } from '../../shared/calendar';
import { filterAndSortMatrix, type MatrixCell, type MatrixFilter, type MatrixRow } from '../../shared/capability-matrix';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import type { DatabaseSchema, StandingProfilesTable } from './db/schema';

type CellColumns = Pick<StandingProfilesTable, Exclude<keyof StandingProfilesTable, 'facility_id' | 'assessment_id' | 'finalized_at'>>;

/** The six cells of a standing profile row; a capability left unanswered reads as unknown. */
export function cellsFromStandingRow(row: { [K in keyof CellColumns]: string | null }, staleCutoff: IsoDate): Record<CapabilityId, MatrixCell> {
  const cells = {} as Record<CapabilityId, MatrixCell>;
  for (const capability of CAPABILITY_IDS) {
    const verifiedOn = row[`${capability}_verified_on`];
    cells[capability] = {
      status: (row[`${capability}_status`] ?? 'unknown') as CapabilityStatus,
      verifiedOn,
      stale: verifiedOn === null || verifiedOn < staleCutoff,
    };
  }
  return cells;
}

/** Every active facility with its standing profile's six cells, from the derived standing_profiles table. */
export async function loadMatrixRows(
  db: Kysely<DatabaseSchema>,
  filter: Pick<MatrixFilter, 'state' | 'facilityType' | 'ownership'>,
  today: IsoDate,
  expiryMonths: number,
): Promise<MatrixRow[]> {
  let query = db
    .selectFrom('facilities')
    .leftJoin('standing_profiles', 'standing_profiles.facility_id', 'facilities.id')
    .select(['facilities.id', 'facilities.name', 'facilities.ccn', 'facilities.city', 'facilities.state', 'facilities.facility_type', 'facilities.ownership'])
    .selectAll('standing_profiles')
    .where('facilities.archived', '=', 0);
  if (filter.state) query = query.where('facilities.state', '=', filter.state.toUpperCase());
  if (filter.facilityType) query = query.where('facilities.facility_type', '=', filter.facilityType);
  if (filter.ownership) query = query.where('facilities.ownership', '=', filter.ownership);
  const records = await query.execute();
  const staleCutoff = staleBefore(today, expiryMonths);
  return records.map((record) => ({
    facilityId: record.id,
    name: record.name,
    ccn: record.ccn,
    city: record.city,
    state: record.state,
    facilityType: record.facility_type,
    ownership: record.ownership,
    assessedAt: record.finalized_at,
    cells: record.assessment_id === null ? null : cellsFromStandingRow(record, staleCutoff),
  }));
}

export async function capabilityMatrix(db: Kysely<DatabaseSchema>, filter: MatrixFilter, today: IsoDate, expiryMonths: number): Promise<MatrixRow[]> {
  return filterAndSortMatrix(await loadMatrixRows(db, filter, today, expiryMonths), filter);
}
