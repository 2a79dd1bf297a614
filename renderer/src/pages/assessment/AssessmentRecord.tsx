import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Assessment } from '../../../../shared/assessment';
import { formatDate } from '../../../../shared/calendar';
import { AmendForm } from './AmendForm';
import { AnswerCards } from './AnswerCards';
import { AssessmentBreadcrumbs } from './AssessmentBreadcrumbs';

/** A finalized or superseded assessment: read-only, with the way to amend the standing one. */
export function AssessmentRecord({ assessment }: { assessment: Assessment }) {
  const navigate = useNavigate();
  const [amending, setAmending] = useState(false);
  return (
    <>
      <AssessmentBreadcrumbs facilityId={assessment.facilityId} facilityName={assessment.facilityName}>
        Assessment revision {assessment.revision}
      </AssessmentBreadcrumbs>
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
      <AnswerCards questionnaireVersion={assessment.questionnaireVersion} answers={assessment.answers} />
    </>
  );
}
