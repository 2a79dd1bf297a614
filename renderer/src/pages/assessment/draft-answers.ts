import { z } from 'zod';
import type { CapabilityAnswer } from '../../../../shared/assessment';
import { capabilityAnswerSchema } from '../../../../shared/assessment-schemas';
import { CAPABILITY_IDS, type CapabilityId } from '../../../../shared/questionnaire';

/**
 * A draft's six answers as the wizard's form holds them, each judged by the schema the host saves
 * it with (saveAnswer), under the same paths the host names when it refuses to finalize
 * (`answers.ivig.verifiedOn`), so either message lands on its field.
 */
export const draftAnswersSchema = z.object({
  answers: z.object(Object.fromEntries(CAPABILITY_IDS.map((id) => [id, capabilityAnswerSchema])) as Record<CapabilityId, typeof capabilityAnswerSchema>),
});

/** The form's values: the answers as the host returns them, every part present. */
export interface DraftAnswers {
  answers: Record<CapabilityId, CapabilityAnswer>;
}
