import { Link } from 'react-router';
import type { OutboxEntry } from '../../../../shared/assessment-submission';
import { formatTimestamp } from '../../../../shared/calendar';
import { decisionPath } from '../../outbox';

/** On the facility page: an assessment of it finalized on this desktop that the registry has not accepted yet. */
export function OutboxLine({ entry }: { entry: OutboxEntry }) {
  const what = entry.submission.basedOnAssessmentId ? 'An amended assessment' : 'An assessment';
  if (entry.state === 'pending') {
    return (
      <p className="banner banner--info outbox-line" role="status">
        {what} finalized on this desktop {formatTimestamp(entry.queuedAt)} waits to be sent to the shared registry; this profile changes once the
        registry accepts it. <Link to={`/assessments/${entry.localAssessmentId}`}>See what was finalized</Link>
      </p>
    );
  }
  return (
    <p className="banner banner--warn outbox-line" role="status">
      {what} finalized on this desktop was {entry.state === 'refused' ? 'refused' : 'sent back'} by the shared registry and needs your decision.{' '}
      <Link to={decisionPath(entry)}>Compare and decide</Link>
    </p>
  );
}
