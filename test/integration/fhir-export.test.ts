import Validator from '@asymmetrik/fhir-json-schema-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityAnswer } from '../../shared/assessment';
import { CCN_SYSTEM } from '../../shared/fhir';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { exportFhirBundle } from '../../electron/core/fhir-export';
import { CoreHarness } from '../support/core-harness';

const validator = new Validator();
let harness: CoreHarness;

const answer = (verifiedOn: string): CapabilityAnswer => ({
  status: 'on_site',
  details: { onSiteService: 'yes', daysToStart: 3 },
  partner: null,
  evidence: 'Policy TM-114.',
  verifiedByName: 'Dr. Lena Ortiz',
  verifiedByRole: 'Chief',
  verificationMethod: 'phone',
  verifiedOn,
});

beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  for (const [name, ccn] of [['Yale-New Haven Hospital', '070022'], ['Harbor General', null]] as const) {
    const facility = await harness.value('createFacility', { name, ccn, address: '20 York Street', city: 'New Haven', state: 'CT', zip: '06504', phone: '(203) 688-4242' });
    const draft = await harness.value('startAssessment', { facilityId: facility.id });
    for (const id of CAPABILITY_IDS) await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId: id, answer: answer('2026-02-1' + (id.length % 9)) });
    if (ccn === null) {
      // Harbor General gives IVIG through Yale-New Haven (in the registry) and plasma exchange through a typed partner.
      await harness.value('saveAnswer', {
        assessmentId: draft.id,
        capabilityId: 'ivig',
        answer: { ...answer('2026-02-11'), status: 'via_partner', partner: { facilityId: 1, name: 'Yale-New Haven Hospital', arrangement: 'health_system', deliveryDays: 2 } },
      });
      await harness.value('saveAnswer', {
        assessmentId: draft.id,
        capabilityId: 'plasmapheresis',
        answer: { ...answer('2026-02-11'), status: 'via_partner', partner: { facilityId: null, name: 'Shoreline Apheresis', arrangement: 'written_agreement', deliveryDays: null } },
      });
    }
    await harness.value('finalizeAssessment', { assessmentId: draft.id });
  }
  await harness.value('createCase', {
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Plan', memberId: 'BHH-2231987' },
    gad65: 'positive',
    stage: 'acute',
    referringFacilityId: 1,
    physician: { name: 'Dr. Alan Reyes', npi: '1234567893', phone: '555-0100' },
  });
});
afterEach(() => harness.dispose());

describe('FHIR R4 export', () => {
  it('is a Bundle valid against the FHIR R4 schema, with the questionnaire, an Organization per facility and a response per standing assessment', async () => {
    const bundle = (await exportFhirBundle(harness.core.database.db, harness.clock)) as { entry: { resource: Record<string, unknown> }[] };
    expect(validator.validate(bundle)).toEqual([]);
    for (const { resource } of bundle.entry) expect(validator.validate(resource), String(resource.resourceType)).toEqual([]);

    const byType = (type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    expect(byType('Questionnaire')).toHaveLength(1);
    expect(byType('Organization')).toHaveLength(2);
    expect(byType('QuestionnaireResponse')).toHaveLength(2);
    expect(byType('Organization')[0]!.identifier).toEqual([{ system: CCN_SYSTEM, value: '070022' }]);

    const response = JSON.stringify(byType('QuestionnaireResponse')[0]);
    expect(response).toContain('"linkId":"neuro_icu.verifiedOn","text":"Verified on","answer":[{"valueDate":"2026-02-10"}]');
    expect(response).toContain('"reference":"Organization/facility-1"');

    const affiliations = byType('OrganizationAffiliation');
    expect(affiliations).toHaveLength(2);
    const ivig = affiliations.find((a) => JSON.stringify(a.specialty).includes('"code":"ivig"'))!;
    expect(ivig.organization).toEqual({ reference: 'Organization/facility-2', display: 'Harbor General' });
    expect(ivig.participatingOrganization).toEqual({ reference: 'Organization/facility-1', display: 'Yale-New Haven Hospital' });
    expect(JSON.stringify(ivig.code)).toContain('"code":"health_system"');
    expect(ivig.extension).toEqual([{ url: 'urn:transferready:StructureDefinition:partner-delivery-days', valueInteger: 2 }]);
    const plasma = affiliations.find((a) => JSON.stringify(a.specialty).includes('"code":"plasmapheresis"'))!;
    expect(plasma.participatingOrganization).toEqual({ display: 'Shoreline Apheresis' });
  });

  it('carries no patient data', async () => {
    const text = JSON.stringify(await exportFhirBundle(harness.core.database.db, harness.clock));
    for (const phi of ['Maria', 'Delgado', 'MRN-884120', 'BHH-2231987', '1968-04-09']) expect(text).not.toContain(phi);
  });

  it('is checked by a validator that does reject invalid FHIR', () => {
    expect(validator.validate({ resourceType: 'QuestionnaireResponse', status: 'finished-ish' }).length).toBeGreaterThan(0);
    expect(validator.validate({ resourceType: 'Organization', active: 'yes' }).length).toBeGreaterThan(0);
  });
});
