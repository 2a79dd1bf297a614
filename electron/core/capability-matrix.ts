import type { Kysely } from 'kysely';
import { staleBefore } from '../../shared/assessment';
import type { IsoDate } from '../../shared/calendar';
import { filterAndSortMatrix, type MatrixCell, type MatrixFilter, type MatrixRow } from '../../shared/capability-matrix';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import type { AppDatabase } from './db/connection';
import type { DatabaseSchema } from './db/schema';

/** A facility with its standing profile's cells, and where it is (for the map). */
export interface StandingRow {
  matrix: MatrixRow;
  zip: string;
  latitude: number | null;
  longitude: number | null;
}

type StandingFilter = Pick<MatrixFilter, 'state' | 'facilityType' | 'ownership'>;

const FACILITY_FIELDS = [
  'facilities.id',
  'facilities.name',
  'facilities.ccn',
  'facilities.city',
  'facilities.state',
  'facilities.facility_type',
  'facilities.ownership',
  'facilities.zip',
  'facilities.latitude',
  'facilities.longitude',
  'standing_profiles.finalized_at',
] as const;
const CELL_FIELDS = CAPABILITY_IDS.flatMap((id) => [`standing_profiles.${id}_status`, `standing_profiles.${id}_verified_on`] as const);

/**
 * The read behind the matrix, the coverage summary and the map: 6,000 rows of 23 columns, read
 * as rows of values (see AppDatabase.selectRows and npm run bench -- matrix).
 */
function standingRowsQuery(db: Kysely<DatabaseSchema>, filter: StandingFilter) {
  let query = db
    .selectFrom('facilities')
    .leftJoin('standing_profiles', 'standing_profiles.facility_id', 'facilities.id')
    .select([...FACILITY_FIELDS, ...CELL_FIELDS])
    .where('facilities.archived', '=', 0);
  if (filter.state) query = query.where('facilities.state', '=', filter.state.toUpperCase());
  if (filter.facilityType) query = query.where('facilities.facility_type', '=', filter.facilityType);
  if (filter.ownership) query = query.where('facilities.ownership', '=', filter.ownership);
  // The matrix's default order (name, ignoring case), so sorting the rows again in JS finds them
  // already in order, which costs next to nothing.
  return query
    .orderBy((eb) => eb.fn('lower', ['facilities.name']))
    .orderBy('facilities.name')
    .orderBy('facilities.id')
    .compile();
}

/** Every active facility with its standing profile's six cells (null when never assessed), by name. */
export async function loadStandingRows(database: Pick<AppDatabase, 'db' | 'selectRows'>, filter: StandingFilter, today: IsoDate, expiryMonths: number): Promise<StandingRow[]> {
  const staleCutoff = staleBefore(today, expiryMonths);
  const records = await database.selectRows(standingRowsQuery(database.db, filter));
  const finalizedAtIndex = FACILITY_FIELDS.indexOf('standing_profiles.finalized_at');
  const cellsAt = FACILITY_FIELDS.length;
  return records.map((record) => {
    const finalizedAt = record[finalizedAtIndex] as string | null;
    let cells: Record<CapabilityId, MatrixCell> | null = null;
    if (finalizedAt !== null) {
      cells = {} as Record<CapabilityId, MatrixCell>;
      CAPABILITY_IDS.forEach((capability, index) => {
        const verifiedOn = record[cellsAt + index * 2 + 1] as IsoDate | null;
        cells![capability] = {
          // A capability never answered reads as unknown.
          status: ((record[cellsAt + index * 2] as CapabilityStatus | null) ?? 'unknown'),
          verifiedOn,
          stale: verifiedOn === null || verifiedOn < staleCutoff,
        };
      });
    }
    return {
      matrix: {
        facilityId: record[0] as number,
        name: record[1] as string,
        ccn: record[2] as string | null,
        city: record[3] as string,
        state: record[4] as string,
        facilityType: record[5] as string,
        ownership: record[6] as string,
        assessedAt: finalizedAt,
        cells,
      },
      zip: record[7] as string,
      latitude: record[8] as number | null,
      longitude: record[9] as number | null,
    };
  });
}

type MatrixDatabase = Pick<AppDatabase, 'db' | 'selectRows'>;

export async function loadMatrixRows(database: MatrixDatabase, filter: StandingFilter, today: IsoDate, expiryMonths: number): Promise<MatrixRow[]> {
  return (await loadStandingRows(database, filter, today, expiryMonths)).map((row) => row.matrix);
}

export async function capabilityMatrix(database: MatrixDatabase, filter: MatrixFilter, today: IsoDate, expiryMonths: number): Promise<MatrixRow[]> {
  return filterAndSortMatrix(await loadMatrixRows(database, filter, today, expiryMonths), filter);
}
