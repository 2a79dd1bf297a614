export interface Location {
  latitude: number;
  longitude: number;
  /** True when the point is a ZIP code's centroid rather than the facility's own coordinates. */
  approximate: boolean;
}

export interface Distance {
  miles: number;
  kilometres: number;
  approximate: boolean;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine); an estimate is only as good as its less exact end. */
export function distanceBetween(from: Location, to: Location): Distance {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  const kilometres = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  return { kilometres, miles: kilometres / 1.609344, approximate: from.approximate || to.approximate };
}

export function formatDistance(distance: Distance | null): string {
  if (!distance) return 'distance unknown';
  const prefix = distance.approximate ? 'approx. ' : '';
  return `${prefix}${Math.round(distance.miles).toLocaleString('en-US')} mi (${Math.round(distance.kilometres).toLocaleString('en-US')} km)`;
}
