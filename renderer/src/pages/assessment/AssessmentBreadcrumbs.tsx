import { Link } from 'react-router';
import type { Assessment } from '../../../../shared/assessment';

export function AssessmentBreadcrumbs({ assessment }: { assessment: Assessment }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span>{' '}
      <Link to={`/facilities/${assessment.facilityId}`}>{assessment.facilityName}</Link> <span aria-hidden="true">›</span>{' '}
      <span>Assessment revision {assessment.revision}</span>
    </nav>
  );
}
