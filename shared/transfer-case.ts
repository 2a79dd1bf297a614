import { z } from 'zod';
import { isIsoDate } from './calendar';
import { facilityIdSchema } from './facility';
import { isValidNpi } from './npi';
import { CAPABILITY_IDS, type CapabilityId } from './questionnaire';

export const SPS_ICD10 = 'G25.82';

export const CASE_STAGES = ['early', 'progressive', 'acute'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  early: 'Early (manageable as an outpatient)',
  progressive: 'Progressive',
  acute: 'Acute',
};

export const GAD65_STATUSES = ['positive', 'negative', 'not_tested'] as const;
export type Gad65Status = (typeof GAD65_STATUSES)[number];
export const GAD65_LABELS: Record<Gad65Status, string> = {
  positive: 'Anti-GAD65 positive',
  negative: 'Anti-GAD65 negative',
  not_tested: 'Anti-GAD65 not tested',
};

export const CLINICAL_FLAGS = [
  'plannedIvig',
  'plannedPlasmaExchange',
  'igaDeficiency',
  'baclofenPump',
  'severeSpasmsOrFalls',
  'breathingInvolvement',
  'prominentAnxietyOrDepression',
  'inpatientAdmission',
  'lastingDisability',
] as const;
export type ClinicalFlag = (typeof CLINICAL_FLAGS)[number];
export const CLINICAL_FLAG_LABELS: Record<ClinicalFlag, string> = {
  plannedIvig: 'IVIG course planned',
  plannedPlasmaExchange: 'Plasma exchange planned',
  igaDeficiency: 'IgA deficiency',
  baclofenPump: 'Intrathecal baclofen pump in place',
  severeSpasmsOrFalls: 'Severe spasms or falls',
  breathingInvolvement: 'Breathing involvement',
  prominentAnxietyOrDepression: 'Prominent anxiety or depression',
  inpatientAdmission: 'Needs inpatient treatment',
  lastingDisability: 'Lasting disability expected after the acute phase',
};

export const TREATMENTS = ['baclofen', 'benzodiazepine', 'tizanidine', 'other'] as const;
export type Treatment = (typeof TREATMENTS)[number];
export const TREATMENT_LABELS: Record<Treatment, string> = {
  baclofen: 'Oral baclofen',
  benzodiazepine: 'Benzodiazepine',
  tizanidine: 'Tizanidine',
  other: 'Other',
};

export const TREATMENT_RESPONSES = ['improved', 'partial', 'no_response', 'not_tolerated'] as const;
export type TreatmentResponse = (typeof TREATMENT_RESPONSES)[number];
export const TREATMENT_RESPONSE_LABELS: Record<TreatmentResponse, string> = {
  improved: 'improved',
  partial: 'partial response',
  no_response: 'no meaningful response',
  not_tolerated: 'not tolerated',
};

const requiredText = (max: number, missing: string, label: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Keep the ${label} to ${max} characters or fewer.`);
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `Keep the ${label} to ${max} characters or fewer.`).default('');

export const treatmentTriedSchema = z.object({
  treatment: z.enum(TREATMENTS, { error: 'Choose the treatment.' }),
  detail: optionalText(200, 'treatment detail'),
  response: z.enum(TREATMENT_RESPONSES, { error: 'Choose how the patient responded.' }),
});
export type TreatmentTried = z.output<typeof treatmentTriedSchema>;

export const needOverrideSchema = z.object({
  capabilityId: z.enum(CAPABILITY_IDS, { error: 'Choose a capability.' }),
  action: z.enum(['add', 'remove']),
  reason: requiredText(500, 'Say why this need is added or removed.', 'reason'),
});
export type NeedOverride = z.output<typeof needOverrideSchema>;

export const transferCaseSchema = z.object({
  patient: z.object({
    name: requiredText(120, "Enter the patient's name.", 'name'),
    dateOfBirth: z
      .string({ error: 'Enter the date of birth.' })
      .min(1, 'Enter the date of birth.')
      .refine((value) => value === '' || isIsoDate(value), 'Enter the date of birth as YYYY-MM-DD.'),
    mrn: requiredText(40, 'Enter the medical record number.', 'MRN'),
    insurer: requiredText(120, "Enter the patient's insurer.", 'insurer'),
    memberId: requiredText(40, 'Enter the member ID.', 'member ID'),
  }),
  gad65: z.enum(GAD65_STATUSES, { error: 'Choose the anti-GAD65 status.' }),
  stage: z.enum(CASE_STAGES, { error: 'Choose the stage.' }),
  flags: z.array(z.enum(CLINICAL_FLAGS)).max(CLINICAL_FLAGS.length).default([]),
  treatments: z.array(treatmentTriedSchema).max(20).default([]),
  clinicalSummary: optionalText(5000, 'clinical summary'),
  referringFacilityId: facilityIdSchema,
  physician: z.object({
    name: requiredText(120, "Enter the referring physician's name.", 'name'),
    credentials: optionalText(60, 'credentials'),
    npi: z
      .string({ error: 'Enter the NPI.' })
      .trim()
      .refine(isValidNpi, 'An NPI has ten digits and a valid check digit; check it against the NPPES registry.'),
    phone: z
      .string({ error: 'Enter a phone number.' })
      .trim()
      .min(7, 'Enter a phone number families and reviewers can call.')
      .max(40, 'Keep the phone number to 40 characters or fewer.'),
  }),
  needOverrides: z.array(needOverrideSchema).max(12).default([]),
});

export type TransferCaseInput = z.input<typeof transferCaseSchema>;
export type TransferCaseDetails = z.output<typeof transferCaseSchema>;

export interface TransferCase extends TransferCaseDetails {
  id: number;
  receivingFacilityId: number | null;
  createdAt: string;
  updatedAt: string;
  createdByName: string;
}

export interface CaseSummary {
  id: number;
  patientName: string;
  stage: CaseStage;
  referringFacilityName: string;
  receivingFacilityName: string | null;
  updatedAt: string;
  issuedLetters: number;
}

export const caseIdSchema = z.number({ error: 'A case id is required.' }).int().positive();

export const updateCaseSchema = z.object({ caseId: caseIdSchema, details: transferCaseSchema });
export const chooseReceivingSchema = z.object({ caseId: caseIdSchema, facilityId: facilityIdSchema.nullable() });

export function hasFlag(details: Pick<TransferCaseDetails, 'flags'>, flag: ClinicalFlag): boolean {
  return details.flags.includes(flag);
}

export type { CapabilityId };
