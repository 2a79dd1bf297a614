import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapabilityProfile } from '../../shared/assessment';
import { composeInsurerLetter, composeTransferSummary, insurerLetterBlocker, letterText, type LetterSource } from '../../shared/letters';
import { transferCaseSchema, type TransferCase, type TransferCaseDetails } from '../../shared/transfer-case';
import { deriveNeeds, recommendTransfer } from '../../shared/transfer-rules';
import { arbitraryFacts, arbitraryProfile } from '../support/clinical-arbitraries';
import { caseFacts, profile, TODAY } from '../support/clinical-fixtures';

function letterSource(facts: Partial<TransferCaseDetails>, referring: CapabilityProfile | null, receiving: CapabilityProfile | null = profile({}, 2)): LetterSource {
  const transferCase: TransferCase = {
    ...transferCaseSchema.parse({ ...caseFacts(), ...facts }),
    id: 1,
    receivingFacilityId: 2,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    createdByName: 'Dr. Alan Reyes',
  };
  const needs = deriveNeeds(transferCase, TODAY);
  return {
    transferCase,
    needs: needs.needs,
    warnings: needs.warnings,
    recommendation: recommendTransfer(transferCase, needs.needs, referring),
    referring: { facility: { id: 1, name: 'Mercy County Hospital', city: 'Dothan', state: 'AL', phone: '(334) 555-0100' }, profile: referring },
    receiving: { facility: { id: 2, name: 'Lakeshore University Hospital', city: 'Birmingham', state: 'AL', phone: '(205) 555-0199' }, profile: receiving, distance: null },
    settings: { letterhead: { institution: '', address: '', phone: '' }, paperSize: 'letter', expiryMonths: 12 },
    date: TODAY,
  };
}

const reference = (source: LetterSource) => Object.fromEntries(composeInsurerLetter(source).reference.map((line) => [line.label, line.value]));

