import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_PATIENT, judgeCapability, partnerLookup, profileVerdict } from '../../shared/capability-judgement';
import { CLINICAL_REFERENCES } from '../../shared/clinical-sources';
import { CAPABILITY_IDS, CURRENT_QUESTIONNAIRE } from '../../shared/questionnaire';
import { CLINICAL_FLAGS, OTHER_ANTIBODIES } from '../../shared/transfer-case';
import { caseRuleStatements, deriveNeeds, hasEmergencyTrigger, patientContext, rankCandidates, recommendTransfer } from '../../shared/transfer-rules';
import { CLINICAL_CASES } from '../fixtures/clinical-cases';
import { arbitraryFacts, arbitraryProfile } from '../support/clinical-arbitraries';
import { caseFacts, profile, TODAY } from '../support/clinical-fixtures';

describe('clinical case table', () => {
  it('holds at least 40 cases', () => {
    expect(CLINICAL_CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CLINICAL_CASES.map((c) => [c.label, c] as const))('%s', (_label, clinical) => {
    const facts = caseFacts(clinical.case);
    const needs = deriveNeeds(facts, TODAY);
    const recommendation = recommendTransfer(facts, needs.needs, clinical.referring);
    expect(needs.needs.map((need) => need.capabilityId)).toEqual(clinical.needs);
    expect(needs.alerts.map((alert) => alert.id).sort()).toEqual([...(clinical.alerts ?? [])].sort());
    expect(recommendation.level).toBe(clinical.level);
    expect(recommendation.urgency.urgency).toBe(clinical.urgency);
    const explanation = [
      recommendation.summary,
      ...recommendation.reasons.map((reason) => reason.text),
      ...recommendation.urgency.reasons,
      recommendation.urgency.overrideRefused ?? '',
      recommendation.stayDecisionRefused ?? '',
    ].join('\n');
    for (const words of clinical.mentions ?? []) expect(explanation).toContain(words);
  });
});

describe('what the rules say, word for word', () => {
  it('warns about IVIG with IgA deficiency per current labeling, and never swaps the need', () => {
    const result = deriveNeeds(caseFacts({ flags: ['plannedIvig', 'igaDeficiency'] }), TODAY);
    expect(result.needs.map((need) => need.capabilityId)).toEqual(['ivig']);
    const [warning] = result.warnings;
    expect(warning).toContain('antibodies against IgA and a history of hypersensitivity');
    expect(warning).toContain('Check anti-IgA antibodies and any prior reaction; consider a low-IgA product or plasma exchange.');
  });

  it('says how old a minor is and asks for the guardian until one is recorded', () => {
    const child = { name: 'Ann Lee', dateOfBirth: '2015-06-01', mrn: 'P-9', insurer: 'Plan', memberId: 'M-9' };
    const without = deriveNeeds(caseFacts({ patient: child }), TODAY).alerts.find((alert) => alert.id === 'minor')!;
    expect(without.text).toContain('11 years old');
    expect(without.text).toContain('record their name and relationship');
    const withGuardian = deriveNeeds(caseFacts({ patient: child, guardian: { name: 'Grace Lee', relationship: 'mother' } }), TODAY).alerts.find((alert) => alert.id === 'minor')!;
    expect(withGuardian.text).not.toContain('record their name');
    expect(deriveNeeds(caseFacts({ patient: { ...child, dateOfBirth: '2008-11-30' } }), TODAY).alerts.map((a) => a.id)).not.toContain('minor');
  });

  it('gives every need reason and alert a source that exists', () => {
    const everything = caseFacts({ stage: 'acute', flags: [...CLINICAL_FLAGS], otherAntibodies: [...OTHER_ANTIBODIES], gad65: 'negative' });
    const result = deriveNeeds(everything, TODAY);
    for (const need of result.needs) {
      expect(need.sources).toHaveLength(need.reasons.length);
      for (const source of need.sources) expect(CLINICAL_REFERENCES).toHaveProperty(source);
    }
    for (const alert of result.alerts) for (const source of alert.sources) expect(CLINICAL_REFERENCES).toHaveProperty(source);
    for (const capability of CURRENT_QUESTIONNAIRE.capabilities) {
      expect(CLINICAL_REFERENCES).toHaveProperty(capability.source);
      for (const detail of capability.details) if (detail.requirement) expect(CLINICAL_REFERENCES).toHaveProperty(detail.requirement.source);
    }
  });

  it('keeps the questionnaire to what the source says', () => {
    const text = CURRENT_QUESTIONNAIRE.capabilities.map((c) => c.why).join(' ');
    expect(text).not.toContain('never need to move');
    expect(text).not.toContain('far more likely to accept');
    expect(CURRENT_QUESTIONNAIRE.capabilities.find((c) => c.id === 'ivig')!.why).toContain('has also been used in hospital');
    expect(CURRENT_QUESTIONNAIRE.capabilities.find((c) => c.id === 'rehab_therapy')!.why).toContain('exercise can also bring on spasms');
  });
});

describe('facility verdict', () => {
  it('lists what is provided, what is not and what is unknown, never “can treat … except”', () => {
    const verdict = profileVerdict(
      profile({
        plasmapheresis: 'not_available',
        ivig: 'not_available',
        rehab_therapy: 'not_available',
        psychiatry: 'unknown',
        neuro_icu: { status: 'on_site', details: { mostlyCardiacRespiratory: 'yes' } },
      }),
    );
    expect(verdict).toBe(
      'Provides: Rehabilitation center; cannot provide: Plasma exchange, IVIG, Rehab-grade PT and OT, Neurologic ICU (icu mostly does cardiac, respiratory or end-of-life care: yes); unknown: Psychiatric consultation.',
    );
    expect(profileVerdict(null)).toBe('Not assessed yet: no finalized assessment.');
  });

  it('names partners and out-of-date verification', () => {
    const verdict = profileVerdict(profile({ ivig: 'via_partner', rehab_center: { status: 'on_site', stale: true } }));
    expect(verdict).toContain('through a partner: IVIG');
    expect(verdict).toContain('verification out of date: Rehabilitation center');
  });
});

describe('a partner in the registry backs the claim', () => {
  const referring = profile({ ivig: { status: 'via_partner', partner: { facilityId: 5, name: 'Typed name', arrangement: 'health_system', deliveryDays: 2 } } });
  const facts = caseFacts({ flags: ['plannedIvig'] });
  const needs = deriveNeeds(facts, TODAY).needs;

  it('counts the partner’s own on-site IVIG (still a partner arrangement: consider)', () => {
    const lookup = partnerLookup([{ facilityId: 5, name: 'Valley Infusion Center', profile: profile({}, 5) }]);
    const recommendation = recommendTransfer(facts, needs, referring, lookup);
    expect(recommendation.level).toBe('consider');
    expect(recommendation.reasons[0]!.text).toContain('through a partner at the referring facility (assessment finalized May 1, 2026, verified Apr 20, 2026 by Dr. Priya Natarajan, Director); the partner is Valley Infusion Center (same health system, usually within 2 days), backed by its own finalized assessment');
  });

  it('shows a partner that does not itself provide IVIG as a gap', () => {
    const lookup = partnerLookup([{ facilityId: 5, name: 'Valley Infusion Center', profile: profile({ ivig: 'not_available' }, 5) }]);
    const recommendation = recommendTransfer(facts, needs, referring, lookup);
    expect(recommendation.level).toBe('recommended');
    expect(recommendation.reasons[0]!.provision).toBe('gap');
    expect(recommendation.reasons[0]!.text).toContain('does not show it providing this');
  });

  it('treats a partner that was never assessed as unknown', () => {
    const lookup = partnerLookup([{ facilityId: 5, name: 'Valley Infusion Center', profile: null }]);
    expect(recommendTransfer(facts, needs, referring, lookup).reasons[0]!.provision).toBe('uncertain');
  });
});

describe('receiving candidates judged by their details', () => {
  const near = { latitude: 42.2626, longitude: -71.8023, approximate: false };
  const far = { latitude: 41.7658, longitude: -72.6734, approximate: false };
  const origin = { latitude: 42.3611, longitude: -71.0682, approximate: false };

  it('ranks an ICU that cannot manage pump failure below one that can, naming the detail', () => {
    const facts = caseFacts({ flags: ['baclofenPump'] });
    const needs = deriveNeeds(facts, TODAY).needs.map((need) => need.capabilityId);
    const ranked = rankCandidates(
      needs,
      [
        { facilityId: 2, name: 'Nearby General', city: 'Worcester', state: 'MA', location: near, profile: profile({ neuro_icu: { status: 'on_site', details: { baclofenPumpFailure: 'no', neurosurgeryOnCall: 'yes' } } }, 2) },
        { facilityId: 3, name: 'Hartford Neuro', city: 'Hartford', state: 'CT', location: far, profile: profile({ neuro_icu: { status: 'on_site', details: { baclofenPumpFailure: 'yes', neurosurgeryOnCall: 'yes' } } }, 3) },
      ],
      origin,
      1,
      patientContext(facts),
    );
    expect(ranked.map((c) => [c.name, c.covers])).toEqual([
      ['Hartford Neuro', true],
      ['Nearby General', false],
    ]);
    expect(ranked[1]!.judgements[0]!.text).toContain('“Can manage intrathecal baclofen pump failure and withdrawal” was answered “No”');
  });

  it('keeps facilities that cover every need, best first: all on site and fresh, fewer partners, distance, name', () => {
    const at = (id: number, name: string, specs: Parameters<typeof profile>[0], location: typeof near | null) => ({ facilityId: id, name, city: 'City', state: 'ST', location, profile: profile(specs, id) });
    const ranked = rankCandidates(
      ['ivig', 'neuro_icu'],
      [
        at(1, 'Referring', {}, origin),
        at(2, 'Partner Heavy', { ivig: 'via_partner', neuro_icu: 'via_partner' }, near),
        at(3, 'Far Full', {}, far),
        at(4, 'Near Full', {}, near),
        at(5, 'No ICU', { neuro_icu: 'not_available' }, near),
        at(6, 'Unknown ICU', { neuro_icu: 'unknown' }, near),
        at(7, 'Stale Full', { ivig: { status: 'on_site', stale: true } }, near),
        at(8, 'Nowhere Full', {}, null),
        at(9, 'One Partner', { ivig: 'via_partner' }, far),
      ],
      origin,
      1,
    );
    expect(ranked.map((candidate) => candidate.name)).toEqual(['Near Full', 'Far Full', 'Nowhere Full', 'Stale Full', 'One Partner', 'Partner Heavy']);
    expect(ranked[0]!.distance!.miles).toBeCloseTo(38, 0);
  });
});

/* ---------------- properties ---------------- */

describe('properties of the rules', () => {
  it('an acute stage or a life-threatening flag never yields “not indicated” or “elective” without a decision to stay', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryProfile, (facts, referring) => {
        fc.pre(hasEmergencyTrigger(facts));
        const recommendation = recommendTransfer(facts, deriveNeeds(facts, TODAY).needs, referring);
        expect(recommendation.level).not.toBe('not_indicated');
        expect(recommendation.level).not.toBe('outpatient');
        expect(recommendation.urgency.urgency).not.toBe('elective');
      }),
      { numRuns: 400 },
    );
  });

  it('an unassessed or stale referring facility never yields “not indicated” without a decision to stay', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryProfile, (facts, referring) => {
        fc.pre(referring === null || referring.capabilities.some((capability) => capability.stale));
        expect(recommendTransfer(facts, deriveNeeds(facts, TODAY).needs, referring).level).not.toBe('not_indicated');
      }),
      { numRuns: 400 },
    );
  });

  it('a capability whose required detail is answered against it never counts as covering that need', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryProfile, (facts, referring) => {
        const context = patientContext(facts);
        for (const id of CAPABILITY_IDS) {
          const judgement = judgeCapability(id, referring, context, 'here');
          if (judgement.findings.some((finding) => finding.outcome === 'unfavourable')) expect(judgement.provision).toBe('gap');
          if (judgement.findings.length > 0) expect(['gap', 'uncertain']).toContain(judgement.provision);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a candidate never “covers” a need its details fail', () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.array(arbitraryProfile, { minLength: 1, maxLength: 6 }), (facts, profiles) => {
        const needs = deriveNeeds(facts, TODAY).needs.map((need) => need.capabilityId);
        const pool = profiles.flatMap((p, index) => (p ? [{ facilityId: index + 2, name: `F${index}`, city: '', state: '', location: null, profile: { ...p, facilityId: index + 2 } }] : []));
        for (const candidate of rankCandidates(needs, pool, null, null, patientContext(facts))) {
          const failing = candidate.judgements.some((j) => j.findings.some((finding) => finding.outcome === 'unfavourable'));
          if (failing) expect(candidate.covers).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('generic judgements (matrix, verdict) ignore patient-specific details', () => {
    const icuWithoutPumpSkills = profile({ neuro_icu: { status: 'on_site', details: { baclofenPumpFailure: 'no' } } });
    expect(judgeCapability('neuro_icu', icuWithoutPumpSkills, ANY_PATIENT, 'here').provision).toBe('provides');
  });
});

describe('the rules as the Questions page lists them', () => {
  it('lists every need rule and every alert once, each with a source', () => {
    const statements = caseRuleStatements();
    const alertIds = new Set(statements.filter((s) => s.kind === 'alert').map((s) => s.subject));
    for (const id of ['pump-failure', 'breathing', 'status-spasticus', 'suicidality', 'benzodiazepine-withdrawal', 'baclofen-withdrawal', 'iga-ivig', 'minor', 'pregnancy', 'amphiphysin', 'glycine-receptor', 'cancer-history', 'antibody-negative']) {
      expect(alertIds, id).toContain(id);
    }
    expect(statements.filter((s) => s.kind === 'need').length).toBeGreaterThanOrEqual(14);
    expect(new Set(statements.map((s) => s.text)).size).toBe(statements.length);
    for (const statement of statements) expect(statement.sources.length).toBeGreaterThan(0);
    expect(statements.find((s) => s.subject === 'minor')!.text).toBe(
      'A patient under 18: choose a receiving center that admits children, and address the family letter to the parent or guardian.',
    );
  });
});
