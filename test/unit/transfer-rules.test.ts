import { describe, expect, it } from 'vitest';
import { isValidNpi } from '../../shared/npi';
import type { CapabilityId } from '../../shared/questionnaire';
import type { ClinicalFlag, NeedOverride } from '../../shared/transfer-case';
import { inSentence } from '../../shared/sentence-case';
import { deriveNeeds, recommendTransfer } from '../../shared/transfer-rules';
import { caseFacts, profile, TODAY } from '../support/clinical-fixtures';

const needsOf = (flags: ClinicalFlag[], needOverrides: NeedOverride[] = []) => deriveNeeds(caseFacts({ flags, needOverrides }), TODAY);

describe('needs of a case', () => {
  it.each<[string, ClinicalFlag[], CapabilityId[]]>([
    ['no flags', [], []],
    ['planned IVIG', ['plannedIvig'], ['ivig']],
    ['planned plasma exchange', ['plannedPlasmaExchange'], ['plasmapheresis']],
    ['IgA deficiency with planned IVIG (a warning, not a swap)', ['plannedIvig', 'igaDeficiency'], ['ivig']],
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

describe('recommendation wording', () => {
  it('words capabilities as part of the sentence, keeping acronyms', () => {
    const facts = caseFacts({ flags: ['plannedIvig', 'plannedPlasmaExchange'] });
    const missing = recommendTransfer(caseFacts({ flags: ['baclofenPump'] }), needsOf(['baclofenPump']).needs, profile({ neuro_icu: 'not_available' }));
    expect(missing.summary).toBe('The referring facility cannot provide neurologic ICU as this patient needs it.');
    const uncertain = recommendTransfer(facts, deriveNeeds(facts, TODAY).needs, profile({ ivig: 'via_partner', plasmapheresis: 'unknown' }));
    expect(uncertain.summary).toBe(
      'At the referring facility, plasma exchange and IVIG are only available through a partner, unknown, not sure in a detail this patient needs, or not recently verified.',
    );
  });

  it('names capability, status, assessment date and verifier in every reason', () => {
    const facts = caseFacts({ stage: 'acute', flags: ['baclofenPump', 'plannedIvig'] });
    const recommendation = recommendTransfer(facts, deriveNeeds(facts, TODAY).needs, profile({ neuro_icu: 'not_available', ivig: { status: 'via_partner', stale: true } }));
    expect(recommendation.level).toBe('recommended');
    const icu = recommendation.reasons.find((reason) => reason.capabilityId === 'neuro_icu')!;
    const ivig = recommendation.reasons.find((reason) => reason.capabilityId === 'ivig')!;
    expect(icu.text).toContain('Neurologic ICU: not available at the referring facility');
    expect(icu.text).toContain('assessment finalized May 1, 2026');
    expect(icu.text).toContain('verified Apr 20, 2026');
    expect(icu.text).toContain('Dr. Priya Natarajan');
    expect(ivig.text).toContain('verification out of date');
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
