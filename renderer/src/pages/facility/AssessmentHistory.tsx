import { Link } from 'react-router';
import { formatDate } from '../../../../shared/calendar';
import type { FacilityOverview } from '../../../../shared/contract';
import { RevisionComparison } from './RevisionComparison';

/** Every revision of the facility's assessment, newest first, and what changed between two of them. */
export function AssessmentHistory({ history }: { history: FacilityOverview['history'] }) {
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Assessment history</h2>
      {history.length === 0 ? (
        <p className="muted">No assessments yet.</p>
      ) : (
        <ol className="timeline" aria-label="Revisions">
          {history.map((assessment) => (
            <li key={assessment.id}>
              <Link to={`/assessments/${assessment.id}`}>Revision {assessment.revision}</Link>{' '}
              <span className={`badge badge--${assessment.state}`}>{assessment.state}</span>
              <span className="muted small block">
                {assessment.finalizedAt ? `Finalized ${formatDate(assessment.finalizedAt)}` : `Started ${formatDate(assessment.createdAt)}`} by{' '}
                {assessment.assessorName}
              </span>
              {assessment.amendmentReason && <span className="small block">Reason: {assessment.amendmentReason}</span>}
            </li>
          ))}
        </ol>
      )}
      {history.filter((a) => a.state !== 'draft').length >= 2 && <RevisionComparison history={history.filter((a) => a.state !== 'draft')} />}
    </section>
  );
}
