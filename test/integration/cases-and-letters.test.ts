import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityAnswer } from '../../shared/assessment';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import type { TransferCaseInput } from '../../shared/transfer-case';
import { letterDigest } from '../../electron/core/letters';
import { CoreHarness } from '../support/core-harness';

let harness: CoreHarness;
let mercy: number;
let lakeshore: number;

const answer = (status: CapabilityStatus, verifiedOn = '2026-02-20'): CapabilityAnswer => ({
  status,
  details: {},
  evidence: 'Confirmed with the service lead.',
  verifiedByName: 'Dr. Lena Ortiz',
  verifiedByRole: 'Department chief',
  verificationMethod: 'site_visit',
  verifiedOn,
});

async function assess(facilityId: number, statuses: Partial<Record<CapabilityId, CapabilityStatus>>) {
  const draft = await harness.value('startAssessment', { facilityId });
  for (const id of CAPABILITY_IDS) await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId: id, answer: answer(statuses[id] ?? 'on_site') });
  return harness.value('finalizeAssessment', { assessmentId: draft.id });
}

const caseInput = (overrides: Partial<TransferCaseInput> = {}): TransferCaseInput => ({
  patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' },
  gad65: 'positive',
  stage: 'progressive',
  flags: ['plannedIvig', 'baclofenPump'],
  treatments: [{ treatment: 'baclofen', detail: '80 mg/day', response: 'partial' }],
  referringFacilityId: mercy,
  physician: { name: 'Dr. Alan Reyes', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  ...overrides,
});

beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dr. Alan Reyes', role: 'physician' });
  mercy = (await harness.value('createFacility', { name: 'Mercy County Hospital', zip: '36301' })).id;
  lakeshore = (await harness.value('createFacility', { name: 'Lakeshore University Hospital', latitude: 33.5066, longitude: -86.8036 })).id;
  await assess(mercy, { neuro_icu: 'not_available', ivig: 'via_partner' });
  await assess(lakeshore, {});
});
afterEach(() => harness.dispose());