describe('the insurer letter never contradicts the evidence', () => {
  it('cannot be issued while the recommendation says no transfer is needed', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryProfile, (facts, referring) => {
        const source = letterSource(facts, referring);
        const level = source.recommendation.level;
        if (level === 'not_indicated' || level === 'outpatient') expect(insurerLetterBlocker(source)).toMatch(/no transfer to ask the insurer to authorize/);
        if (level === 'recommended' || level === 'outpatient_referral') expect(insurerLetterBlocker(source)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('asks for the physician’s own reason at “consider”, and accepts it once written', () => {
    const facts = caseFacts({ flags: ['plannedIvig'] });
    const referring = profile({ ivig: 'via_partner' });
    expect(insurerLetterBlocker(letterSource(facts, referring))).toMatch(/needs your own clinical reason/);
    const reasoned = letterSource({ ...facts, transferReason: 'Partner infusions were cancelled twice this month; she is declining.' }, referring);
    expect(insurerLetterBlocker(reasoned)).toBeNull();
    expect(letterText(composeInsurerLetter(reasoned))).toContain('Partner infusions were cancelled twice this month');
  });

  it('never lists as a gap a need the referring facility meets on site with current, favourable verification', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryProfile, (facts, referring) => {
        const source = letterSource(facts, referring);
        const letter = composeInsurerLetter(source);
        const gaps = letter.blocks.find((block) => block.id === 'gaps')!.paragraphs.filter((p) => p.id.startsWith('gap-') && p.id !== 'gap-none');
        for (const gap of gaps) {
          const judgement = source.recommendation.reasons.find((reason) => `gap-${reason.capabilityId}` === gap.id)!;
          expect(judgement.provision === 'provides' && !judgement.stale).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps stage, level of care and urgency in agreement', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryProfile, (facts, referring) => {
        const source = letterSource(facts, referring);
        const { level, urgency } = source.recommendation;
        const ref = reference(source);
        const text = letterText(composeInsurerLetter(source));
        if (level === 'outpatient_referral') {
          expect(ref.Request).toMatch(/^Outpatient treatment at/);
          expect(text).not.toContain('request authorization to transfer');
        } else {
          expect(ref.Request).toMatch(/^Inpatient transfer to/);
          if (facts.stage === 'early') expect(text).toContain('Stage: early, now needing inpatient care.');
        }
        expect(ref.Urgency!.startsWith(urgency.urgency.charAt(0).toUpperCase() + urgency.urgency.slice(1))).toBe(true);
        if (urgency.urgency === 'emergent' && level !== 'outpatient_referral') expect(text).toContain('Emergency Medical Treatment and Labor Act (EMTALA)');
        if (urgency.urgency === 'urgent') expect(text).toContain('I ask for an expedited review.');
        expect(text).not.toContain('manageable as an outpatient');
      }),
      { numRuns: 300 },
    );
  });
});

describe('what the insurer letter carries', () => {
  const source = letterSource(
    caseFacts({
      stage: 'acute',
      flags: ['baclofenPump', 'igaDeficiency', 'plannedIvig', 'severeSpasmsOrFalls'],
      secondaryDiagnoses: ['D80.2', 'R29.6'],
      treatments: [
        { treatment: 'ivig', detail: '2 g/kg over 5 days', startedOn: '2026-08-01', duration: '3 monthly courses', response: 'partial' },
        { treatment: 'rituximab', detail: '1 g twice, two weeks apart', startedOn: '2026-10-01', response: 'no_response' },
      ],
      functionalStatus: { fallsLastMonth: 3, walkingAid: 'walker', stiffness: 'trunk and both legs' },
    }),
    profile({ neuro_icu: 'not_available' }),
  );
  const letter = composeInsurerLetter(source);
  const text = letterText(letter);

  it('codes the diagnoses, dates and doses the treatments, and states function', () => {
    expect(reference(source).Diagnosis).toContain('Selective deficiency of immunoglobulin A [IgA], D80.2; Repeated falls, R29.6');
    expect(text).toContain('IVIG (2 g/kg over 5 days; from Aug 1, 2026, 3 monthly courses): partial response.');
    expect(text).toContain('Rituximab (1 g twice, two weeks apart; from Oct 1, 2026): no meaningful response.');
    expect(text).toContain('Functional status: 3 falls in the last month; mobility: walker; stiffness: trunk and both legs.');
  });

  it('states the risks of not transferring, asks for expedited review, offers a peer-to-peer talk and lists what is enclosed', () => {
    expect(text).toContain('Risks of not transferring');
    expect(text).toContain('status spasticus, breathing failure or baclofen withdrawal could not be managed in a neurologic ICU');
    expect(text).toContain('I ask for an expedited review.');
    expect(text).toContain('I am available for a peer-to-peer discussion at (555) 201-4400.');
    expect(letter.enclosures).toEqual([expect.stringMatching(/^Capability assessment of Mercy County Hospital/), expect.stringMatching(/^Capability assessment of Lakeshore/)]);
  });
});

describe('the transfer summary for the receiving team', () => {
  it('says who accepted, how the patient travels, the EMTALA certification and the pump', () => {
    const source = letterSource(
      caseFacts({
        flags: ['baclofenPump', 'pumpFailureSuspected'],
        transfer: {
          stabilized: 'yes',
          emtalaCertification: { certified: true, benefitsAndRisks: 'Pump failure needs a neurosurgeon on site; transport risk is low with a critical-care crew.' },
          acceptance: { physician: 'Dr. Maya Chen', acceptedAt: '2026-11-30T14:20', unit: 'Neuro ICU bed 4' },
          transport: { mode: 'critical_care', escort: 'Critical-care nurse and paramedic' },
          medications: { benzodiazepine: 'Diazepam 10 mg at 18:00', oralBaclofen: '', pump: { model: 'SynchroMed II', dailyDose: '400 mcg/day', nextRefillOn: '2026-12-12', alarm: 'alarm_sounding' } },
        },
      }),
      profile({ neuro_icu: 'not_available' }),
    );
    const summary = letterText(composeTransferSummary(source));
    expect(summary).toContain('Urgency: Emergent.');
    expect(summary).toContain('Accepted by Dr. Maya Chen on Nov 30, 2026 at 14:20, to Neuro ICU bed 4.');
    expect(summary).toContain('Mode: Critical-care transport.');
    expect(summary).toContain('EMTALA certification: Dr. Alan Reyes certifies that the medical benefits of this transfer outweigh its risks.');
    expect(summary).toContain('Intrathecal baclofen pump: model SynchroMed II; dose 400 mcg/day; next refill Dec 12, 2026; alarm: alarm sounding (other).');
    expect(summary).toContain('Benzodiazepine: Diazepam 10 mg at 18:00.');
  });
});
