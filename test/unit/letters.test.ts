import readability from 'text-readability';
import { describe, expect, it } from 'vitest';
import type { CapabilityProfile, ProfileCapability } from '../../shared/assessment';
import { applyEdits, composeFamilyLetter, composeInsurerLetter, letterText, type ComposedLetter, type LetterSource } from '../../shared/letters';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import { transferCaseSchema, type TransferCase } from '../../shared/transfer-case';
import { deriveNeeds, recommendTransfer } from '../../shared/transfer-rules';

function profile(facilityId: number, statuses: Partial<Record<CapabilityId, CapabilityStatus>>, staleIds: CapabilityId[] = []): CapabilityProfile {
  return {
    facilityId,
    assessmentId: facilityId,
    revision: 2,
    finalizedAt: '2026-06-15T14:00:00.000Z',
    assessorName: 'Dana Whitfield',
    questionnaireVersion: 1,
    capabilities: CAPABILITY_IDS.map((capabilityId): ProfileCapability => ({
      capabilityId,
      status: statuses[capabilityId] ?? 'on_site',
      verifiedOn: staleIds.includes(capabilityId) ? '2024-02-01' : '2026-06-10',
      verifiedByName: facilityId === 1 ? 'Dr. Lena Ortiz' : 'Dr. Samuel Greene',
      verifiedByRole: 'Department chief',
      verificationMethod: 'site_visit',
      stale: staleIds.includes(capabilityId),
      // The patient has a pump and is admitted for IVIG: the details that decide for her are answered.
      details: capabilityId === 'neuro_icu' ? { baclofenPumpFailure: 'yes', neurosurgeryOnCall: 'yes' } : capabilityId === 'ivig' ? { inpatientCourse: 'yes' } : {},
      partner: null,
    })),
  };
}

