import { describe, expect, it } from 'vitest';
import type { CapabilityProfile, ProfileCapability } from '../../shared/assessment';
import { isValidNpi } from '../../shared/npi';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import type { ClinicalFlag, NeedOverride } from '../../shared/transfer-case';
import { inSentence } from '../../shared/sentence-case';
import { deriveNeeds, rankCandidates, recommendTransfer, type CandidateFacility } from '../../shared/transfer-rules';

function profile(statuses: Partial<Record<CapabilityId, CapabilityStatus | [CapabilityStatus, 'stale']>>, facilityId = 1): CapabilityProfile {
  return {
    facilityId,
    assessmentId: facilityId * 10,
    revision: 1,
    finalizedAt: '2026-05-01T12:00:00.000Z',
    assessorName: 'Dana Whitfield',
    questionnaireVersion: 1,
    capabilities: CAPABILITY_IDS.map((capabilityId): ProfileCapability => {
      const value = statuses[capabilityId] ?? 'on_site';
      const [status, stale] = Array.isArray(value) ? [value[0], true] : [value, false];
      return {
        capabilityId,
        status,
        verifiedOn: stale ? '2024-01-10' : '2026-04-20',
        verifiedByName: 'Dr. Priya Natarajan',
        verifiedByRole: 'Director',
        verificationMethod: 'phone',
        stale,
      };
    }),
  };
}

const needsOf = (flags: ClinicalFlag[], needOverrides: NeedOverride[] = []) => deriveNeeds({ flags, needOverrides });

describe('needs of a case', () => {
  it.each<[string, ClinicalFlag[], CapabilityId[]]>([
    ['no flags', [], []],
    ['planned IVIG', ['plannedIvig'], ['ivig']],
    ['planned plasma exchange', ['plannedPlasmaExchange'], ['plasmapheresis']],
    ['IgA deficiency with planned IVIG', ['plannedIvig', 'igaDeficiency'], ['plasmapheresis']],
    ['IgA deficiency alone', ['igaDeficiency'], []],
    ['inpatient treatment', ['inpatientAdmission'], ['rehab_therapy']],
    ['prominent anxiety or depression', ['prominentAnxietyOrDepression'], ['psychiatry']],
    ['baclofen pump in place', ['baclofenPump'], ['neuro_icu']],
    ['severe spasms or falls', ['severeSpasmsOrFalls'], ['neuro_icu']],
    ['breathing involvement', ['breathingInvolvement'], ['neuro_icu']],
    ['lasting disability', ['lastingDisability'], ['rehab_center']],
    [
      'everything at once',
      ['plannedIvig', 'plannedPlasmaExchange', 'inpatientAdmission', 'prominentAnxietyOrDepression', 'baclofenPump', 'lastingDisability'],
      ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'],
    ],
  ])('%s', (_label, flags, expected) => {
    expect(needsOf(flags).needs.map((need) => need.capabilityId)).toEqual(expected);
  });

  it('flags planned IVIG with IgA deficiency as a conflict and explains the switch to plasma exchange', () => {
    const result = needsOf(['plannedIvig', 'igaDeficiency']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/IgA deficiency.*contraindicated/);
    expect(result.needs[0]!.reasons[0]).toMatch(/contraindicated/);
    expect(needsOf(['plannedIvig']).warnings).toEqual([]);
  });

  it('gives every reason for a need with several causes', () => {
    const icu = needsOf(['baclofenPump', 'breathingInvolvement']).needs[0]!;
    expect(icu.reasons).toHaveLength(2);
  });

  it('lets the physician add and remove needs, keeping the reasons', () => {
    const result = needsOf(['inpatientAdmission', 'prominentAnxietyOrDepression'], [
      { capabilityId: 'neuro_icu', action: 'add', reason: 'Recent pump malfunction' },
      { capabilityId: 'psychiatry', action: 'remove', reason: 'Followed by her own psychiatrist' },
    ]);
    expect(result.needs.map((need) => [need.capabilityId, need.source])).toEqual([
      ['rehab_therapy', 'derived'],
      ['neuro_icu', 'added'],
    ]);
    expect(result.needs[1]!.reasons).toEqual(['Added by the physician: Recent pump malfunction']);
    expect(result.removed).toEqual([{ capabilityId: 'psychiatry', reason: 'Followed by her own psychiatrist' }]);
  });
});

