import type { Kysely } from 'kysely';
import { staleBefore } from '../../shared/assessment';
import type { IsoDate } from '../../shared/calendar';
import { coverageAgainst, type FacilityMapQuery, type MapFacility } from '../../shared/facility-map';
import { cellsFromStandingRow } from './capability-matrix';
import type { DatabaseSchema } from './db/schema';
import { facilityLocation } from './locations';

/** Every active facility placed at its coordinates or ZIP centroid, judged against the chosen capabilities. */
export async function facilityMap(db: Kysely<DatabaseSchema>, query: FacilityMapQuery, today: IsoDate, expiryMonths: number): Promise<MapFacility[]> {
  let select = db
    .selectFrom('facilities')
    .leftJoin('standing_profiles', 'standing_profiles.facility_id', 'facilities.id')
    .select(['facilities.id', 'facilities.name', 'facilities.city', 'facilities.state', 'facilities.zip', 'facilities.latitude', 'facilities.longitude'])
    .selectAll('standing_profiles')
    .where('facilities.archived', '=', 0)
    .orderBy('facilities.name');
  if (query.state) select = select.where('facilities.state', '=', query.state.toUpperCase());
  const rows = await select.execute();
  const staleCutoff = staleBefore(today, expiryMonths);
  return rows.map((row) => ({
    facilityId: row.id,
    name: row.name,
    city: row.city,
    state: row.state,
    location: facilityLocation(row),
    ...coverageAgainst(row.assessment_id === null ? null : cellsFromStandingRow(row, staleCutoff), query.capabilities, query.verifiedSince),
  }));
}
