import type { CapabilityAnswer, CapabilityProfile, DetailValue, PartnerArrangement, ProfileCapability } from '../../shared/assessment';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import { transferCaseSchema, type TransferCaseDetails, type TransferCaseInput } from '../../shared/transfer-case';

/** The date the clinical tests are judged on. */
export const TODAY = '2026-11-30';

/** A verified on-site answer with its details, for tests that save answers without being about them. */
export const VERIFIED_ANSWER: CapabilityAnswer = {
  status: 'on_site',
  details: { onSiteService: 'yes', daysToStart: 2 },
  partner: null,
  evidence: 'Apheresis policy TM-114, reviewed with the blood bank director.',
  verifiedByName: 'Dr. Priya Natarajan',
  verifiedByRole: 'Transfusion medicine director',
  verificationMethod: 'phone',
  verifiedOn: '2026-02-20',
};

/**
 * An answer checked by phone with the unit manager, for the registry tests that finalize many of
 * them: no partner, unlike VERIFIED_ANSWER, and details only when given.
 */
export function checkedAnswer(status: CapabilityStatus, options: { details?: Record<string, DetailValue>; verifiedOn?: string } = {}) {
  return {
    status,
    details: options.details ?? {},
    evidence: 'Checked with the unit manager.',
    verifiedByName: 'Dr. Priya Natarajan',
    verifiedByRole: 'Neurologist',
    verificationMethod: 'phone' as const,
    verifiedOn: options.verifiedOn ?? '2026-02-20',
  };
}

/** One capability as a test states it: a status, or the status with details, staleness and a partner. */
export type CapabilitySpec =
  | CapabilityStatus
  | { status: CapabilityStatus; details?: Record<string, DetailValue>; stale?: boolean; partner?: PartnerArrangement };

/**
 * A finalized profile in which every capability is on site, fresh and verified unless the spec says
 * otherwise; details are left unanswered unless given, as in an assessment made before they counted.
 */
export function profile(specs: Partial<Record<CapabilityId, CapabilitySpec>> = {}, facilityId = 1): CapabilityProfile {
  return {
    facilityId,
    assessmentId: facilityId * 10,
    revision: 1,
    finalizedAt: '2026-05-01T12:00:00.000Z',
    assessorName: 'Dana Whitfield',
    questionnaireVersion: 1,
    capabilities: CAPABILITY_IDS.map((capabilityId): ProfileCapability => {
      const raw = specs[capabilityId] ?? 'on_site';
      const spec = typeof raw === 'string' ? { status: raw } : raw;
      const stale = spec.stale ?? false;
      return {
        capabilityId,
        status: spec.status,
        verifiedOn: stale ? '2024-01-10' : '2026-04-20',
        verifiedByName: 'Dr. Priya Natarajan',
        verifiedByRole: 'Director',
        verificationMethod: 'phone',
        stale,
        details: spec.details ?? {},
        partner: spec.status === 'via_partner' ? (spec.partner ?? null) : null,
      };
    }),
  };
}

/** A case as the rules read it, from the fields a test cares about. */
export function caseFacts(input: Partial<TransferCaseInput> = {}): TransferCaseDetails {
  return transferCaseSchema.parse({
    patient: { name: 'Test Patient', dateOfBirth: '1970-03-15', mrn: 'MRN-1', insurer: 'Plan', memberId: 'M-1' },
    gad65: 'positive',
    stage: 'progressive',
    referringFacilityId: 1,
    physician: { name: 'Dr. Alan Reyes', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
    ...input,
  });
}
