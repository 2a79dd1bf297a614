import type { FieldProblem } from './call-result';
import { monthsBefore, type IsoDate } from './calendar';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus, type VerificationMethod } from './questionnaire';

export const ASSESSMENT_STATES = ['draft', 'finalized', 'superseded'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

export type DetailValue = 'yes' | 'no' | 'unknown' | number;

export const PARTNER_ARRANGEMENTS = ['health_system', 'network', 'written_agreement'] as const;
export type PartnerArrangementKind = (typeof PARTNER_ARRANGEMENTS)[number];
export const PARTNER_ARRANGEMENT_LABELS: Record<PartnerArrangementKind, string> = {
  health_system: 'Same health system',
  network: 'Network membership',
  written_agreement: 'Written transfer or service agreement',
};

/** Who provides a capability that a facility offers "through a partner", and on what terms. */
export interface PartnerArrangement {
  /** The partner in the registry, when it is there; its own finalized assessment then backs the claim. */
  facilityId: number | null;
  /** The partner's name as typed, or as the registry had it when chosen. */
  name: string;
  arrangement: PartnerArrangementKind | null;
  /** How many days the partner usually needs to deliver. */
  deliveryDays: number | null;
}

export interface CapabilityAnswer {
  status: CapabilityStatus | null;
  details: Record<string, DetailValue>;
  /** Filled when the status is "through a partner". */
  partner: PartnerArrangement | null;
  evidence: string;
  verifiedByName: string;
  verifiedByRole: string;
  verificationMethod: VerificationMethod | null;
  verifiedOn: IsoDate | null;
}

export const EMPTY_ANSWER: CapabilityAnswer = {
  status: null,
  details: {},
  partner: null,
  evidence: '',
  verifiedByName: '',
  verifiedByRole: '',
  verificationMethod: null,
  verifiedOn: null,
};

export interface Assessment {
  id: number;
  facilityId: number;
  facilityName: string;
  questionnaireId: 'sps-transfer';
  questionnaireVersion: number;
  state: AssessmentState;
  /** 1 for the first assessment of a facility, 2 for its first amendment, and so on. */
  revision: number;
  amendsId: number | null;
  amendmentReason: string | null;
  assessorName: string;
  assessorRole: string;
  createdAt: string;
  updatedAt: string;
  finalizedAt: string | null;
  supersededAt: string | null;
  answers: Record<CapabilityId, CapabilityAnswer>;
}

export type AssessmentSummary = Omit<Assessment, 'answers'>;

/** Everything a capability answer needs before it can be finalized, by field. */
export function answerProblems(capabilityId: CapabilityId, answer: CapabilityAnswer, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const field = (name: string) => `answers.${capabilityId}.${name}`;
  if (!answer.status) problems.push({ field: field('status'), message: 'Choose a status.' });
  if (answer.status && answer.status !== 'unknown') {
    if (!answer.verifiedByName.trim()) problems.push({ field: field('verifiedByName'), message: 'Enter who confirmed this.' });
    if (!answer.verificationMethod) problems.push({ field: field('verificationMethod'), message: 'Choose how it was verified.' });
    if (!answer.verifiedOn) problems.push({ field: field('verifiedOn'), message: 'Enter the date it was verified.' });
  }
  if (answer.status === 'via_partner') {
    if (!answer.partner?.name.trim()) problems.push({ field: field('partner.name'), message: 'Name the partner that provides it.' });
    if (!answer.partner?.arrangement) problems.push({ field: field('partner.arrangement'), message: 'Choose the kind of arrangement with the partner.' });
  }
  if (answer.verifiedOn && answer.verifiedOn > today) {
    problems.push({ field: field('verifiedOn'), message: 'The verification date cannot be in the future.' });
  }
  return problems;
}

export function assessmentProblems(assessment: Pick<Assessment, 'answers'>, today: IsoDate): FieldProblem[] {
  return CAPABILITY_IDS.flatMap((id) => answerProblems(id, assessment.answers[id], today));
}

/* ---------- capability profile ---------- */

export const DEFAULT_EXPIRY_MONTHS = 12;

export interface ProfileCapability {
  capabilityId: CapabilityId;
  status: CapabilityStatus;
  verifiedOn: IsoDate | null;
  verifiedByName: string;
  verifiedByRole: string;
  verificationMethod: VerificationMethod | null;
  /** Verification missing or older than the expiry period. */
  stale: boolean;
  /** The structured details as answered; judged against a patient's needs by capability-judgement. */
  details: Record<string, DetailValue>;
  partner: PartnerArrangement | null;
}

/** A facility's capabilities as its latest finalized assessment states them. */
export interface CapabilityProfile {
  facilityId: number;
  assessmentId: number;
  revision: number;
  finalizedAt: string;
  assessorName: string;
  questionnaireVersion: number;
  capabilities: ProfileCapability[];
}

/** Verifications made before this date are stale; worked out once when judging many cells. */
export function staleBefore(today: IsoDate, expiryMonths: number): IsoDate {
  return monthsBefore(today, expiryMonths);
}

export function isStale(verifiedOn: IsoDate | null, today: IsoDate, expiryMonths: number): boolean {
  return verifiedOn === null || verifiedOn < staleBefore(today, expiryMonths);
}

export function buildProfile(
  assessment: Assessment,
  today: IsoDate,
  expiryMonths: number,
): CapabilityProfile {
  return {
    facilityId: assessment.facilityId,
    assessmentId: assessment.id,
    revision: assessment.revision,
    finalizedAt: assessment.finalizedAt ?? assessment.updatedAt,
    assessorName: assessment.assessorName,
    questionnaireVersion: assessment.questionnaireVersion,
    capabilities: CAPABILITY_IDS.map((capabilityId) => {
      const answer = assessment.answers[capabilityId];
      return {
        capabilityId,
        status: answer.status ?? 'unknown',
        verifiedOn: answer.verifiedOn,
        verifiedByName: answer.verifiedByName,
        verifiedByRole: answer.verifiedByRole,
        verificationMethod: answer.verificationMethod,
        stale: isStale(answer.verifiedOn, today, expiryMonths),
        details: answer.details,
        partner: answer.status === 'via_partner' ? answer.partner : null,
      };
    }),
  };
}

/* ---------- revisions compared ---------- */

export interface AnswerChange {
  capabilityId: CapabilityId;
  field: 'status' | 'details' | 'evidence' | 'verifiedBy' | 'verifiedOn';
  from: string;
  to: string;
}

function verifier(answer: CapabilityAnswer): string {
  return [answer.verifiedByName, answer.verifiedByRole, answer.verificationMethod].filter(Boolean).join(', ');
}

/** What changed, capability by capability, between two versions of one facility's assessment. */
export function diffAssessments(from: Pick<Assessment, 'answers'>, to: Pick<Assessment, 'answers'>): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const capabilityId of CAPABILITY_IDS) {
    const a = from.answers[capabilityId];
    const b = to.answers[capabilityId];
    const compare = (field: AnswerChange['field'], left: string, right: string) => {
      if (left !== right) changes.push({ capabilityId, field, from: left, to: right });
    };
    compare('status', a.status ?? '', b.status ?? '');
    compare('details', JSON.stringify(a.details), JSON.stringify(b.details));
    compare('evidence', a.evidence, b.evidence);
    compare('verifiedBy', verifier(a), verifier(b));
    compare('verifiedOn', a.verifiedOn ?? '', b.verifiedOn ?? '');
  }
  return changes;
}

export const DETAIL_CHOICE_LABELS: Record<'yes' | 'no' | 'unknown', string> = { yes: 'Yes', no: 'No', unknown: 'Not sure' };

/** A structured detail as people read it: "Yes", "Not sure", "3 days", or a dash when unanswered. */
export function describeDetailValue(value: DetailValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return `${value} day${value === 1 ? '' : 's'}`;
  return DETAIL_CHOICE_LABELS[value];
}
