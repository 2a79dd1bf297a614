import { describe, expect, it } from 'vitest';
import { cellLimitation, type MatrixRow } from '../../shared/capability-matrix';
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
  cells: status ? (Object.fromEntries(CAPABILITY_IDS.map((c) => [c, { status, verifiedOn: '2026-01-01', stale, limitation: null }])) as MatrixRow['cells']) : null,
});

describe('coverage summary', () => {
  it('counts each capability by status, by state and by type, with stale assessments', () => {
    const summary = summarizeCoverage([row(1, 'AL', 'on_site'), row(2, 'AL', 'via_partner', true), row(3, 'GA', 'unknown', true), row(4, 'GA', null)]);
    expect(summary.facilities).toBe(4);
    expect(summary.byCapability.ivig).toEqual({ on_site: 1, via_partner: 1, details_against: 0, details_not_sure: 0, not_available: 0, unknown: 1, not_assessed: 1, stale: 1 });
    expect(summary.byState.AL!.neuro_icu).toMatchObject({ on_site: 1, via_partner: 1 });
    expect(summary.byState.GA!.neuro_icu).toMatchObject({ unknown: 1, not_assessed: 1, stale: 0 });
    expect(summary.byType['Acute Care Hospitals']!.psychiatry.on_site).toBe(1);
    expect(summary.staleAssessments).toBe(1);
  });

  it('counts an offered capability whose required details are against it or not sure apart from on site and partner', () => {
    const cardiacIcu = row(1, 'AL', 'on_site');
    cardiacIcu.cells!.neuro_icu.limitation = cellLimitation('neuro_icu', 'on_site', { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'yes' }, 1);
    const unsurePsychiatry = row(2, 'AL', 'via_partner', true);
    unsurePsychiatry.cells!.psychiatry.limitation = cellLimitation('psychiatry', 'via_partner', { chronicDiseaseExperience: 'unknown' }, 1);
    const summary = summarizeCoverage([cardiacIcu, unsurePsychiatry, row(3, 'GA', 'on_site')]);
    expect(summary.byCapability.neuro_icu).toMatchObject({ on_site: 1, via_partner: 1, details_against: 1, details_not_sure: 0 });
    expect(summary.byState.AL!.psychiatry).toMatchObject({ on_site: 1, via_partner: 0, details_not_sure: 1, stale: 1 });
  });
});
