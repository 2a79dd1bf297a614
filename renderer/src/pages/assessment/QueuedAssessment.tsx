import { Link } from 'react-router';
import type { OutboxEntry } from '../../../../shared/assessment-submission';
import { formatTimestamp } from '../../../../shared/calendar';
import { decisionPath, outboxStateText } from '../../outbox';
import { AnswerCards } from './AnswerCards';
import { AssessmentBreadcrumbs } from './AssessmentBreadcrumbs';

/**
 * An assessment finalized on a desktop that follows the shared registry: it is the registry's to
 * accept, so here it is read-only, with what became of it (waiting, accepted, sent back, refused).
 */
export function QueuedAssessment({ entry }: { entry: OutboxEntry }) {
  const { submission } = entry;
  return (
    <>
      <AssessmentBreadcrumbs facilityId={entry.facilityId} facilityName={entry.facilityName}>
        Finalized on this desktop
      </AssessmentBreadcrumbs>
      <header className="page-header">
        <div>
          <h1>{submission.basedOnAssessmentId ? 'Amended assessment' : 'Assessment'} finalized on this desktop</h1>
          <p className="muted">
            {entry.facilityName} · finalized here {formatTimestamp(entry.queuedAt)}
            {submission.amendmentReason && <> · reason: {submission.amendmentReason}</>}
          </p>
        </div>
      </header>
      <QueuedState entry={entry} />
      <AnswerCards questionnaireVersion={submission.questionnaireVersion} answers={submission.answers} />
    </>
  );
}

function QueuedState({ entry }: { entry: OutboxEntry }) {
  const facility = <Link to={`/facilities/${entry.facilityId}`}>{entry.facilityName}&apos;s profile</Link>;
  switch (entry.state) {
    case 'pending':
      return (
        <p className="banner banner--info" role="status">
          <strong>Finalized on this desktop — waiting to be sent to the shared registry.</strong> It is sent by itself as soon as the registry
          can be reached; its answers no longer change here. The facility&apos;s profile shows it once the registry has accepted it.
        </p>
      );
    case 'delivered':
      return (
        <p className="banner banner--ok" role="status">
          {outboxStateText(entry)}. Its copy of this assessment now stands in {facility}.
        </p>
      );
    case 'conflict':
    case 'refused':
      return (
        <div className="banner banner--warn" role="status">
          <p>
            <strong>{entry.state === 'conflict' ? 'Sent back by the shared registry: it needs your decision.' : 'Refused by the shared registry.'}</strong>{' '}
            {entry.serverMessage}
          </p>
          <p>
            <Link to={decisionPath(entry)}>Compare the two versions and decide</Link>
          </p>
        </div>
      );
    case 'withdrawn':
      return (
        <p className="banner banner--info" role="status">
          Withdrawn: the registry&apos;s version was kept. See {facility}.
        </p>
      );
  }
}
