import { useParams } from 'react-router';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { AssessmentRecord } from './assessment/AssessmentRecord';
import { AssessmentWizard } from './assessment/AssessmentWizard';

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