const transferCase: TransferCase = {
  ...transferCaseSchema.parse({
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' },
    gad65: 'positive',
    stage: 'progressive',
    flags: ['plannedIvig', 'baclofenPump', 'inpatientAdmission'],
    treatments: [
      { treatment: 'baclofen', detail: 'up to 80 mg/day', response: 'partial' },
      { treatment: 'benzodiazepine', detail: 'diazepam 10 mg three times daily', response: 'not_tolerated' },
    ],
    clinicalSummary: 'Worsening axial rigidity with two falls in three weeks.',
    referringFacilityId: 1,
    physician: { name: 'Dr. Alan Reyes', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  }),
  id: 7,
  receivingFacilityId: 2,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  createdByName: 'Dr. Alan Reyes',
};

function source(overrides: Partial<LetterSource> = {}): LetterSource {
  const needs = deriveNeeds(transferCase, '2026-11-20');
  const referringProfile = profile(1, { neuro_icu: 'not_available', ivig: 'via_partner' });
  return {
    transferCase,
    needs: needs.needs,
    warnings: needs.warnings,
    recommendation: recommendTransfer(transferCase, needs.needs, referringProfile),
    referring: { facility: { id: 1, name: 'Mercy County Hospital', city: 'Dothan', state: 'AL', phone: '(334) 555-0100' }, profile: referringProfile },
    receiving: {
      facility: { id: 2, name: 'Lakeshore University Hospital', city: 'Birmingham', state: 'AL', phone: '(205) 555-0199' },
      profile: profile(2, { rehab_therapy: 'via_partner' }, ['ivig']),
      distance: { miles: 181.4, kilometres: 291.9, approximate: true },
    },
    settings: { letterhead: { institution: 'Mercy County Hospital', address: '1 Mercy Way, Dothan, AL 36301', phone: '(334) 555-0100' }, paperSize: 'letter', expiryMonths: 12 },
    date: '2026-11-23',
    ...overrides,
  };
}

const text = (letter: ComposedLetter) => letterText(letter);
const block = (letter: ComposedLetter, id: string) => letter.blocks.find((b) => b.id === id);

describe('the insurer letter', () => {
  const letter = composeInsurerLetter(source());

  it('opens with letterhead, date, utilization review addressee and the Re block', () => {
    expect(letter.letterhead.institution).toBe('Mercy County Hospital');
    expect(letter.date).toBe('November 23, 2026');
    expect(letter.recipient).toEqual(['Utilization Review / Medical Director', 'Blue Harbor Health Plan']);
    const reference = Object.fromEntries(letter.reference.map((line) => [line.label, line.value]));
    expect(reference.Patient).toBe('Maria Delgado');
    expect(reference['Date of birth']).toBe('Apr 9, 1968');
    expect(reference['Member ID']).toBe('BHH-2231987');
    expect(reference.Diagnosis).toContain('ICD-10-CM G25.82');
    expect(reference.Diagnosis).toContain('anti-GAD65 positive');
  });

  it('summarizes the clinical picture and the treatments tried with their response', () => {
    expect(text(letter)).toContain('Worsening axial rigidity with two falls in three weeks.');
    const treatments = block(letter, 'treatments')!.paragraphs.map((p) => p.text);
    expect(treatments).toEqual([
      'Oral baclofen (up to 80 mg/day): partial response.',
      'Benzodiazepine (diazepam 10 mg three times daily): not tolerated.',
    ]);
  });

  it('lists each gap with its status, assessment date and verifier', () => {
    const gaps = block(letter, 'gaps')!.paragraphs.map((p) => p.text);
    const icu = gaps.find((g) => g.startsWith('Neurologic ICU'))!;
    expect(icu).toContain('not available');
    expect(icu).toContain('assessment finalized Jun 15, 2026');
    expect(icu).toContain('verified Jun 10, 2026 by Dr. Lena Ortiz, Department chief');
    expect(gaps.find((g) => g.startsWith('IVIG'))).toContain('through a partner');
  });

  it('says what the receiving facility provides, only from its finalized assessment, with stale evidence footnoted', () => {
    const provides = block(letter, 'receiving')!.paragraphs.map((p) => p.text);
    expect(provides.find((p) => p.startsWith('IVIG'))).toMatch(/on site .*\[1\]\.$/);
    expect(provides.find((p) => p.startsWith('Rehab-grade'))).toContain('through a partner');
    expect(provides.find((p) => p.startsWith('Distance'))).toContain('approx. 181 mi (292 km)');
    expect(letter.footnotes).toEqual([expect.stringMatching(/^IVIG at Lakeshore University Hospital was last verified on Feb 1, 2024, more than 12 months/)]);
  });

  it('never claims a capability that no finalized assessment backs', () => {
    const unassessed = composeInsurerLetter(source({ receiving: { ...source().receiving!, profile: null } }));
    const provides = block(unassessed, 'receiving')!.paragraphs.map((p) => p.text);
    for (const line of provides.filter((p) => !p.startsWith('Distance'))) expect(line).toContain('not confirmed by a finalized assessment');
  });

  it('ends with the request, the attestation, the signature block with NPI, and the enclosures', () => {
    expect(block(letter, 'request')!.paragraphs[0]!.text).toContain('I request authorization for transfer to Lakeshore University Hospital');
    expect(block(letter, 'attestation')!.paragraphs[0]!.text).toMatch(/^I attest/);
    expect(letter.signature).toEqual(['Dr. Alan Reyes, MD', 'NPI 1234567893', 'Phone (555) 201-4400']);
    expect(letter.enclosures).toEqual([
      'Capability assessment of Mercy County Hospital, revision 2, finalized Jun 15, 2026 by Dana Whitfield',
      'Capability assessment of Lakeshore University Hospital, revision 2, finalized Jun 15, 2026 by Dana Whitfield',
    ]);
  });

  it('carries the IgA-deficiency conflict into the clinical summary', () => {
    const withIga = { ...transferCase, flags: [...transferCase.flags, 'igaDeficiency' as const] };
    const needs = deriveNeeds(withIga, '2026-11-20');
    const letterWithIga = composeInsurerLetter(source({ transferCase: withIga, needs: needs.needs, warnings: needs.warnings }));
    expect(text(letterWithIga)).toContain('current labeling does so when there are antibodies against IgA and a history of hypersensitivity');
    expect(text(letterWithIga)).not.toMatch(/taken as the immunotherapy need instead/);
  });
});

describe('the family letter', () => {
  const letter = composeFamilyLetter(source());

  it('reads at grade 8 or lower (Flesch–Kincaid)', () => {
    const grade = readability.fleschKincaidGrade(text(letter));
    expect(grade).toBeLessThanOrEqual(8);
  });

  it('stays readable when nobody has been chosen yet and when no transfer is needed', () => {
    for (const variant of [
      source({ receiving: null }),
      source({ recommendation: recommendTransfer(transferCase, deriveNeeds(transferCase, '2026-11-20').needs, profile(1, {})) }),
    ]) {
      expect(readability.fleschKincaidGrade(text(composeFamilyLetter(variant)))).toBeLessThanOrEqual(8);
    }
  });

  it('explains SPS in two sentences, why the other hospital, what it has, what happens next and whom to call', () => {
    const about = block(letter, 'about')!.paragraphs[0]!.text;
    expect(about).toContain('Stiff person syndrome is a rare illness of the brain and spinal cord. It makes the muscles tight');
    expect(block(letter, 'why')!.paragraphs[0]!.text).toContain('Lakeshore University Hospital');
    expect(block(letter, 'offers')!.paragraphs.map((p) => p.id)).toEqual(['offers-ivig', 'offers-rehab_therapy', 'offers-neuro_icu']);
    expect(block(letter, 'next')!.paragraphs[0]!.text).toContain('A doctor there must agree to take over care.');
    expect(block(letter, 'contact')!.paragraphs[0]!.text).toContain('call Dr. Alan Reyes at (555) 201-4400');
  });

  it('does not blame the local hospital and carries no codes or jargon for the insurer', () => {
    expect(text(letter)).toContain('not because anyone here did something wrong');
    expect(text(letter)).not.toMatch(/G25\.82|ICD|utilization|attest/i);
  });
});

describe('paragraph edits', () => {
  it('replace exactly the paragraph they were made on', () => {
    const letter = composeInsurerLetter(source());
    const edited = applyEdits(letter, { request: 'Please approve the transfer today.' });
    expect(block(edited, 'request')!.paragraphs[0]!.text).toBe('Please approve the transfer today.');
    expect(block(edited, 'attestation')).toEqual(block(letter, 'attestation'));
  });
});

describe('letters judged by the same rules as the workup', () => {
  it('never lists a need as a gap when the referring facility provides it on site with current, favourable verification', () => {
    const referringProfile = profile(1, { neuro_icu: 'not_available' });
    const needs = deriveNeeds(transferCase, '2026-11-20');
    const letter = composeInsurerLetter(
      source({ recommendation: recommendTransfer(transferCase, needs.needs, referringProfile), referring: { ...source().referring, profile: referringProfile } }),
    );
    const gaps = block(letter, 'gaps')!.paragraphs.map((p) => p.text);
    expect(gaps.map((g) => g.split(':')[0])).toEqual(['Neurologic ICU']);
  });

  it('does not claim an ICU for a pump patient when the receiving ICU cannot manage pump failure', () => {
    const receivingProfile = profile(2, {});
    receivingProfile.capabilities.find((c) => c.capabilityId === 'neuro_icu')!.details = { baclofenPumpFailure: 'no' };
    const base = source();
    const variant = source({ receiving: { ...base.receiving!, profile: receivingProfile } });
    const provides = block(composeInsurerLetter(variant), 'receiving')!.paragraphs.map((p) => p.text);
    expect(provides.find((p) => p.startsWith('Neurologic ICU'))).toContain('not confirmed by a finalized assessment of Lakeshore University Hospital for this patient');
    expect(block(composeFamilyLetter(variant), 'offers')!.paragraphs.map((p) => p.id)).not.toContain('offers-neuro_icu');
  });

  it('writes to the parent or guardian of a minor', () => {
    const child = { ...transferCase, patient: { ...transferCase.patient, name: 'Ann Lee', dateOfBirth: '2015-06-01' } };
    expect(composeFamilyLetter(source({ transferCase: child })).salutation).toBe('Dear parent or guardian of Ann,');
    const withGuardian = { ...child, guardian: { name: 'Grace Lee', relationship: 'mother' } };
    expect(composeFamilyLetter(source({ transferCase: withGuardian })).salutation).toBe('Dear Grace Lee,');
    expect(composeFamilyLetter(source()).salutation).toBe('Dear Maria Delgado and family,');
  });

  it('says when the receiving hospital gives care through a partner', () => {
    const offers = block(composeFamilyLetter(source()), 'offers')!.paragraphs;
    expect(offers.find((p) => p.id === 'offers-rehab_therapy')!.text).toContain('with a partner hospital');
  });
});
