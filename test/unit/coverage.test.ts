import { describe, expect, it } from 'vitest';
import type { MatrixRow } from '../../shared/capability-matrix';
import { summarizeCoverage } from '../../shared/coverage';
import { CAPABILITY_IDS, type CapabilityStatus } from '../../shared/questionnaire';

const row = (id: number, state: string, status: CapabilityStatus | null, stale = false): MatrixRow => ({
  facilityId: id,
  name: `F${id}`,
  ccn: null,
  city: '',
  state,
  facilityType: 'Acute Care Hospitals',
  ownership: '',
  assessedAt: status ? '2026-01-01' : null,
  cells: status ? (Object.fromEntries(CAPABILITY_IDS.map((c) => [c, { status, verifiedOn: '2026-01-01', stale }])) as MatrixRow['cells']) : null,
});

describe('coverage summary', () => {
  it('counts each capability by status, by state and by type, with stale assessments', () => {
    const summary = summarizeCoverage([row(1, 'AL', 'on_site'), row(2, 'AL', 'via_partner', true), row(3, 'GA', 'unknown', true), row(4, 'GA', null)]);
    expect(summary.facilities).toBe(4);
    expect(summary.byCapability.ivig).toEqual({ on_site: 1, via_partner: 1, not_available: 0, unknown: 1, not_assessed: 1, stale: 1 });
    expect(summary.byState.AL!.neuro_icu).toMatchObject({ on_site: 1, via_partner: 1 });
    expect(summary.byState.GA!.neuro_icu).toMatchObject({ unknown: 1, not_assessed: 1, stale: 0 });
    expect(summary.byType['Acute Care Hospitals']!.psychiatry.on_site).toBe(1);
    expect(summary.staleAssessments).toBe(1);
  });
});
