import { z } from 'zod';
import type { CapabilityAnswer } from './assessment';
import { assessmentIdSchema, capabilityAnswerSchema } from './assessment-schemas';
import { facilityIdSchema } from './facility';
import { CAPABILITY_IDS, type CapabilityId } from './questionnaire';

/**
 * An assessment finalized on a desktop that follows the shared registry (issue 16): the whole
 * attestation travels at once, under an id the desktop made (UUIDv7), so sending it twice
 * stores it once. It names the standing assessment it was based on: if the registry has
 * another by the time it arrives, it is a conflict for a person to decide, never merged.
 */
export const submitAssessmentSchema = z.object({
  clientId: z.uuid({ error: 'A submission needs the id its desktop gave it.' }),
  facilityId: facilityIdSchema,
  /** The standing assessment the assessor saw and amended; null for a facility's first one. */
  basedOnAssessmentId: assessmentIdSchema.nullable(),
  amendmentReason: z.string().trim().min(1, 'Say why the assessment was amended.').max(2000).nullable(),
  questionnaireVersion: z.number().int().positive(),
  answers: z.object(Object.fromEntries(CAPABILITY_IDS.map((id) => [id, capabilityAnswerSchema])) as Record<CapabilityId, typeof capabilityAnswerSchema>),
});
export type AssessmentSubmission = z.output<typeof submitAssessmentSchema>;

/** What the registry says once it has stored a submission (the same receipt however often it is sent). */
export interface SubmissionReceipt {
  clientId: string;
  assessmentId: number;
  facilityId: number;
  finalizedAt: string;
}

export const OUTBOX_STATES = ['pending', 'delivered', 'conflict', 'refused', 'withdrawn'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One submission in a desktop's outbox, as the assessor sees it. */
export interface OutboxEntry {
  clientId: string;
  /** The draft on this desktop it was finalized from (gone once the registry's copy has arrived). */
  localAssessmentId: number;
  facilityId: number;
  facilityName: string;
  state: OutboxState;
  queuedAt: string;
  attemptedAt: string | null;
  deliveredAt: string | null;
  /** The registry's sentence for a conflict or a refusal. */
  serverMessage: string | null;
  submission: AssessmentSubmission;
  /** For a conflict or a refusal: the assessment standing on the registry now, as this desktop's copy has it. */
  theirs: { assessmentId: number; revision: number; finalizedAt: string; assessorName: string; answers: Record<CapabilityId, CapabilityAnswer> } | null;
}

export const resolveOutboxEntrySchema = z.discriminatedUnion('decision', [
  /** Keep what the registry has: this desktop's version is withdrawn (and stays listed as such). */
  z.object({ clientId: z.uuid(), decision: z.literal('keep-theirs') }),
  /** Send this desktop's answers again, as an amendment of what the registry has now. */
  z.object({
    clientId: z.uuid(),
    decision: z.literal('submit-mine'),
    reason: z.string({ error: 'Say why your version replaces the one on the registry.' }).trim().min(1, 'Say why your version replaces the one on the registry.').max(2000),
  }),
]);
