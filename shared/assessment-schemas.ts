import { z } from 'zod';
import { PARTNER_ARRANGEMENTS } from './assessment';
import { isIsoDate } from './calendar';
import { CAPABILITY_IDS, CAPABILITY_STATUSES, VERIFICATION_METHODS } from './questionnaire';
import { NO_SUCH_RECORD, RECORD_ID_MAX } from './validation';

// Apart from shared/assessment.ts, whose labels and rules the matrix and the first screen use,
// so those do not load zod; the calls that take answers and the forms that edit them do.

export const capabilityIdSchema = z.enum(CAPABILITY_IDS, { error: 'Choose one of the six capabilities.' });

const detailValueSchema = z.union([
  z.enum(['yes', 'no', 'unknown']),
  z.number().int('Enter whole days.').min(0, 'Days cannot be negative.').max(365, 'Enter at most 365 days.'),
]);

/**
 * What a draft may hold: well-formed but possibly incomplete, so autosave never refuses what
 * someone is still typing. Completeness and dates are checked when finalizing.
 */
export const partnerArrangementSchema = z.object({
  facilityId: z.number().int().positive().max(RECORD_ID_MAX, NO_SUCH_RECORD).nullable().default(null),
  name: z.string().trim().max(200, 'Keep the partner’s name to 200 characters or fewer.').default(''),
  arrangement: z.enum(PARTNER_ARRANGEMENTS, { error: 'Choose the kind of arrangement.' }).nullable().default(null),
  deliveryDays: z.number().int('Enter whole days.').min(0, 'Days cannot be negative.').max(365, 'Enter at most 365 days.').nullable().default(null),
});

export const capabilityAnswerSchema = z.object({
  status: z.enum(CAPABILITY_STATUSES, { error: 'Choose a status.' }).nullable(),
  details: z.record(z.string().max(60), detailValueSchema).default({}),
  partner: partnerArrangementSchema.nullable().default(null),
  evidence: z.string().max(20_000, 'Keep the evidence to 20,000 characters or fewer.').default(''),
  verifiedByName: z.string().trim().max(120, 'Keep the name to 120 characters or fewer.').default(''),
  verifiedByRole: z.string().trim().max(120, 'Keep the role to 120 characters or fewer.').default(''),
  verificationMethod: z.enum(VERIFICATION_METHODS, { error: 'Choose how it was verified.' }).nullable().default(null),
  verifiedOn: z
    .string()
    .refine(isIsoDate, 'Enter the date as YYYY-MM-DD.')
    .nullable()
    .default(null),
});

export const assessmentIdSchema = z.number({ error: 'An assessment id is required.' }).int().positive().max(RECORD_ID_MAX, NO_SUCH_RECORD);

export const saveAnswerSchema = z.object({
  assessmentId: assessmentIdSchema,
  capabilityId: capabilityIdSchema,
  answer: capabilityAnswerSchema,
});

export const amendAssessmentSchema = z.object({
  assessmentId: assessmentIdSchema,
  reason: z
    .string({ error: 'Say why the assessment is being amended.' })
    .trim()
    .min(5, 'Say why the assessment is being amended (at least a few words).')
    .max(2000, 'Keep the reason to 2,000 characters or fewer.'),
});