describe('transfer cases', () => {
  it('validates the case and names each field, including the NPI check digit', async () => {
    const result = await harness.call('createCase', caseInput({
      patient: { name: '', dateOfBirth: '1968-13-40', mrn: 'X', insurer: 'Y', memberId: 'Z' },
      physician: { name: 'Dr. A', npi: '1234567890', phone: '555-0100' },
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields.map((field) => field.field).sort()).toEqual(['patient.dateOfBirth', 'patient.name', 'physician.npi']);
    expect(result.error.fields.find((f) => f.field === 'physician.npi')!.message).toContain('check digit');
  });

  it('works out needs, recommendation and ranked candidates with an approximate distance from a ZIP centroid', async () => {
    const created = await harness.value('createCase', caseInput());
    const workup = await harness.value('getCaseWorkup', { caseId: created.id });
    expect(workup.needs.needs.map((need) => need.capabilityId)).toEqual(['ivig', 'neuro_icu']);
    expect(workup.recommendation.level).toBe('recommended');
    expect(workup.candidates.map((candidate) => candidate.name)).toEqual(['Lakeshore University Hospital']);
    const distance = workup.candidates[0]!.distance!;
    expect(distance.approximate).toBe(true);
    expect(distance.miles).toBeGreaterThan(150);
    expect(distance.miles).toBeLessThan(200);
  });

  it('keeps patient data out of the audit trail', async () => {
    const created = await harness.value('createCase', caseInput());
    await harness.value('updateCase', { caseId: created.id, details: { ...caseInput(), stage: 'acute' } });
    const letter = await harness.value('openLetterDraft', { caseId: created.id, audience: 'family' });
    await harness.value('saveLetterEdit', { letterId: letter.id, paragraphId: 'about-sps', text: 'Maria Delgado, MRN-884120, is our patient.' });
    await harness.value('issueLetter', { letterId: letter.id });
    const trail = harness.rows<{ before_json: string | null; after_json: string | null; entity_id: string }>('SELECT before_json, after_json, entity_id FROM audit_events');
    const everything = JSON.stringify(trail);
    for (const phi of ['Maria', 'Delgado', 'MRN-884120', 'BHH-2231987', '1968-04-09', 'Blue Harbor']) expect(everything).not.toContain(phi);
    expect(trail.map((event) => event.after_json)).toContain(JSON.stringify({ fields: ['stage'] }));
  });
});

describe('letters', () => {
  it('issues an immutable snapshot whose SHA-256 matches its content, and reprints it identically after the assessments change', async () => {
    const created = await harness.value('createCase', caseInput());
    await harness.value('chooseReceivingFacility', { caseId: created.id, facilityId: lakeshore });
    const draft = await harness.value('openLetterDraft', { caseId: created.id, audience: 'insurer' });
    await harness.value('saveLetterEdit', { letterId: draft.id, paragraphId: 'request', text: 'Please authorize this transfer promptly.' });
    const issued = await harness.value('issueLetter', { letterId: draft.id });
    expect(issued.state).toBe('issued');
    const row = harness.rows<{ content_json: string; source_json: string; sha256: string }>('SELECT content_json, source_json, sha256 FROM letters WHERE id = ?', draft.id)[0]!;
    expect(row.sha256).toBe(letterDigest(row.content_json));
    expect(issued.sha256).toBe(row.sha256);
    expect(JSON.parse(row.source_json).transferCase.patient.name).toBe('Maria Delgado');
    expect(issued.letter.blocks.find((block) => block.id === 'request')!.paragraphs[0]!.text).toBe('Please authorize this transfer promptly.');

    // Lakeshore's ICU closes; its assessment is amended.
    const standing = (await harness.value('getFacilityOverview', { facilityId: lakeshore })).profile!;
    harness.clock = new Date('2026-04-01T09:00:00.000Z');
    const amendment = await harness.value('amendAssessment', { assessmentId: standing.assessmentId, reason: 'Neuro ICU closed for renovation.' });
    await harness.value('saveAnswer', { assessmentId: amendment.id, capabilityId: 'neuro_icu', answer: answer('not_available', '2026-03-30') });
    await harness.value('finalizeAssessment', { assessmentId: amendment.id });

    const reprint = await harness.value('getLetter', { letterId: draft.id });
    expect(JSON.stringify(reprint.letter)).toBe(JSON.stringify(issued.letter));
    expect(reprint.sha256).toBe(issued.sha256);

    // A new draft reflects today's data; the issued letter cannot be edited or altered in SQL.
    const next = await harness.value('openLetterDraft', { caseId: created.id, audience: 'insurer' });
    expect(next.id).not.toBe(draft.id);
    const provides = next.letter.blocks.find((block) => block.id === 'receiving')!.paragraphs.map((p) => p.text);
    expect(provides.find((text) => text.startsWith('Neurologic ICU'))).toContain('not confirmed by a finalized assessment');
    const edit = await harness.call('saveLetterEdit', { letterId: draft.id, paragraphId: 'request', text: 'changed' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(() => harness.core.database.sqlite.prepare("UPDATE letters SET content_json = '{}' WHERE id = ?").run(draft.id)).toThrow(/immutable/);
    expect(() => harness.core.database.sqlite.prepare('DELETE FROM letters WHERE id = ?').run(draft.id)).toThrow(/immutable/);

    const history = (await harness.value('getCaseWorkup', { caseId: created.id })).letters;
    expect(history.map((letter) => [letter.audience, letter.state])).toEqual([
      ['insurer', 'draft'],
      ['insurer', 'issued'],
    ]);
  });

  it('refuses an empty paragraph and can restore the original', async () => {
    const created = await harness.value('createCase', caseInput());
    const draft = await harness.value('openLetterDraft', { caseId: created.id, audience: 'family' });
    const original = draft.letter.blocks[0]!.paragraphs[0]!.text;
    expect(await harness.call('saveLetterEdit', { letterId: draft.id, paragraphId: 'about-sps', text: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await harness.value('saveLetterEdit', { letterId: draft.id, paragraphId: 'about-sps', text: 'Edited.' });
    const restored = await harness.value('saveLetterEdit', { letterId: draft.id, paragraphId: 'about-sps', text: null });
    expect(restored.letter.blocks[0]!.paragraphs[0]!.text).toBe(original);
    expect(restored.edits).toEqual({});
  });
});
