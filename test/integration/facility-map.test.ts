import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { CoreHarness } from '../support/core-harness';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Grace Okafor', role: 'quality' });
});
afterEach(() => harness.dispose());

describe('the facility map call', () => {
  it('places each facility at its coordinates, else its ZIP centre, else nowhere, and judges its standing profile', async () => {
    const placed = await harness.value('createFacility', { name: 'Harbor General', state: 'MA', zip: '02114', latitude: 42.3626, longitude: -71.0685 });
    await harness.value('createFacility', { name: 'Lakeside Medical Center', state: 'IL', zip: '60611' });
    await harness.value('createFacility', { name: 'Prairie Clinic', state: 'KS' });
    const archived = await harness.value('createFacility', { name: 'Closed Hospital', state: 'KS' });
    await harness.value('setFacilityArchived', { id: archived.id, archived: true });

    const draft = await harness.value('startAssessment', { facilityId: placed.id });
    for (const capabilityId of CAPABILITY_IDS) {
      await harness.value('saveAnswer', {
        assessmentId: draft.id,
        capabilityId,
        answer: {
          status: capabilityId === 'neuro_icu' ? 'via_partner' : 'on_site',
          details: {},
          partner: capabilityId === 'neuro_icu' ? { name: 'Beacon Neuroscience Institute', arrangement: 'written_agreement' } : null,
          evidence: 'Confirmed by phone.',
          verifiedByName: 'Dr. Priya Natarajan',
          verifiedByRole: 'Neurologist',
          verificationMethod: 'phone',
          verifiedOn: '2026-02-20',
        },
      });
    }
    await harness.value('finalizeAssessment', { assessmentId: draft.id });

    const map = await harness.value('facilityMap', { capabilities: ['plasmapheresis', 'neuro_icu'], state: '', verifiedSince: null });
    expect(map.map((entry) => entry.name)).toEqual(['Harbor General', 'Lakeside Medical Center', 'Prairie Clinic']);
    expect(map[0]).toMatchObject({ coverage: 'with_partner', location: { latitude: 42.3626, longitude: -71.0685, approximate: false } });
    expect(map[1]!.coverage).toBe('unassessed');
    expect(map[1]!.location).toMatchObject({ approximate: true });
    expect(map[1]!.location!.latitude).toBeCloseTo(41.89, 1);
    expect(map[2]!.location).toBeNull();

    const plasmaOnly = await harness.value('facilityMap', { capabilities: ['plasmapheresis'], state: 'MA', verifiedSince: null });
    expect(plasmaOnly).toMatchObject([{ name: 'Harbor General', coverage: 'on_site' }]);
    const thisMonth = await harness.value('facilityMap', { capabilities: ['plasmapheresis'], state: 'MA', verifiedSince: '2026-03-01' });
    expect(thisMonth).toMatchObject([{ coverage: 'gap', shortfalls: [{ capability: 'plasmapheresis', reason: 'not_verified_since' }] }]);

    const refused = await harness.call('facilityMap', { capabilities: [], state: '', verifiedSince: null });
    expect(refused).toMatchObject({ ok: false, error: { fields: [{ field: 'capabilities', message: 'Choose at least one capability to map.' }] } });
  });
});
