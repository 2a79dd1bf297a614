import type { Facility } from '../../shared/facility';
import type { Location } from '../../shared/geography';

type ZipLookup = (zip: string) => { latitude: number; longitude: number } | undefined;
let zipLookup: ZipLookup | undefined;

/** The offline ZIP table is large; load it the first time a distance needs it. */
function lookupZip(zip: string): { latitude: number; longitude: number } | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  zipLookup ??= (require('zipcodes') as { lookup: ZipLookup }).lookup;
  return zipLookup(zip.slice(0, 5));
}

/** The facility's own coordinates, else its ZIP code's centroid (marked approximate), else none. */
export function facilityLocation(facility: Pick<Facility, 'latitude' | 'longitude' | 'zip'>): Location | null {
  if (facility.latitude !== null && facility.longitude !== null) {
    return { latitude: facility.latitude, longitude: facility.longitude, approximate: false };
  }
  if (!/^\d{5}/.test(facility.zip)) return null;
  const centroid = lookupZip(facility.zip);
  return centroid ? { latitude: centroid.latitude, longitude: centroid.longitude, approximate: true } : null;
}