describe('recommendation', () => {
  const needs = (flags: ClinicalFlag[]) => needsOf(flags).needs;

  it.each<[string, 'early' | 'progressive' | 'acute', ClinicalFlag[], CapabilityProfile | null, string]>([
    ['early stage, outpatient', 'early', [], profile({}), 'not_indicated'],
    ['early stage but admitted', 'early', ['inpatientAdmission'], profile({ rehab_therapy: 'not_available' }), 'recommended'],
    ['a need not available', 'progressive', ['plannedIvig', 'baclofenPump'], profile({ neuro_icu: 'not_available' }), 'recommended'],
    ['a need only through a partner', 'progressive', ['plannedIvig'], profile({ ivig: 'via_partner' }), 'consider'],
    ['a need of unknown status', 'acute', ['prominentAnxietyOrDepression'], profile({ psychiatry: 'unknown' }), 'consider'],
    ['stale evidence for a need', 'progressive', ['plannedPlasmaExchange'], profile({ plasmapheresis: ['on_site', 'stale'] }), 'consider'],
    ['no assessment of the referring facility', 'progressive', ['plannedIvig'], null, 'consider'],
    ['every need on site and fresh', 'acute', ['plannedIvig', 'inpatientAdmission'], profile({}), 'not_indicated'],
  ])('%s', (_label, stage, flags, referring, level) => {
    expect(recommendTransfer({ stage, flags }, needs(flags), referring).level).toBe(level);
  });

  it('names capability, status, assessment date and verifier in every reason', () => {
    const recommendation = recommendTransfer(
      { stage: 'acute', flags: ['baclofenPump', 'plannedIvig'] },
      needs(['baclofenPump', 'plannedIvig']),
      profile({ neuro_icu: 'not_available', ivig: ['via_partner', 'stale'] }),
    );
    expect(recommendation.level).toBe('recommended');
    expect(recommendation.reasons.map((reason) => reason.capabilityId)).toEqual(['neuro_icu', 'ivig']);
    const [icu, ivig] = recommendation.reasons;
    expect(icu!.text).toContain('Neurologic ICU');
    expect(icu!.text).toContain('not available');
    expect(icu!.text).toContain('assessment finalized May 1, 2026');
    expect(icu!.text).toContain('verified Apr 20, 2026');
    expect(icu!.text).toContain('Dr. Priya Natarajan');
    expect(ivig!.text).toContain('verification out of date');
  });

  it('words capabilities as part of the sentence, keeping acronyms', () => {
    const missing = recommendTransfer({ stage: 'acute', flags: ['baclofenPump'] }, needs(['baclofenPump']), profile({ neuro_icu: 'not_available' }));
    expect(missing.summary).toBe('The referring facility cannot provide neurologic ICU, which the patient needs.');
    const uncertain = recommendTransfer(
      { stage: 'progressive', flags: ['plannedIvig', 'plannedPlasmaExchange'] },
      needs(['plannedIvig', 'plannedPlasmaExchange']),
      profile({ ivig: 'via_partner', plasmapheresis: 'unknown' }),
    );
    expect(uncertain.summary).toBe('At the referring facility, plasma exchange and IVIG are only available through a partner, unknown or not recently verified.');
  });
});

describe('receiving candidates', () => {
  const facility = (id: number, name: string, statuses: Parameters<typeof profile>[0], location: CandidateFacility['location']): CandidateFacility => ({
    facilityId: id,
    name,
    city: 'City',
    state: 'ST',
    location,
    profile: profile(statuses, id),
  });
  const boston = { latitude: 42.3611, longitude: -71.0682, approximate: false };
  const worcester = { latitude: 42.2626, longitude: -71.8023, approximate: false };
  const hartford = { latitude: 41.7658, longitude: -72.6734, approximate: true };

  it('keeps facilities that cover every need, best first: all on site and fresh, fewer partners, distance, name', () => {
    const ranked = rankCandidates(
      ['ivig', 'neuro_icu'],
      [
        facility(1, 'Referring', {}, boston),
        facility(2, 'Partner Heavy', { ivig: 'via_partner', neuro_icu: 'via_partner' }, worcester),
        facility(3, 'Far Full', {}, hartford),
        facility(4, 'Near Full', {}, worcester),
        facility(5, 'No ICU', { neuro_icu: 'not_available' }, worcester),
        facility(6, 'Unknown ICU', { neuro_icu: 'unknown' }, worcester),
        facility(7, 'Stale Full', { ivig: ['on_site', 'stale'] }, worcester),
        facility(8, 'Nowhere Full', {}, null),
        facility(9, 'One Partner', { ivig: 'via_partner' }, hartford),
      ],
      boston,
      1,
    );
    expect(ranked.map((candidate) => candidate.name)).toEqual(['Near Full', 'Far Full', 'Nowhere Full', 'Stale Full', 'One Partner', 'Partner Heavy']);
    const near = ranked[0]!;
    expect(near.distance!.miles).toBeCloseTo(38, 0);
    expect(near.distance!.kilometres).toBeCloseTo(61, 0);
    expect(ranked[1]!.distance!.approximate).toBe(true);
    expect(ranked[2]!.distance).toBeNull();
  });

  it('returns no candidate when nobody covers the needs', () => {
    expect(rankCandidates(['neuro_icu'], [facility(2, 'No ICU', { neuro_icu: 'not_available' }, null)], null, null)).toEqual([]);
  });
});

describe('NPI check digit', () => {
  it.each([
    ['1234567893', true],
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['abcdefghij', false],
  ])('%s → %s', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });
});

describe('labels inside a sentence', () => {
  it.each([
    ['Plasma exchange', 'plasma exchange'],
    ['Rehab-grade PT and OT', 'rehab-grade PT and OT'],
    ['Neurologic ICU', 'neurologic ICU'],
    ['IVIG', 'IVIG'],
    ['IVIG course planned', 'IVIG course planned'],
    ['IgA deficiency', 'IgA deficiency'],
    ['Needs inpatient treatment', 'needs inpatient treatment'],
  ])('%s → %s', (label, expected) => {
    expect(inSentence(label)).toBe(expected);
  });
});
