import type { IsoDate } from '../../shared/calendar';
import { coverageAgainst, type FacilityMapQuery, type MapFacility } from '../../shared/facility-map';
import { loadStandingRows } from './capability-matrix';
import type { RegistryDatabase } from './db/registry-database';
import { facilityLocation } from './locations';

/** Every active facility placed at its coordinates or ZIP centroid, judged against the chosen capabilities. */
export async function facilityMap(database: Pick<RegistryDatabase, 'db' | 'selectRows'>, query: FacilityMapQuery, today: IsoDate, expiryMonths: number): Promise<MapFacility[]> {
  const rows = await loadStandingRows(database, { state: query.state, facilityType: '', ownership: '' }, today, expiryMonths);
  return rows.map(({ matrix, zip, latitude, longitude }) => ({
    facilityId: matrix.facilityId,
    name: matrix.name,
    city: matrix.city,
    state: matrix.state,
    location: facilityLocation({ zip, latitude, longitude }),
    ...coverageAgainst(matrix.cells, query.capabilities, query.verifiedSince),
  }));
}
