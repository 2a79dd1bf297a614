import { z } from 'zod';
import { isIsoDate, type IsoDate } from './calendar';
import { limitationDetails, type MatrixCell } from './capability-matrix';
import type { Location } from './geography';
import { CAPABILITY_IDS, type CapabilityId } from './questionnaire';

/** How a facility stands against the set of capabilities the analyst chose. */
export const MAP_COVERAGES = ['on_site', 'with_partner', 'gap', 'unassessed'] as const;
export type MapCoverage = (typeof MAP_COVERAGES)[number];

export const MAP_COVERAGE_LABELS: Record<MapCoverage, string> = {
  on_site: 'Has every one on site',
  with_partner: 'Has every one, some through a partner',
  gap: 'Missing, unknown or not verified recently',
  unassessed: 'Not assessed yet',
};

export const facilityMapQuerySchema = z.object({
  capabilities: z
    .array(z.enum(CAPABILITY_IDS))
    .min(1, 'Choose at least one capability to map.')
    .max(CAPABILITY_IDS.length)
    .refine((ids) => new Set(ids).size === ids.length, 'Each capability can be chosen once.'),
  state: z.string().trim().max(2).default(''),
  /** A chosen capability verified before this date counts as a gap. */
  verifiedSince: z
    .string()
    .refine(isIsoDate, 'Enter the date as YYYY-MM-DD.')
    .nullable()
    .default(null),
});
export type FacilityMapQuery = z.output<typeof facilityMapQuerySchema>;

export interface MapFacility {
  facilityId: number;
  name: string;
  city: string;
  state: string;
  location: Location | null;
  coverage: MapCoverage;
  /** The chosen capabilities this facility does not cover, with why, for the list and tooltips. */
  shortfalls: MapShortfall[];
}

export interface MapShortfall {
  capability: CapabilityId;
  /** `details_against` / `details_not_sure`: offered, but a detail every patient needs was answered against it or "not sure". */
  reason: 'not_available' | 'unknown' | 'details_against' | 'details_not_sure' | 'not_verified_since';
  /** For the details reasons: each deciding detail and its answer, in words. */
  details?: string[];
}

/** Pure so the list, the map and the tests agree on one rule. */
export function coverageAgainst(
  cells: Record<CapabilityId, MatrixCell> | null,
  capabilities: readonly CapabilityId[],
  verifiedSince: IsoDate | null,
): Pick<MapFacility, 'coverage' | 'shortfalls'> {
  if (!cells) return { coverage: 'unassessed', shortfalls: [] };
  const shortfalls: MapFacility['shortfalls'] = [];
  let viaPartner = false;
  for (const capability of capabilities) {
    const cell = cells[capability];
    if (cell.status === 'not_available' || cell.status === 'unknown') shortfalls.push({ capability, reason: cell.status });
    // The workup would call this capability a gap (or unknown) for any patient, so it covers no one here either.
    else if (cell.limitation)
      shortfalls.push({ capability, reason: cell.limitation.provision === 'gap' ? 'details_against' : 'details_not_sure', details: limitationDetails(capability, cell.limitation) });
    else if (verifiedSince && (!cell.verifiedOn || cell.verifiedOn < verifiedSince)) shortfalls.push({ capability, reason: 'not_verified_since' });
    else if (cell.status === 'via_partner') viaPartner = true;
  }
  if (shortfalls.length > 0) return { coverage: 'gap', shortfalls };
  return { coverage: viaPartner ? 'with_partner' : 'on_site', shortfalls };
}
