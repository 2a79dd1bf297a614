import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeDetailValue, type Assessment } from '../../../../shared/assessment';
import { formatDate } from '../../../../shared/calendar';
import { questionnaireVersion, VERIFICATION_METHOD_LABELS } from '../../../../shared/questionnaire';
import { StatusBadge } from '../../components/StatusBadge';
import { AmendForm } from './AmendForm';
import { AssessmentBreadcrumbs } from './AssessmentBreadcrumbs';
import { PartnerSummary } from './PartnerFields';

/** A finalized or superseded assessment: read-only, with the way to amend the standing one. */
export function AssessmentRecord({ assessment }: { assessment: Assessment }) {
  const navigate = useNavigate();
  const [amending, setAmending] = useState(false);
  const questionnaire = questionnaireVersion(assessment.questionnaireVersion);
  return (
    <>
      <AssessmentBreadcrumbs assessment={assessment} />
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
