import { useController, useFormContext, useWatch } from 'react-hook-form';
import { CAPABILITY_STATUS_DESCRIPTIONS, CAPABILITY_STATUS_LABELS, CAPABILITY_STATUSES, type CapabilityQuestion } from '../../../../shared/questionnaire';
import { DetailAnswers } from './DetailAnswers';
import type { DraftAnswers } from './draft-answers';
import { PartnerFields } from './PartnerFields';
import { VerificationFields } from './VerificationFields';

/** One question of the assessment: its status, the partner if through one, its details, evidence and verification. */
export function CapabilityStep({
  question,
  ownFacilityId,
  today,
  problemFor,
  headingRef,
}: {
  question: CapabilityQuestion;
  ownFacilityId: number;
  today: string;
  /** The message for a field of this answer (`status`, `partner.name`), from the schema, the host or the finalize rules. */
  problemFor(field: string): string | undefined;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { register, control } = useFormContext<DraftAnswers>();
  const status = useWatch({ control, name: `answers.${question.id}.status` });
  const { field: partner } = useController({ control, name: `answers.${question.id}.partner` });
  const id = (name: string) => `${question.id}-${name}`;
  const statusProblem = problemFor('status');
  const evidenceProblem = problemFor('evidence');

  return (
    <div className="step">
      <p className="step__eyebrow">Question {question.number}</p>
      <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
        {question.name}
      </h2>
      <p className="step__question">{question.question}</p>
      <aside className="callout" aria-label="Why this matters">
        <strong>Why this matters for SPS. </strong>
        {question.why}
      </aside>

      <fieldset className={`field${statusProblem ? ' field--invalid' : ''}`}>
        <legend>Status</legend>
        <div className="choice-list choice-list--grid">
          {CAPABILITY_STATUSES.map((choice) => (
            <label key={choice} className="choice">
              <input type="radio" value={choice} {...register(`answers.${question.id}.status`)} />
              <span>
                <strong>{CAPABILITY_STATUS_LABELS[choice]}</strong>
                <span className="choice__description">{CAPABILITY_STATUS_DESCRIPTIONS[choice]}</span>
              </span>
            </label>
          ))}
        </div>
        {statusProblem && <p className="field__error">{statusProblem}</p>}
      </fieldset>

      {status === 'via_partner' && (
        <PartnerFields idPrefix={question.id} ownFacilityId={ownFacilityId} partner={partner.value ?? null} problemFor={problemFor} onChange={partner.onChange} />
      )}

      <DetailAnswers question={question} />

      <div className={`field${evidenceProblem ? ' field--invalid' : ''}`}>
        <label htmlFor={id('evidence')}>Evidence</label>
        <p className="field__hint" id={id('evidence-hint')}>
          What you saw or were told, and where it is documented (policy number, contract, call notes).
        </p>
        <textarea
          id={id('evidence')}
          rows={4}
          aria-invalid={evidenceProblem ? true : undefined}
          aria-describedby={evidenceProblem ? `${id('evidence-hint')} ${id('evidence-error')}` : id('evidence-hint')}
          {...register(`answers.${question.id}.evidence`)}
        />
        {evidenceProblem && (
          <p className="field__error" id={id('evidence-error')}>
            {evidenceProblem}
          </p>
        )}
      </div>

      <VerificationFields capabilityId={question.id} needed={status !== null && status !== 'unknown'} today={today} problemFor={problemFor} />
    </div>
  );
}
