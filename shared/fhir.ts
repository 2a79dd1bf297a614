import { PARTNER_ARRANGEMENT_LABELS, type Assessment, type DetailValue } from './assessment';
import type { Facility } from './facility';
import { CAPABILITY_STATUS_LABELS, CAPABILITY_STATUSES, capabilityQuestion, type Questionnaire, type DetailQuestion } from './questionnaire';

/** FHIR R4 interchange: the questionnaire, one Organization per facility, one response per standing assessment. */
export const FHIR_BASE = 'urn:transferready';
export const CCN_SYSTEM = 'urn:oid:2.16.840.1.113883.4.336';
export const STATUS_SYSTEM = `${FHIR_BASE}:capability-status`;
const DETAIL_SYSTEM = `${FHIR_BASE}:yes-no-unknown`;
export const ARRANGEMENT_SYSTEM = `${FHIR_BASE}:partner-arrangement`;
export const CAPABILITY_SYSTEM = `${FHIR_BASE}:capability`;
export const DELIVERY_DAYS_EXTENSION = `${FHIR_BASE}:StructureDefinition:partner-delivery-days`;

type Json = Record<string, unknown>;

export function questionnaireUrl(questionnaire: Questionnaire): string {
  return `${FHIR_BASE}:Questionnaire:${questionnaire.id}`;
}

const YES_NO: { code: string; display: string }[] = [
  { code: 'yes', display: 'Yes' },
  { code: 'no', display: 'No' },
  { code: 'unknown', display: 'Not sure' },
];

function detailItem(capabilityId: string, detail: DetailQuestion): Json {
  return detail.kind === 'days'
    ? { linkId: `${capabilityId}.${detail.id}`, text: detail.label, type: 'integer' }
    : { linkId: `${capabilityId}.${detail.id}`, text: detail.label, type: 'choice', answerOption: YES_NO.map((o) => ({ valueCoding: { system: DETAIL_SYSTEM, ...o } })) };
}

export function toFhirQuestionnaire(questionnaire: Questionnaire): Json {
  return {
    resourceType: 'Questionnaire',
    id: questionnaire.id,
    url: questionnaireUrl(questionnaire),
    version: String(questionnaire.version),
    name: 'SpsTransferQuestions',
    title: questionnaire.title,
    status: 'active',
    subjectType: ['Organization'],
    item: questionnaire.capabilities.map((capability) => ({
      linkId: capability.id,
      prefix: capability.number,
      text: capability.question,
      type: 'group',
      item: [
        {
          linkId: `${capability.id}.status`,
          text: 'Status',
          type: 'choice',
          required: true,
          answerOption: CAPABILITY_STATUSES.map((status) => ({ valueCoding: { system: STATUS_SYSTEM, code: status, display: CAPABILITY_STATUS_LABELS[status] } })),
        },
        ...capability.details.map((detail) => detailItem(capability.id, detail)),
        { linkId: `${capability.id}.evidence`, text: 'Evidence', type: 'text' },
        { linkId: `${capability.id}.verifiedBy`, text: 'Verified by', type: 'string' },
        { linkId: `${capability.id}.verificationMethod`, text: 'How it was verified', type: 'string' },
        { linkId: `${capability.id}.verifiedOn`, text: 'Verified on', type: 'date' },
      ],
    })),
  };
}

export function organizationId(facilityId: number): string {
  return `facility-${facilityId}`;
}

export function toFhirOrganization(facility: Facility): Json {
  const address: Json = { country: 'US' };
  if (facility.address) address.line = [facility.address];
  if (facility.city) address.city = facility.city;
  if (facility.state) address.state = facility.state;
  if (facility.zip) address.postalCode = facility.zip;
  if (facility.county) address.district = facility.county;
  return {
    resourceType: 'Organization',
    id: organizationId(facility.id),
    active: !facility.archived,
    ...(facility.ccn ? { identifier: [{ system: CCN_SYSTEM, value: facility.ccn }] } : {}),
    ...(facility.facilityType ? { type: [{ text: facility.facilityType }] } : {}),
    name: facility.name,
    ...(facility.phone ? { telecom: [{ system: 'phone', value: facility.phone, use: 'work' }] } : {}),
    address: [address],
  };
}

