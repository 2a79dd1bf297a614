import { z } from 'zod';
import { isIsoDate } from './calendar';
import { facilityIdSchema } from './facility';
import { isValidNpi } from './npi';
import { CAPABILITY_IDS, type CapabilityId } from './questionnaire';
import { EMPTY_TRANSFER_RECORD, transferRecordSchema } from './transfer-record';
import { NO_SUCH_RECORD, RECORD_ID_MAX } from './validation';

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

export const OTHER_ANTIBODIES = ['amphiphysin', 'glycine_receptor'] as const;
export type OtherAntibody = (typeof OTHER_ANTIBODIES)[number];
export const OTHER_ANTIBODY_LABELS: Record<OtherAntibody, string> = {
  amphiphysin: 'Anti-amphiphysin positive',
  glycine_receptor: 'Glycine receptor antibody positive (PERM)',
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
  'statusSpasticus',
  'pumpFailureSuspected',
  'suicidality',
  'benzodiazepineWithdrawalRisk',
  'baclofenWithdrawalRisk',
  'pregnancyOrPostpartum',
  'cancerHistory',
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
  statusSpasticus: 'Continuous spasms that do not stop (status spasticus)',
  pumpFailureSuspected: 'Baclofen pump failure or withdrawal suspected',
  suicidality: 'Suicidal thoughts or behaviour',
  benzodiazepineWithdrawalRisk: 'High-dose benzodiazepine: withdrawal risk if interrupted',
  baclofenWithdrawalRisk: 'High-dose baclofen (oral or intrathecal): withdrawal risk if interrupted',
  pregnancyOrPostpartum: 'Pregnant or postpartum',
  cancerHistory: 'History of cancer',
};

/** Flags that make the case a safety concern of their own, shown apart from the rest on the form. */
export const SAFETY_FLAGS: readonly ClinicalFlag[] = [
  'statusSpasticus',
  'pumpFailureSuspected',
  'suicidality',
  'benzodiazepineWithdrawalRisk',
  'baclofenWithdrawalRisk',
  'pregnancyOrPostpartum',
  'cancerHistory',
];

export const URGENCIES = ['emergent', 'urgent', 'elective'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { emergent: 'Emergent', urgent: 'Urgent', elective: 'Elective' };

export const TREATMENTS = ['baclofen', 'intrathecal_baclofen', 'benzodiazepine', 'tizanidine', 'ivig', 'plasma_exchange', 'rituximab', 'other'] as const;
export type Treatment = (typeof TREATMENTS)[number];
export const TREATMENT_LABELS: Record<Treatment, string> = {
  baclofen: 'Oral baclofen',
  intrathecal_baclofen: 'Intrathecal baclofen',
  benzodiazepine: 'Benzodiazepine',
  tizanidine: 'Tizanidine',
  ivig: 'IVIG',
  plasma_exchange: 'Plasma exchange',
  rituximab: 'Rituximab',
  other: 'Other',
};

/** Secondary diagnoses a payer reads beside G25.82, from a short coded list rather than free text. */
export const SECONDARY_DIAGNOSES = {
  'D80.2': 'Selective deficiency of immunoglobulin A [IgA]',
  'E10.9': 'Type 1 diabetes mellitus without complications',
  'F41.9': 'Anxiety disorder, unspecified',
  'F32.A': 'Depression, unspecified',
  'R29.6': 'Repeated falls',
  'R26.89': 'Other abnormalities of gait and mobility',
  'R06.89': 'Other abnormalities of breathing',
} as const;
export type SecondaryDiagnosisCode = keyof typeof SECONDARY_DIAGNOSES;
export const SECONDARY_DIAGNOSIS_CODES = Object.keys(SECONDARY_DIAGNOSES) as [SecondaryDiagnosisCode, ...SecondaryDiagnosisCode[]];

export const WALKING_AIDS = ['none', 'cane', 'walker', 'wheelchair', 'bedbound'] as const;
export type WalkingAid = (typeof WALKING_AIDS)[number];
export const WALKING_AID_LABELS: Record<WalkingAid, string> = {
  none: 'Walks without an aid',
  cane: 'Cane',
  walker: 'Walker',
  wheelchair: 'Wheelchair',
  bedbound: 'Bedbound',
};

export const FAMILY_LANGUAGES = ['en', 'es'] as const;
export type FamilyLanguage = (typeof FAMILY_LANGUAGES)[number];
export const FAMILY_LANGUAGE_LABELS: Record<FamilyLanguage, string> = { en: 'English', es: 'Spanish (español)' };

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

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || isIsoDate(value), `Enter the ${label} as YYYY-MM-DD.`);

