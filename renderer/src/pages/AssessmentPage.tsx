import { useParams } from 'react-router';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { entryForDraft, useOutbox } from '../outbox';
import { AssessmentRecord } from './assessment/AssessmentRecord';
import { AssessmentWizard } from './assessment/AssessmentWizard';
import { QueuedAssessment } from './assessment/QueuedAssessment';

export function AssessmentPage() {
  const { assessmentId } = useParams();
  const id = Number(assessmentId);
  const { data: assessment, errorMessage: error, updating } = useCall('getAssessment', { assessmentId: id });
  // On a desktop that follows a shared registry, a draft finalized here waits in the outbox
  // (and is gone once the registry's copy arrived): the outbox says what became of it.
  const outbox = useOutbox();

  if (outbox.loading || (!assessment && !error)) return <p className="loading">Loading assessment…</p>;
  const queued = entryForDraft(outbox.entries, id, assessment ? assessment.createdAt : null);
  if (queued && (!assessment || assessment.state === 'draft')) return <QueuedAssessment entry={queued} />;
  if (!assessment) return <p className="banner banner--error" role="alert">{error}</p>;
  return (
    <>
      <Updating updating={updating} />
      {/* The wizard keeps its own answers from the first read: a refetch never overwrites what is being typed. */}
      {assessment.state === 'draft' ? <AssessmentWizard key={assessment.id} assessment={assessment} /> : <AssessmentRecord assessment={assessment} />}
    </>
  );
}
