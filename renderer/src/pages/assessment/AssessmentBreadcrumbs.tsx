import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Facilities › the facility › `children`: an assessment here, or one finalized on this desktop and queued for the shared registry. */
export function AssessmentBreadcrumbs({ facilityId, facilityName, children }: { facilityId: number; facilityName: string; children: ReactNode }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span>{' '}
      <Link to={`/facilities/${facilityId}`}>{facilityName}</Link> <span aria-hidden="true">›</span> <span>{children}</span>
    </nav>
  );
}