export const treatmentTriedSchema = z.object({
  treatment: z.enum(TREATMENTS, { error: 'Choose the treatment.' }),
  /** The dose, as the physician writes it ("2 g/kg over 5 days"). */
  detail: optionalText(200, 'treatment detail'),
  startedOn: optionalDate('start date'),
  duration: optionalText(80, 'duration'),
  response: z.enum(TREATMENT_RESPONSES, { error: 'Choose how the patient responded.' }),
});
export type TreatmentTried = z.output<typeof treatmentTriedSchema>;

export const needOverrideSchema = z.object({
  capabilityId: z.enum(CAPABILITY_IDS, { error: 'Choose a capability.' }),
  action: z.enum(['add', 'remove']),
  reason: requiredText(500, 'Say why this need is added or removed.', 'reason'),
});
export type NeedOverride = z.output<typeof needOverrideSchema>;

export const urgencyOverrideSchema = z.object({
  urgency: z.enum(URGENCIES, { error: 'Choose the urgency.' }),
  reason: requiredText(1000, 'Say why you set the urgency yourself.', 'reason'),
});
export type UrgencyOverride = z.output<typeof urgencyOverrideSchema>;

/** The physician's own decision that no transfer is needed where the rules can only say "consider". */
export const stayDecisionSchema = z.object({
  reason: requiredText(2000, 'Say why the patient can stay, in your own words.', 'reason'),
});
export type StayDecision = z.output<typeof stayDecisionSchema>;

export const guardianSchema = z.object({
  name: optionalText(120, 'name'),
  relationship: optionalText(60, 'relationship'),
});

export const functionalStatusSchema = z.object({
  fallsLastMonth: z.number().int('Enter a whole number of falls.').min(0, 'Falls cannot be negative.').max(200, 'Enter at most 200 falls.').nullable().default(null),
  walkingAid: z.enum(WALKING_AIDS).nullable().default(null),
  stiffness: optionalText(300, 'description of where the stiffness is'),
});

export const familyContactSchema = z.object({
  name: optionalText(120, 'contact name'),
  phone: optionalText(40, 'contact phone'),
});

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
  /** Parent or legal guardian; needed when the patient is under 18. */
  guardian: guardianSchema.default({ name: '', relationship: '' }),
  gad65: z.enum(GAD65_STATUSES, { error: 'Choose the anti-GAD65 status.' }),
  otherAntibodies: z.array(z.enum(OTHER_ANTIBODIES)).max(OTHER_ANTIBODIES.length).default([]),
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
  /** Days the patient can wait for plasma exchange to start; empty means the app's default. */
  plasmaExchangeWithinDays: z.number().int('Enter whole days.').min(0, 'Days cannot be negative.').max(90, 'Enter at most 90 days.').nullable().default(null),
  urgencyOverride: urgencyOverrideSchema.nullable().default(null),
  stayDecision: stayDecisionSchema.nullable().default(null),
  secondaryDiagnoses: z.array(z.enum(SECONDARY_DIAGNOSIS_CODES, { error: 'Choose a code from the list.' })).max(SECONDARY_DIAGNOSIS_CODES.length).default([]),
  functionalStatus: functionalStatusSchema.default({ fallsLastMonth: null, walkingAid: null, stiffness: '' }),
  /** The physician's own clinical reason for the transfer, in their words; required for an insurer letter at "consider". */
  transferReason: optionalText(3000, 'clinical reason'),
  /** Whom the family calls with questions, when not the physician. */
  familyContact: familyContactSchema.default({ name: '', phone: '' }),
  preferredLanguage: z.enum(FAMILY_LANGUAGES).default('en'),
  transfer: transferRecordSchema.default(EMPTY_TRANSFER_RECORD),
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

export const caseIdSchema = z.number({ error: 'A case id is required.' }).int().positive().max(RECORD_ID_MAX, NO_SUCH_RECORD);

export const updateCaseSchema = z.object({ caseId: caseIdSchema, details: transferCaseSchema });
export const chooseReceivingSchema = z.object({ caseId: caseIdSchema, facilityId: facilityIdSchema.nullable() });

/** Whole years of age on a date, from a YYYY-MM-DD date of birth. */
export function ageInYears(dateOfBirth: string, on: string): number | null {
  if (!isIsoDate(dateOfBirth) || !isIsoDate(on)) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const ADULT_AGE = 18;

export function hasFlag(details: Pick<TransferCaseDetails, 'flags'>, flag: ClinicalFlag): boolean {
  return details.flags.includes(flag);
}

export type { CapabilityId };
