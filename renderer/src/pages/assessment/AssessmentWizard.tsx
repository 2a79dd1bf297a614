import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type Resolver } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { answerProblems, assessmentProblems, type Assessment, type CapabilityAnswer } from '../../../../shared/assessment';
import { questionnaireVersion, type CapabilityId } from '../../../../shared/questionnaire';
import { ApiError, errorMessage } from '../../api';
import { useCallMutation } from '../../calls/cache';
import { SaveState } from '../../components/SaveState';
import { messageAt } from '../../forms/field-errors';
import { showHostProblems } from '../../forms/host-problems';
import { useRefusal } from '../../permissions';
import { useSession } from '../../session';
import { useAnswerAutosave } from './answer-autosave';
import { AssessmentBreadcrumbs } from './AssessmentBreadcrumbs';
import { CapabilityStep } from './CapabilityStep';
import { draftAnswersSchema, type DraftAnswers } from './draft-answers';
import { ReviewList } from './ReviewList';
import { StepList } from './StepList';

/**
 * A draft, one question a step, then the review. The answers are one form whose values start from
 * the draft as first read (a refetch never overwrites what is being typed) and save as they change.
 */
export function AssessmentWizard({ assessment }: { assessment: Assessment }) {
  const { session } = useSession();
  const refusal = useRefusal();
  const navigate = useNavigate();
  const finalizeAssessment = useCallMutation('finalizeAssessment');
  const questionnaire = questionnaireVersion(assessment.questionnaireVersion);
  const steps = questionnaire.capabilities;
  const reviewIndex = steps.length;
  const [params, setParams] = useSearchParams();
  const stepIndex = Math.min(Math.max(Number(params.get('step') ?? 0) || 0, 0), reviewIndex);
  const form = useForm<DraftAnswers>({
    // The schema's input leaves out what has a default; the form always holds every part (the
    // answers as the host returns them), which that input accepts.
    resolver: zodResolver(draftAnswersSchema) as Resolver<DraftAnswers>,
    defaultValues: { answers: assessment.answers },
    // A value the host would refuse (evidence past its length) is said beside the field as it is typed.
    mode: 'onChange',
  });
  const {
    control,
    watch,
    setError,
    formState: { errors },
  } = form;
  const answers = useWatch({ control, name: 'answers' });
  const [visitedReview, setVisitedReview] = useState(false);
  const [finalizeRefused, setFinalizeRefused] = useState(false);
  const [finalizing, setFinalizing] = useState(false);
  const [finalizeError, setFinalizeError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const autosave = useAnswerAutosave(assessment.id);
  const { schedule, flush } = autosave;

  // Every change to an answer (answers.<capability>.<field>) saves that answer after a pause.
  useEffect(() => {
    const subscription = watch((values, { name }) => {
      const capabilityId = name?.split('.')[1] as CapabilityId | undefined;
      const answer = capabilityId && values.answers?.[capabilityId];
      // A copy: the form goes on changing its own values while this one waits to be saved.
      if (capabilityId && answer) schedule(capabilityId, structuredClone(answer) as CapabilityAnswer);
    });
    return () => subscription.unsubscribe();
  }, [watch, schedule]);

  function goTo(index: number) {
    void flush();
    if (index === reviewIndex) setVisitedReview(true);
    setParams({ step: String(index) });
    requestAnimationFrame(() => heading.current?.focus());
  }

  async function finalize() {
    setFinalizing(true);
    setFinalizeError(null);
    try {
      await flush();
      const finalized = await finalizeAssessment.mutateAsync({ assessmentId: assessment.id });
      // On a desktop that follows a shared registry it is queued for the registry, still a draft
      // here: this page then says it waits to be sent, instead of leaving for the facility.
      if (finalized.state !== 'draft') navigate(`/facilities/${assessment.facilityId}`);
    } catch (failure) {
      setFinalizeError(errorMessage(failure));
      if (failure instanceof ApiError) {
        // The host names each answer's problem by its path in the form: each lands on its field.
        showHostProblems(failure, setError, ['answers']);
        setFinalizeRefused(true);
      }
    } finally {
      setFinalizing(false);
    }
  }

  // Completeness is judged as the host judges it when finalizing; until the review has been seen
  // (or finalizing was refused), a step only says what is wrong with what was typed.
  const problems = assessmentProblems({ answers }, session.today);
  const problemsOf = (id: CapabilityId) => problems.filter((problem) => problem.field.startsWith(`answers.${id}.`));
  const shownProblems = (id: CapabilityId) =>
    visitedReview || finalizeRefused ? problemsOf(id) : answerProblems(id, answers[id], session.today).filter((problem) => problem.field.endsWith('verifiedOn') && answers[id].verifiedOn);
  const current = steps[stepIndex];

  return (
    <FormProvider {...form}>
      <AssessmentBreadcrumbs facilityId={assessment.facilityId} facilityName={assessment.facilityName}>
        Assessment revision {assessment.revision}
      </AssessmentBreadcrumbs>
      <header className="page-header">
        <div>
          <h1>{assessment.amendsId ? 'Amend assessment' : 'Assess transfer capabilities'}</h1>
          <p className="muted">
            {assessment.facilityName} · revision {assessment.revision} · draft
            {assessment.amendmentReason && <> · reason: {assessment.amendmentReason}</>}
          </p>
        </div>
        <SaveState status={autosave.status} onRetry={() => void flush()} />
      </header>

      <div className="wizard">
        <StepList
          steps={steps}
          stepIndex={stepIndex}
          answered={(step) => answers[step.id].status !== null}
          needsAttention={(step) => problemsOf(step.id).length > 0}
          onGo={goTo}
        />

        <section className="card wizard__panel" aria-labelledby="step-heading">
          {current ? (
            <CapabilityStep
              key={current.id}
              headingRef={heading}
              question={current}
              ownFacilityId={assessment.facilityId}
              today={session.today}
              problemFor={(field) => messageAt(errors, `answers.${current.id}.${field}`) ?? shownProblems(current.id).find((problem) => problem.field === `answers.${current.id}.${field}`)?.message}
            />
          ) : (
            <ReviewList
              headingRef={heading}
              questionnaire={questionnaire}
              answers={answers}
              problems={problems}
              onEdit={goTo}
              onFinalize={() => void finalize()}
              finalizing={finalizing}
              finalizeError={finalizeError}
              finalizeRefusal={refusal('finalizeAssessment', { kind: 'facility', facilityId: assessment.facilityId, facilityName: assessment.facilityName })}
            />
          )}
          <div className="wizard__nav">
            <button type="button" className="button" onClick={() => goTo(stepIndex - 1)} disabled={stepIndex === 0}>
              ← Back
            </button>
            {stepIndex < reviewIndex && (
              <button type="button" className="button button--primary" onClick={() => goTo(stepIndex + 1)}>
                {stepIndex === reviewIndex - 1 ? 'Review answers →' : 'Next question →'}
              </button>
            )}
          </div>
        </section>
      </div>
    </FormProvider>
  );
}
