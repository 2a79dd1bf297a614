import type { MatrixRow } from './capability-matrix';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from './questionnaire';

/**
 * A cell counts under its status, except one offered (on site or through a partner) whose details
 * every patient needs were answered against it or "not sure": that one counts apart, under
 * `details_against` or `details_not_sure`, as the map and the workup judge it.
 */
export type CoverageKey = CapabilityStatus | 'details_against' | 'details_not_sure' | 'not_assessed';
export type CoverageCounts = Record<CoverageKey, number> & { stale: number };

export interface CoverageSummary {
  facilities: number;
  staleAssessments: number;
  byCapability: Record<CapabilityId, CoverageCounts>;
  /** Group (a state or a facility type) → capability → counts. */
  byState: Record<string, Record<CapabilityId, CoverageCounts>>;
  byType: Record<string, Record<CapabilityId, CoverageCounts>>;
}

function emptyCounts(): CoverageCounts {
  return { on_site: 0, via_partner: 0, details_against: 0, details_not_sure: 0, not_available: 0, unknown: 0, not_assessed: 0, stale: 0 };
}

function emptyRecord(): Record<CapabilityId, CoverageCounts> {
  return Object.fromEntries(CAPABILITY_IDS.map((id) => [id, emptyCounts()])) as Record<CapabilityId, CoverageCounts>;
}

/** How many facilities have each capability on site, through a partner, only with details against it, not at all or unknown. */
export function summarizeCoverage(rows: MatrixRow[]): CoverageSummary {
  const summary: CoverageSummary = { facilities: rows.length, staleAssessments: 0, byCapability: emptyRecord(), byState: {}, byType: {} };
  for (const row of rows) {
    const groups = [summary.byCapability, (summary.byState[row.state || '—'] ??= emptyRecord()), (summary.byType[row.facilityType || '—'] ??= emptyRecord())];
    let anyStale = false;
    for (const id of CAPABILITY_IDS) {
      const cell = row.cells?.[id];
      const stale = Boolean(cell && cell.stale && cell.status !== 'unknown');
      anyStale ||= stale;
      const key: CoverageKey = !cell ? 'not_assessed' : cell.limitation ? (cell.limitation.provision === 'gap' ? 'details_against' : 'details_not_sure') : cell.status;
      for (const group of groups) {
        group[id][key] += 1;
        if (stale) group[id].stale += 1;
      }
    }
    if (anyStale) summary.staleAssessments += 1;
  }
  return summary;
}

export const COVERAGE_KEYS = ['on_site', 'via_partner', 'details_not_sure', 'details_against', 'not_available', 'unknown', 'not_assessed'] as const satisfies readonly CoverageKey[];
