import type { Kysely } from 'kysely';
import { staleBefore, type DetailValue } from '../../shared/assessment';
import type { IsoDate } from '../../shared/calendar';
import { cellLimitation, filterAndSortMatrix, type CellLimitation, type MatrixCell, type MatrixFilter, type MatrixRow } from '../../shared/capability-matrix';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import type { RegistryDatabase } from './db/registry-database';
import type { DatabaseSchema } from './db/schema';

/** A facility with its standing profile's cells, and where it is (for the map). */
export interface StandingRow {
  matrix: MatrixRow;
  zip: string;
  latitude: number | null;
  longitude: number | null;
}

type StandingFilter = Pick<MatrixFilter, 'state' | 'facilityType' | 'ownership'>;

/** Every active facility, whatever its state, type or ownership. */
export const EVERY_FACILITY: StandingFilter = { state: '', facilityType: '', ownership: '' };

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
  'standing_profiles.questionnaire_version',
] as const;
const CELL_FIELDS = CAPABILITY_IDS.flatMap(
  (id) => [`standing_profiles.${id}_status`, `standing_profiles.${id}_verified_on`, `standing_profiles.${id}_details_json`] as const,
);
const FIELDS_PER_CELL = 3;

/**
 * The read behind the matrix, the coverage summary and the map: 6,000 rows of 30 columns, read
 * as rows of values (see RegistryDatabase.selectRows and npm run bench -- matrix).
 */
function standingRowsQuery(db: Kysely<DatabaseSchema>, filter: StandingFilter, onlyFacilities?: readonly number[]) {
  let query = db
    .selectFrom('facilities')
    .leftJoin('standing_profiles', 'standing_profiles.facility_id', 'facilities.id')
    .select([...FACILITY_FIELDS, ...CELL_FIELDS])
    .where('facilities.archived', '=', 0);
  if (filter.state) query = query.where('facilities.state', '=', filter.state.toUpperCase());
  if (filter.facilityType) query = query.where('facilities.facility_type', '=', filter.facilityType);
  if (filter.ownership) query = query.where('facilities.ownership', '=', filter.ownership);
  if (onlyFacilities) query = query.where('facilities.id', 'in', onlyFacilities);
  // The matrix's default order (name, ignoring case), so sorting the rows again in JS finds them
  // already in order, which costs next to nothing.
  return query
    .orderBy((eb) => eb.fn('lower', ['facilities.name']))
    .orderBy('facilities.name')
    .orderBy('facilities.id')
    .compile();
}

/**
 * Every active facility with its standing profile's six cells (null when never assessed), by name;
 * only those of onlyFacilities that are still active when given.
 */
export async function loadStandingRows(
  database: Pick<RegistryDatabase, 'db' | 'selectRows'>,
  filter: StandingFilter,
  today: IsoDate,
  expiryMonths: number,
  onlyFacilities?: readonly number[],
): Promise<StandingRow[]> {
  const staleCutoff = staleBefore(today, expiryMonths);
  const records = await database.selectRows(standingRowsQuery(database.db, filter, onlyFacilities));
  const finalizedAtIndex = FACILITY_FIELDS.indexOf('standing_profiles.finalized_at');
  const versionIndex = FACILITY_FIELDS.indexOf('standing_profiles.questionnaire_version');
  const cellsAt = FACILITY_FIELDS.length;
  // Most cells share their details word for word ('{}' above all), so each distinct answer is
  // parsed and judged once per read rather than 36,000 times. Keyed by the JSON text itself, per
  // version, capability and status: building a combined key string per cell cost more than the
  // judging it saved (npm run bench -- matrix).
  const judgedByVersion = new Map<number, Map<string, CellLimitation | null>[]>();
  return records.map((record) => {
    const finalizedAt = record[finalizedAtIndex] as string | null;
    let cells: Record<CapabilityId, MatrixCell> | null = null;
    if (finalizedAt !== null) {
      const version = record[versionIndex] as number;
      let judged = judgedByVersion.get(version);
      if (!judged) {
        judged = CAPABILITY_IDS.flatMap(() => [new Map<string, CellLimitation | null>(), new Map<string, CellLimitation | null>()]);
        judgedByVersion.set(version, judged);
      }
      cells = {} as Record<CapabilityId, MatrixCell>;
      for (let index = 0; index < CAPABILITY_IDS.length; index++) {
        const capability = CAPABILITY_IDS[index]!;
        const at = cellsAt + index * FIELDS_PER_CELL;
        // A capability never answered reads as unknown.
        const status = (record[at] as CapabilityStatus | null) ?? 'unknown';
        const verifiedOn = record[at + 1] as IsoDate | null;
        let limitation: CellLimitation | null = null;
        if (status === 'on_site' || status === 'via_partner') {
          const detailsJson = (record[at + 2] as string | null) ?? '{}';
          const memo = judged[index * 2 + (status === 'on_site' ? 0 : 1)]!;
          const known = memo.get(detailsJson);
          if (known !== undefined) limitation = known;
          else {
            limitation = cellLimitation(capability, status, JSON.parse(detailsJson) as Record<string, DetailValue>, version);
            memo.set(detailsJson, limitation);
          }
        }
        cells[capability] = { status, verifiedOn, stale: verifiedOn === null || verifiedOn < staleCutoff, limitation };
      }
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

type MatrixDatabase = Pick<RegistryDatabase, 'db' | 'selectRows'>;

export async function loadMatrixRows(database: MatrixDatabase, filter: StandingFilter, today: IsoDate, expiryMonths: number): Promise<MatrixRow[]> {
  return (await loadStandingRows(database, filter, today, expiryMonths)).map((row) => row.matrix);
}

export async function capabilityMatrix(database: MatrixDatabase, filter: MatrixFilter, today: IsoDate, expiryMonths: number): Promise<MatrixRow[]> {
  return filterAndSortMatrix(await loadMatrixRows(database, filter, today, expiryMonths), filter);
}
