import type { MatrixRow } from './capability-matrix';
import { CAPABILITY_IDS, CAPABILITY_STATUSES, type CapabilityId, type CapabilityStatus } from './questionnaire';

export type CoverageCounts = Record<CapabilityStatus | 'not_assessed', number> & { stale: number };

export interface CoverageSummary {
  facilities: number;
  staleAssessments: number;
  byCapability: Record<CapabilityId, CoverageCounts>;
  /** Group (a state or a facility type) → capability → counts. */
  byState: Record<string, Record<CapabilityId, CoverageCounts>>;
  byType: Record<string, Record<CapabilityId, CoverageCounts>>;
}

function emptyCounts(): CoverageCounts {
  return { on_site: 0, via_partner: 0, not_available: 0, unknown: 0, not_assessed: 0, stale: 0 };
}

function emptyRecord(): Record<CapabilityId, CoverageCounts> {
  return Object.fromEntries(CAPABILITY_IDS.map((id) => [id, emptyCounts()])) as Record<CapabilityId, CoverageCounts>;
}

/** How many facilities have each capability on site, through a partner, not at all or unknown. */
export function summarizeCoverage(rows: MatrixRow[]): CoverageSummary {
  const summary: CoverageSummary = { facilities: rows.length, staleAssessments: 0, byCapability: emptyRecord(), byState: {}, byType: {} };
  for (const row of rows) {
    const groups = [summary.byCapability, (summary.byState[row.state || '—'] ??= emptyRecord()), (summary.byType[row.facilityType || '—'] ??= emptyRecord())];
    let anyStale = false;
    for (const id of CAPABILITY_IDS) {
      const cell = row.cells?.[id];
      const stale = Boolean(cell && cell.stale && cell.status !== 'unknown');
      anyStale ||= stale;
      for (const group of groups) {
        group[id][cell ? cell.status : 'not_assessed'] += 1;
        if (stale) group[id].stale += 1;
      }
    }
    if (anyStale) summary.staleAssessments += 1;
  }
  return summary;
}

export const COVERAGE_KEYS = [...CAPABILITY_STATUSES, 'not_assessed'] as const;
