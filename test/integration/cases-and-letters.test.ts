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
  partner: status === 'via_partner' ? { facilityId: null, name: 'Regional Partner Hospital', arrangement: 'written_agreement', deliveryDays: 2 } : null,
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
    const trail = await harness.rows<{ before_json: string | null; after_json: string | null; entity_id: string }>('SELECT before_json, after_json, entity_id FROM audit_events');
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
    const [row] = await harness.rows<{ content_json: string; source_json: string; sha256: string }>('SELECT content_json, source_json, sha256 FROM letters WHERE id = ?', draft.id);
    expect(row!.sha256).toBe(letterDigest(row!.content_json));
    expect(issued.sha256).toBe(row!.sha256);
    expect(JSON.parse(row!.source_json).transferCase.patient.name).toBe('Maria Delgado');
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
    await expect(harness.rows("UPDATE letters SET content_json = '{}' WHERE id = ?", draft.id)).rejects.toThrow(/immutable/);
    await expect(harness.rows('DELETE FROM letters WHERE id = ?', draft.id)).rejects.toThrow(/immutable/);
    expect((await harness.value('getLetter', { letterId: draft.id })).sha256).toBe(issued.sha256);

    const history = (await harness.value('getCaseWorkup', { caseId: created.id })).letters;
    expect(history.map((letter) => [letter.audience, letter.state])).toEqual([
      ['insurer', 'draft'],
      ['insurer', 'issued'],
    ]);
  });

  it('refuses to issue an insurer letter for a transfer the recommendation does not support, and says what would change it', async () => {
    // Lakeshore provides everything on site; a patient there with IVIG planned needs no transfer.
    const created = await harness.value('createCase', caseInput({ referringFacilityId: lakeshore, flags: ['plannedIvig'] }));
    expect((await harness.value('getCaseWorkup', { caseId: created.id })).recommendation.level).toBe('not_indicated');
    const draft = await harness.value('openLetterDraft', { caseId: created.id, audience: 'insurer' });
    expect(draft.issueBlocker).toMatch(/^The recommendation is “Transfer not indicated”/);
    const refused = await harness.call('issueLetter', { letterId: draft.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('no transfer to ask the insurer to authorize') } });
    expect((await harness.value('getLetter', { letterId: draft.id })).state).toBe('draft');
    // The family letter is still written: it tells the family no move is needed.
    const family = await harness.value('openLetterDraft', { caseId: created.id, audience: 'family' });
    expect(family.issueBlocker).toBeNull();
    expect(family.letter.blocks.find((block) => block.id === 'why')!.paragraphs[0]!.text).toContain('a move to another hospital is not needed');
  });

  it('asks for a recorded confirmation before issuing a Spanish letter no qualified translator has reviewed', async () => {
    const created = await harness.value('createCase', caseInput({ preferredLanguage: 'es' }));
    const draft = await harness.value('openLetterDraft', { caseId: created.id, audience: 'family' });
    expect(draft.letter.language).toBe('es');
    expect(draft.translationNotice).toMatch(/^Translation not yet reviewed by a qualified translator/);
    const refused = await harness.call('issueLetter', { letterId: draft.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', fields: [{ field: 'confirmUnreviewedTranslation' }] } });
    const issued = await harness.value('issueLetter', { letterId: draft.id, confirmUnreviewedTranslation: true });
    expect(issued.state).toBe('issued');
    const [event] = await harness.rows<{ after_json: string }>("SELECT after_json FROM audit_events WHERE entity_type = 'letter' AND action = 'issue'");
    expect(JSON.parse(event!.after_json)).toMatchObject({ state: 'issued', unreviewedTranslationConfirmed: true });

    // An English letter needs no review.
    const english = await harness.value('createCase', caseInput());
    const englishDraft = await harness.value('openLetterDraft', { caseId: english.id, audience: 'family' });
    expect(englishDraft.translationNotice).toBeNull();
  });

  it('composes a transfer summary for the receiving team from the transfer record', async () => {
    const created = await harness.value('createCase', caseInput());
    await harness.value('chooseReceivingFacility', { caseId: created.id, facilityId: lakeshore });
    const withTransfer = caseInput({
      transfer: {
        stabilized: 'yes',
        acceptance: { physician: 'Dr. Maya Chen', acceptedAt: '2026-03-01T09:30', unit: 'Neuro ICU' },
        transport: { mode: 'als', escort: 'Paramedic' },
      },
    });
    await harness.value('updateCase', { caseId: created.id, details: withTransfer });
    const summary = await harness.value('getTransferSummary', { caseId: created.id });
    expect(summary.audience).toBe('transfer_summary');
    const text = JSON.stringify(summary);
    expect(text).toContain('Accepted by Dr. Maya Chen on Mar 1, 2026 at 09:30, to Neuro ICU.');
    expect(text).toContain('Advanced life support (ALS) ambulance');
    expect(text).toContain('Lakeshore University Hospital');
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
