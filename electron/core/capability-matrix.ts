import type BetterSqlite3 from 'better-sqlite3';
import { staleBefore } from '../../shared/assessment';
import type { IsoDate } from '../../shared/calendar';
import { filterAndSortMatrix, type MatrixCell, type MatrixFilter, type MatrixRow } from '../../shared/capability-matrix';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import type { AppDatabase } from './db/connection';

/** A facility with its standing profile's cells, and where it is (for the map). */
export interface StandingRow {
  matrix: MatrixRow;
  zip: string;
  latitude: number | null;
  longitude: number | null;
}

type StandingFilter = Pick<MatrixFilter, 'state' | 'facilityType' | 'ownership'>;

const FACILITY_FIELDS = ['f.id', 'f.name', 'f.ccn', 'f.city', 'f.state', 'f.facility_type', 'f.ownership', 'f.zip', 'f.latitude', 'f.longitude', 'sp.finalized_at'];
const CELL_FIELDS = CAPABILITY_IDS.flatMap((id) => [`sp.${id}_status`, `sp.${id}_verified_on`]);

/**
 * The read behind the matrix, the coverage summary and the map: 6,000 rows of 23 columns.
 * Rows come back as arrays from a statement prepared once per database; as objects of that
 * width they cost five times as much to build (see npm run bench -- matrix).
 */
const statements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function standingRowsStatement(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite
      .prepare(
        `SELECT ${[...FACILITY_FIELDS, ...CELL_FIELDS].join(', ')}
           FROM facilities f
           LEFT JOIN standing_profiles sp ON sp.facility_id = f.id
          WHERE f.archived = 0
            AND (@state = '' OR f.state = @state)
            AND (@facilityType = '' OR f.facility_type = @facilityType)
            AND (@ownership = '' OR f.ownership = @ownership)
          ORDER BY f.name COLLATE NOCASE, f.id`,
      )
      .raw(true);
    statements.set(sqlite, statement);
  }
  return statement;
}

/** Every active facility with its standing profile's six cells (null when never assessed), by name. */
export function loadStandingRows(database: Pick<AppDatabase, 'sqlite'>, filter: StandingFilter, today: IsoDate, expiryMonths: number): StandingRow[] {
  const staleCutoff = staleBefore(today, expiryMonths);
  const records = standingRowsStatement(database.sqlite).all({
    state: filter.state.toUpperCase(),
    facilityType: filter.facilityType,
    ownership: filter.ownership,
  }) as unknown[][];
  const cellsAt = FACILITY_FIELDS.length;
  return records.map((record) => {
    const finalizedAt = record[10] as string | null;
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

export function loadMatrixRows(database: Pick<AppDatabase, 'sqlite'>, filter: StandingFilter, today: IsoDate, expiryMonths: number): MatrixRow[] {
  return loadStandingRows(database, filter, today, expiryMonths).map((row) => row.matrix);
}

export function capabilityMatrix(database: Pick<AppDatabase, 'sqlite'>, filter: MatrixFilter, today: IsoDate, expiryMonths: number): MatrixRow[] {
  return filterAndSortMatrix(loadMatrixRows(database, filter, today, expiryMonths), filter);
}