function detailAnswer(detail: DetailQuestion, value: DetailValue | undefined): Json[] {
  if (value === undefined) return [];
  if (detail.kind === 'days') return typeof value === 'number' ? [{ valueInteger: value }] : [];
  const option = YES_NO.find((o) => o.code === value);
  return option ? [{ valueCoding: { system: DETAIL_SYSTEM, ...option } }] : [];
}

export function toFhirQuestionnaireResponse(assessment: Assessment, questionnaire: Questionnaire): Json {
  const item = questionnaire.capabilities.map((capability) => {
    const answer = assessment.answers[capability.id];
    const leaf = (linkId: string, text: string, answers: Json[]): Json[] => (answers.length ? [{ linkId: `${capability.id}.${linkId}`, text, answer: answers }] : []);
    const verifier = [answer.verifiedByName, answer.verifiedByRole].filter(Boolean).join(', ');
    return {
      linkId: capability.id,
      text: capability.question,
      item: [
        ...leaf('status', 'Status', answer.status ? [{ valueCoding: { system: STATUS_SYSTEM, code: answer.status, display: CAPABILITY_STATUS_LABELS[answer.status] } }] : []),
        ...capability.details.flatMap((detail) => leaf(detail.id, detail.label, detailAnswer(detail, answer.details[detail.id]))),
        ...leaf('evidence', 'Evidence', answer.evidence ? [{ valueString: answer.evidence }] : []),
        ...leaf('verifiedBy', 'Verified by', verifier ? [{ valueString: verifier }] : []),
        ...leaf('verificationMethod', 'How it was verified', answer.verificationMethod ? [{ valueString: answer.verificationMethod }] : []),
        ...leaf('verifiedOn', 'Verified on', answer.verifiedOn ? [{ valueDate: answer.verifiedOn }] : []),
      ],
    };
  });
  return {
    resourceType: 'QuestionnaireResponse',
    id: `assessment-${assessment.id}`,
    identifier: { system: `${FHIR_BASE}:assessment`, value: String(assessment.id) },
    questionnaire: `${questionnaireUrl(questionnaire)}|${questionnaire.version}`,
    status: 'completed',
    subject: { reference: `Organization/${organizationId(assessment.facilityId)}`, display: assessment.facilityName },
    authored: assessment.finalizedAt ?? assessment.updatedAt,
    author: { display: `${assessment.assessorName} (${assessment.assessorRole})` },
    item: item.filter((group) => group.item.length > 0),
  };
}

/**
 * "Through a partner" as FHIR says it: the facility (organization) offers the capability (specialty)
 * performed by the partner (participatingOrganization), under an arrangement (code). A partner not in
 * the registry is named by display only.
 */
export function toFhirOrganizationAffiliations(assessment: Assessment, questionnaire: Questionnaire): Json[] {
  return questionnaire.capabilities.flatMap((capability) => {
    const answer = assessment.answers[capability.id];
    const partner = answer.status === 'via_partner' ? answer.partner : null;
    if (!partner || (!partner.name && partner.facilityId === null)) return [];
    const question = capabilityQuestion(questionnaire, capability.id);
    return [
      {
        resourceType: 'OrganizationAffiliation',
        id: `assessment-${assessment.id}-${capability.id.replace(/_/g, '-')}`,
        active: true,
        ...(partner.deliveryDays !== null ? { extension: [{ url: DELIVERY_DAYS_EXTENSION, valueInteger: partner.deliveryDays }] } : {}),
        organization: { reference: `Organization/${organizationId(assessment.facilityId)}`, display: assessment.facilityName },
        participatingOrganization:
          partner.facilityId !== null ? { reference: `Organization/${organizationId(partner.facilityId)}`, display: partner.name } : { display: partner.name },
        ...(partner.arrangement
          ? { code: [{ coding: [{ system: ARRANGEMENT_SYSTEM, code: partner.arrangement, display: PARTNER_ARRANGEMENT_LABELS[partner.arrangement] }] }] }
          : {}),
        specialty: [{ coding: [{ system: CAPABILITY_SYSTEM, code: capability.id, display: question.name }] }],
      },
    ];
  });
}

/** A collection Bundle; patient data has no place in it and none is passed in. */
export function toFhirBundle(resources: Json[], timestamp: string): Json {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: resources.map((resource) => ({ fullUrl: `${FHIR_BASE}:${String(resource.resourceType)}:${String(resource.id)}`, resource })),
  };
}
