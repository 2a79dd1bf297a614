import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  answerProblems,
  assessmentProblems,
  DETAIL_CHOICE_LABELS,
  describeDetailValue,
  type Assessment,
  type CapabilityAnswer,
  type DetailValue,
} from '../../../shared/assessment';
import type { FieldProblem } from '../../../shared/call-result';
import { formatDate } from '../../../shared/calendar';
import {
  CAPABILITY_STATUS_DESCRIPTIONS,
  CAPABILITY_STATUS_LABELS,
  CAPABILITY_STATUSES,
  questionnaireVersion,
  VERIFICATION_METHOD_LABELS,
  VERIFICATION_METHODS,
  type CapabilityId,
  type CapabilityQuestion,
  type Questionnaire,
} from '../../../shared/questionnaire';
import { ApiError, errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { Updating } from '../components/Updating';
import { SaveState } from '../components/SaveState';
import { StatusBadge } from '../components/StatusBadge';
import { useSession } from '../session';
import { useAnswerAutosave } from './assessment/answer-autosave';
import { PartnerFields, PartnerSummary } from './assessment/PartnerFields';
import { AmendForm } from './FacilityPage';

type Answers = Record<CapabilityId, CapabilityAnswer>;

export function AssessmentPage() {
  const { assessmentId } = useParams();
  const { data: assessment, errorMessage: error, updating } = useCall('getAssessment', { assessmentId: Number(assessmentId) });

  if (!assessment) return error ? <p className="banner banner--error" role="alert">{error}</p> : <p className="loading">Loading assessment…</p>;
  return (
    <>
      <Updating updating={updating} />
      {/* The wizard keeps its own answers from the first read: a refetch never overwrites what is being typed. */}
      {assessment.state === 'draft' ? <AssessmentWizard key={assessment.id} assessment={assessment} /> : <AssessmentRecord assessment={assessment} />}
    </>
  );
}

function Breadcrumbs({ assessment }: { assessment: Assessment }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span>{' '}
      <Link to={`/facilities/${assessment.facilityId}`}>{assessment.facilityName}</Link> <span aria-hidden="true">›</span>{' '}
      <span>Assessment revision {assessment.revision}</span>
    </nav>
  );
}

/* ---------------- the guided draft ---------------- */

