import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityAnswer } from '../../shared/assessment';
import { CAPABILITY_IDS, type CapabilityId } from '../../shared/questionnaire';
import { VERIFIED_ANSWER } from '../support/clinical-fixtures';
import { CoreHarness } from '../support/core-harness';

let harness: CoreHarness;
let facilityId: number;

const PARTNER = { facilityId: null, name: 'Regional Partner Hospital', arrangement: 'written_agreement', deliveryDays: 2 } as const;

const verified = (overrides: Partial<CapabilityAnswer> = {}): CapabilityAnswer => ({
  ...VERIFIED_ANSWER,
  ...overrides,
  ...(overrides.status === 'via_partner' && overrides.partner === undefined ? { partner: PARTNER } : {}),
});

async function answerAll(assessmentId: number, overrides: Partial<Record<CapabilityId, Partial<CapabilityAnswer>>> = {}) {
  for (const capabilityId of CAPABILITY_IDS) {
    await harness.value('saveAnswer', { assessmentId, capabilityId, answer: verified(overrides[capabilityId]) });
  }
}

beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  facilityId = (await harness.value('createFacility', { name: 'Harbor General', ccn: '050454' })).id;
});
afterEach(() => harness.dispose());

describe('the assessment lifecycle', () => {
  it('keeps a draft answer saved as typed, even incomplete, across a restart', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await harness.value('saveAnswer', {
      assessmentId: draft.id,
      capabilityId: 'ivig',
      answer: { status: 'via_partner', details: {}, evidence: 'Half-typed note', verifiedByName: '', verifiedByRole: '', verificationMethod: null, verifiedOn: null },
    });
    await harness.reopen();
    const reloaded = await harness.value('getAssessment', { assessmentId: draft.id });
    expect(reloaded.answers.ivig).toMatchObject({ status: 'via_partner', evidence: 'Half-typed note' });
    expect(reloaded.answers.psychiatry.status).toBeNull();
    expect(await harness.value('startAssessment', { facilityId })).toMatchObject({ id: draft.id });
  });

  it('refuses to finalize until every answer is complete, naming each field', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await answerAll(draft.id, {
      neuro_icu: { verifiedByName: '', verifiedOn: '2026-03-05' },
      rehab_center: { status: null },
    });
    const result = await harness.call('finalizeAssessment', { assessmentId: draft.id });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('3 answers need attention before finalizing.');
    expect(result.error.fields.map((field) => field.field).sort()).toEqual([
      'answers.neuro_icu.verifiedByName',
      'answers.neuro_icu.verifiedOn',
      'answers.rehab_center.status',
    ]);
    expect(result.error.fields.find((field) => field.field === 'answers.neuro_icu.verifiedOn')!.message).toContain('future');
  });

  it('asks who the partner is before a “through a partner” answer can be finalized', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await answerAll(draft.id, { ivig: { status: 'via_partner', partner: null } });
    const refused = await harness.call('finalizeAssessment', { assessmentId: draft.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (refused.ok) return;
    expect(refused.error.fields).toEqual([
      { field: 'answers.ivig.partner.name', message: 'Name the partner that provides it.' },
      { field: 'answers.ivig.partner.arrangement', message: 'Choose the kind of arrangement with the partner.' },
    ]);
    const badDays = await harness.call('saveAnswer', { assessmentId: draft.id, capabilityId: 'ivig', answer: verified({ status: 'via_partner', partner: { ...PARTNER, deliveryDays: -1 } }) });
    expect(badDays).toMatchObject({ ok: false, error: { fields: [{ field: 'answer.partner.deliveryDays', message: 'Days cannot be negative.' }] } });
    await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId: 'ivig', answer: verified({ status: 'via_partner' }) });
    expect((await harness.value('finalizeAssessment', { assessmentId: draft.id })).answers.ivig.partner).toEqual(PARTNER);
  });

  it('lets an unknown status through without verification', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await answerAll(draft.id, { psychiatry: { status: 'unknown', verifiedByName: '', verificationMethod: null, verifiedOn: null } });
    const finalized = await harness.value('finalizeAssessment', { assessmentId: draft.id });
    expect(finalized.state).toBe('finalized');
  });

  it('finalizes into a read-only profile, and an amendment with a reason supersedes it', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await answerAll(draft.id, { neuro_icu: { status: 'not_available' }, ivig: { status: 'via_partner' } });
    const finalized = await harness.value('finalizeAssessment', { assessmentId: draft.id });
    expect(finalized).toMatchObject({ state: 'finalized', revision: 1, finalizedAt: harness.clock.toISOString() });

    const overview = await harness.value('getFacilityOverview', { facilityId });
    expect(overview.verdict).toBe(
      'Provides: Plasma exchange, Rehab-grade PT and OT, Psychiatric consultation, Rehabilitation center; through a partner: IVIG; cannot provide: Neurologic ICU.',
    );
    expect(overview.profile?.capabilities.find((c) => c.capabilityId === 'ivig')!.partner).toEqual(PARTNER);
    expect(overview.profile?.capabilities.find((c) => c.capabilityId === 'neuro_icu')).toMatchObject({
      status: 'not_available',
      verifiedOn: '2026-02-20',
      verifiedByName: 'Dr. Priya Natarajan',
      stale: false,
    });

    const edit = await harness.call('saveAnswer', { assessmentId: draft.id, capabilityId: 'ivig', answer: verified() });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('read-only') } });
    await expect(harness.rows("UPDATE assessment_answers SET status = 'on_site' WHERE assessment_id = ?", draft.id)).rejects.toThrow(/read-only/);
    await expect(harness.rows('DELETE FROM assessment_answers WHERE assessment_id = ?', draft.id)).rejects.toThrow(/read-only/);

    const noReason = await harness.call('amendAssessment', { assessmentId: draft.id, reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: { fields: [{ field: 'reason' }] } });

    harness.clock = new Date('2026-03-10T09:00:00.000Z');
    const amendment = await harness.value('amendAssessment', { assessmentId: draft.id, reason: 'Neuro ICU opened in March.' });
    expect(amendment).toMatchObject({ state: 'draft', revision: 2, amendsId: draft.id, amendmentReason: 'Neuro ICU opened in March.' });
    expect(amendment.answers.ivig).toMatchObject({ status: 'via_partner', partner: PARTNER });
    await harness.value('saveAnswer', {
      assessmentId: amendment.id,
      capabilityId: 'neuro_icu',
      answer: verified({ status: 'on_site', verifiedOn: '2026-03-09' }),
    });
    // Until the amendment is finalized, the profile still shows revision 1.
    expect((await harness.value('getFacilityOverview', { facilityId })).profile?.revision).toBe(1);
    await harness.value('finalizeAssessment', { assessmentId: amendment.id });

    const after = await harness.value('getFacilityOverview', { facilityId });
    expect(after.profile?.revision).toBe(2);
    expect(after.verdict).toBe(
      'Provides: Plasma exchange, Rehab-grade PT and OT, Psychiatric consultation, Neurologic ICU, Rehabilitation center; through a partner: IVIG.',
    );
    expect(after.history.map((item) => [item.revision, item.state])).toEqual([
      [2, 'finalized'],
      [1, 'superseded'],
    ]);
    const actions = (await harness.rows<{ action: string }>("SELECT action FROM audit_events WHERE entity_type = 'assessment' ORDER BY id")).map((row) => row.action);
    expect(actions.filter((action) => !action.startsWith('answer:'))).toEqual(['create', 'finalize', 'amend', 'supersede', 'finalize']);
  });

  it('marks verifications older than the expiry period as stale', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await answerAll(draft.id, { plasmapheresis: { verifiedOn: '2025-03-03' }, ivig: { verifiedOn: '2025-03-04' } });
    await harness.value('finalizeAssessment', { assessmentId: draft.id });
    const profile = (await harness.value('getFacilityOverview', { facilityId })).profile!;
    const stale = (id: CapabilityId) => profile.capabilities.find((c) => c.capabilityId === id)!.stale;
    expect(stale('plasmapheresis')).toBe(true);
    expect(stale('ivig')).toBe(false);

    await harness.value('saveSettings', { expiryMonths: 6 });
    const shorter = (await harness.value('getFacilityOverview', { facilityId })).profile!;
    expect(shorter.capabilities.find((c) => c.capabilityId === 'ivig')!.stale).toBe(true);
    expect(shorter.capabilities.find((c) => c.capabilityId === 'rehab_center')!.stale).toBe(false);
  });

  it('will not start an assessment of an archived facility or a second one beside a finalized profile', async () => {
    const draft = await harness.value('startAssessment', { facilityId });
    await answerAll(draft.id);
    await harness.value('finalizeAssessment', { assessmentId: draft.id });
    expect(await harness.call('startAssessment', { facilityId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Amend it') } });

    const other = await harness.value('createFacility', { name: 'Closed Campus' });
    await harness.value('setFacilityArchived', { id: other.id, archived: true });
    expect(await harness.call('startAssessment', { facilityId: other.id })).toMatchObject({ ok: false, error: { message: expect.stringContaining('archived') } });
  });
});