function AssessmentWizard({ assessment }: { assessment: Assessment }) {
  const { session } = useSession();
  const navigate = useNavigate();
  const finalizeAssessment = useCallMutation('finalizeAssessment');
  const questionnaire = questionnaireVersion(assessment.questionnaireVersion);
  const steps = questionnaire.capabilities;
  const reviewIndex = steps.length;
  const [params, setParams] = useSearchParams();
  const stepIndex = Math.min(Math.max(Number(params.get('step') ?? 0) || 0, 0), reviewIndex);
  const [answers, setAnswers] = useState<Answers>(assessment.answers);
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [visitedReview, setVisitedReview] = useState(false);
  const [finalizing, setFinalizing] = useState(false);
  const [finalizeError, setFinalizeError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const autosave = useAnswerAutosave(assessment.id);
  const flush = autosave.flush;

  function update(capabilityId: CapabilityId, answer: CapabilityAnswer) {
    setAnswers((current) => ({ ...current, [capabilityId]: answer }));
    autosave.schedule(capabilityId, answer);
  }

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
      await finalizeAssessment.mutateAsync({ assessmentId: assessment.id });
      navigate(`/facilities/${assessment.facilityId}`);
    } catch (failure) {
      setFinalizeError(errorMessage(failure));
      if (failure instanceof ApiError) setServerProblems(failure.fields);
    } finally {
      setFinalizing(false);
    }
  }

  const problems = assessmentProblems({ answers }, session.today);
  const problemsOf = (id: CapabilityId) => problems.filter((problem) => problem.field.startsWith(`answers.${id}.`));
  const current = steps[stepIndex];

  return (
    <>
      <Breadcrumbs assessment={assessment} />
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
        <nav className="stepper" aria-label="Assessment steps">
          <p className="stepper__progress">
            Step {stepIndex + 1} of {steps.length + 1}
          </p>
          <progress className="stepper__bar" max={steps.length + 1} value={stepIndex + 1} aria-label="Progress" />
          <ol>
            {steps.map((step, index) => {
              const answered = answers[step.id].status !== null;
              const hasProblems = problemsOf(step.id).length > 0;
              return (
                <li key={step.id}>
                  <button
                    type="button"
                    className="stepper__step"
                    aria-current={index === stepIndex ? 'step' : undefined}
                    onClick={() => goTo(index)}
                  >
                    <span className={`stepper__marker ${answered ? (hasProblems ? 'stepper__marker--warn' : 'stepper__marker--done') : ''}`} aria-hidden="true">
                      {answered ? (hasProblems ? '!' : '✓') : step.number}
                    </span>
                    <span>
                      {step.name}
                      <span className="visually-hidden">{answered ? (hasProblems ? ', needs attention' : ', answered') : ', not answered'}</span>
                    </span>
                  </button>
                </li>
              );
            })}
            <li>
              <button type="button" className="stepper__step" aria-current={stepIndex === reviewIndex ? 'step' : undefined} onClick={() => goTo(reviewIndex)}>
                <span className="stepper__marker" aria-hidden="true">
                  ★
                </span>
                <span>Review and finalize</span>
              </button>
            </li>
          </ol>
        </nav>

        <section className="card wizard__panel" aria-labelledby="step-heading">
          {current ? (
            <CapabilityStep
              key={current.id}
              headingRef={heading}
              question={current}
              ownFacilityId={assessment.facilityId}
              answer={answers[current.id]}
              today={session.today}
              problems={visitedReview || serverProblems.length > 0 ? problemsOf(current.id) : answerProblems(current.id, answers[current.id], session.today).filter((p) => p.field.endsWith('verifiedOn') && answers[current.id].verifiedOn)}
              onChange={(answer) => update(current.id, answer)}
            />
          ) : (
            <ReviewStep
              headingRef={heading}
              questionnaire={questionnaire}
              answers={answers}
              problems={problems}
              onEdit={goTo}
              onFinalize={() => void finalize()}
              finalizing={finalizing}
              finalizeError={finalizeError}
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
    </>
  );
}

function CapabilityStep({
  question,
  ownFacilityId,
  answer,
  today,
  problems,
  onChange,
  headingRef,
}: {
  question: CapabilityQuestion;
  ownFacilityId: number;
  answer: CapabilityAnswer;
  today: string;
  problems: FieldProblem[];
  onChange(answer: CapabilityAnswer): void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const problemFor = (name: string) => problems.find((problem) => problem.field === `answers.${question.id}.${name}`)?.message;
  const set = (patch: Partial<CapabilityAnswer>) => onChange({ ...answer, ...patch });
  const setDetail = (id: string, value: DetailValue | null) => {
    const details = { ...answer.details };
    if (value === null) delete details[id];
    else details[id] = value;
    set({ details });
  };
  const needsVerification = answer.status !== null && answer.status !== 'unknown';
  const id = (name: string) => `${question.id}-${name}`;

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

      <fieldset className={`field${problemFor('status') ? ' field--invalid' : ''}`}>
        <legend>Status</legend>
        <div className="choice-list choice-list--grid">
          {CAPABILITY_STATUSES.map((status) => (
            <label key={status} className="choice">
              <input type="radio" name={id('status')} value={status} checked={answer.status === status} onChange={() => set({ status })} />
              <span>
                <strong>{CAPABILITY_STATUS_LABELS[status]}</strong>
                <span className="choice__description">{CAPABILITY_STATUS_DESCRIPTIONS[status]}</span>
              </span>
            </label>
          ))}
        </div>
        {problemFor('status') && <p className="field__error">{problemFor('status')}</p>}
      </fieldset>

      {answer.status === 'via_partner' && (
        <PartnerFields idPrefix={question.id} ownFacilityId={ownFacilityId} partner={answer.partner} problemFor={problemFor} onChange={(partner) => set({ partner })} />
      )}

      <fieldset className="field details">
        <legend>Details</legend>
        <p className="field__hint">Answer what you know; leave the rest blank.</p>
        {question.details.map((detail) =>
          detail.kind === 'days' ? (
            <div className="detail-row" key={detail.id}>
              <label htmlFor={id(detail.id)}>{detail.label}</label>
              <input
                id={id(detail.id)}
                type="number"
                min={0}
                max={365}
                className="input--narrow"
                value={typeof answer.details[detail.id] === 'number' ? String(answer.details[detail.id]) : ''}
                onChange={(event) => {
                  const value = event.target.value === '' ? null : Math.max(0, Math.min(365, Math.round(Number(event.target.value))));
                  setDetail(detail.id, value === null || Number.isNaN(value) ? null : value);
                }}
              />
            </div>
          ) : (
            <div className="detail-row" role="group" aria-labelledby={id(`${detail.id}-label`)} key={detail.id}>
              <span id={id(`${detail.id}-label`)}>{detail.label}</span>
              <div className="segmented">
                {(['yes', 'no', 'unknown'] as const).map((value) => (
                  <label key={value}>
                    <input
                      type="radio"
                      name={id(detail.id)}
                      value={value}
                      checked={answer.details[detail.id] === value}
                      onChange={() => setDetail(detail.id, value)}
                    />
                    <span>{DETAIL_CHOICE_LABELS[value]}</span>
                  </label>
                ))}
              </div>
            </div>
          ),
        )}
      </fieldset>

      <div className="field">
        <label htmlFor={id('evidence')}>Evidence</label>
        <p className="field__hint" id={id('evidence-hint')}>
          What you saw or were told, and where it is documented (policy number, contract, call notes).
        </p>
        <textarea
          id={id('evidence')}
          rows={4}
          aria-describedby={id('evidence-hint')}
          value={answer.evidence}
          onChange={(event) => set({ evidence: event.target.value })}
        />
      </div>

      <fieldset className="field verification">
        <legend>Verification {needsVerification ? '' : <span className="muted small">(needed unless the status is Unknown)</span>}</legend>
        <div className="form-grid">
          <VerificationInput id={id('verifiedByName')} label="Verified by (name)" value={answer.verifiedByName} error={problemFor('verifiedByName')} onChange={(verifiedByName) => set({ verifiedByName })} />
          <VerificationInput id={id('verifiedByRole')} label="Their role" hint="e.g. Blood bank director" value={answer.verifiedByRole} onChange={(verifiedByRole) => set({ verifiedByRole })} />
          <div className={`field${problemFor('verificationMethod') ? ' field--invalid' : ''}`}>
            <label htmlFor={id('method')}>How it was verified</label>
            <select
              id={id('method')}
              value={answer.verificationMethod ?? ''}
              aria-invalid={problemFor('verificationMethod') ? true : undefined}
              onChange={(event) => set({ verificationMethod: (event.target.value || null) as CapabilityAnswer['verificationMethod'] })}
            >
              <option value="">Choose…</option>
              {VERIFICATION_METHODS.map((method) => (
                <option key={method} value={method}>
                  {VERIFICATION_METHOD_LABELS[method]}
                </option>
              ))}
            </select>
            {problemFor('verificationMethod') && <p className="field__error">{problemFor('verificationMethod')}</p>}
          </div>
          <div className={`field${problemFor('verifiedOn') ? ' field--invalid' : ''}`}>
            <label htmlFor={id('verifiedOn')}>Verified on</label>
            <input
              id={id('verifiedOn')}
              type="date"
              max={today}
              value={answer.verifiedOn ?? ''}
              aria-invalid={problemFor('verifiedOn') ? true : undefined}
              aria-describedby={problemFor('verifiedOn') ? id('verifiedOn-error') : undefined}
              onChange={(event) => set({ verifiedOn: event.target.value || null })}
            />
            {problemFor('verifiedOn') && (
              <p className="field__error" id={id('verifiedOn-error')}>
                {problemFor('verifiedOn')}
              </p>
            )}
          </div>
        </div>
      </fieldset>
    </div>
  );
}

function VerificationInput(props: { id: string; label: string; hint?: string; value: string; error?: string | undefined; onChange(value: string): void }) {
  return (
    <div className={`field${props.error ? ' field--invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={props.hint}
        maxLength={120}
        aria-invalid={props.error ? true : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && <p className="field__error">{props.error}</p>}
    </div>
  );
}

function ReviewStep(props: {
  questionnaire: Questionnaire;
  answers: Answers;
  problems: FieldProblem[];
  onEdit(index: number): void;
  onFinalize(): void;
  finalizing: boolean;
  finalizeError: string | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { questionnaire, answers, problems } = props;
  return (
    <div className="step">
      <h2 id="step-heading" ref={props.headingRef} tabIndex={-1}>
        Review and finalize
      </h2>
      <p>Check each answer. Once finalized, the assessment is read-only; later changes need an amendment with a reason.</p>
      <table className="table table--inset">
        <thead>
          <tr>
            <th scope="col">Capability</th>
            <th scope="col">Status</th>
            <th scope="col">Verified</th>
            <th scope="col">
              <span className="visually-hidden">Edit</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {questionnaire.capabilities.map((question, index) => {
            const answer = answers[question.id];
            const own = problems.filter((problem) => problem.field.startsWith(`answers.${question.id}.`));
            return (
              <tr key={question.id}>
                <th scope="row">
                  {question.number}. {question.name}
                  {own.map((problem) => (
                    <span key={problem.field} className="field__error block">
                      {problem.message}
                    </span>
                  ))}
                </th>
                <td>
                  <StatusBadge status={answer.status} />
                  {answer.status === 'via_partner' && (
                    <span className="small block">
                      <PartnerSummary partner={answer.partner} />
                    </span>
                  )}
                </td>
                <td>
                  {answer.verifiedOn ? formatDate(answer.verifiedOn) : '—'}
                  {answer.verifiedByName && <span className="muted small block">{answer.verifiedByName}</span>}
                </td>
                <td className="cell-actions">
                  <button type="button" className="button button--small" onClick={() => props.onEdit(index)} aria-label={`Edit ${question.name}`}>
                    Edit
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.length > 0 && (
        <p className="banner banner--warn">
          {problems.length} answer{problems.length === 1 ? ' needs' : 's need'} attention before this can be finalized.
        </p>
      )}
      {props.finalizeError && (
        <p className="banner banner--error" role="alert">
          {props.finalizeError}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={props.onFinalize} disabled={props.finalizing || problems.length > 0}>
          {props.finalizing ? 'Finalizing…' : 'Finalize assessment'}
        </button>
      </div>
    </div>
  );
}

/* ---------------- finalized or superseded: read-only ---------------- */

function AssessmentRecord({ assessment }: { assessment: Assessment }) {
  const navigate = useNavigate();
  const [amending, setAmending] = useState(false);
  const questionnaire = questionnaireVersion(assessment.questionnaireVersion);
  return (
    <>
      <Breadcrumbs assessment={assessment} />
      <header className="page-header">
        <div>
          <h1>
            Assessment revision {assessment.revision} <span className={`badge badge--${assessment.state}`}>{assessment.state}</span>
          </h1>
          <p className="muted">
            {assessment.facilityName} · finalized {formatDate(assessment.finalizedAt)} by {assessment.assessorName} · questionnaire version{' '}
            {assessment.questionnaireVersion}
          </p>
        </div>
        {assessment.state === 'finalized' && !amending && (
          <button type="button" className="button button--primary" onClick={() => setAmending(true)}>
            Amend assessment
          </button>
        )}
      </header>
      {assessment.state === 'superseded' && (
        <p className="banner banner--warn">
          Superseded on {formatDate(assessment.supersededAt)} by a later revision. It is kept as history and no longer counts in the profile.
        </p>
      )}
      {assessment.amendmentReason && (
        <p className="banner banner--info">
          Amends revision {assessment.revision - 1}. Reason: {assessment.amendmentReason}
        </p>
      )}
      {amending && (
        <section className="card">
          <AmendForm assessmentId={assessment.id} onCancel={() => setAmending(false)} onAmended={(next) => navigate(`/assessments/${next}`)} />
        </section>
      )}
      {questionnaire.capabilities.map((question) => {
        const answer = assessment.answers[question.id];
        return (
          <section className="card" key={question.id} aria-labelledby={`record-${question.id}`}>
            <div className="card__header">
              <h2 id={`record-${question.id}`}>
                {question.number}. {question.name}
              </h2>
              <StatusBadge status={answer.status} />
            </div>
            <p className="muted">{question.question}</p>
            <dl className="facts">
              {answer.status === 'via_partner' && (
                <div className="facts__row">
                  <dt>Partner</dt>
                  <dd>
                    <PartnerSummary partner={answer.partner} />
                  </dd>
                </div>
              )}
              {question.details.map((detail) => (
                <div className="facts__row" key={detail.id}>
                  <dt>{detail.label}</dt>
                  <dd>{describeDetailValue(answer.details[detail.id])}</dd>
                </div>
              ))}
              <div className="facts__row">
                <dt>Evidence</dt>
                <dd className="prewrap">{answer.evidence || '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Verified</dt>
                <dd>
                  {answer.verifiedByName || '—'}
                  {answer.verifiedByRole && `, ${answer.verifiedByRole}`}
                  {answer.verificationMethod && ` · ${VERIFICATION_METHOD_LABELS[answer.verificationMethod]}`}
                  {answer.verifiedOn && ` · ${formatDate(answer.verifiedOn)}`}
                </dd>
              </div>
            </dl>
          </section>
        );
      })}
    </>
  );
}
