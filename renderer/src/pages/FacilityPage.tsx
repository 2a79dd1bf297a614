import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { Updating } from '../components/Updating';
import { unsettledFor, useOutbox } from '../outbox';
import { useCan } from '../permissions';
import { AssessmentHistory } from './facility/AssessmentHistory';
import { ProfileCard } from './facility/ProfileCard';

export function FacilityPage() {
  const { facilityId } = useParams();
  const id = Number(facilityId);
  const navigate = useNavigate();
  const { data: overview, errorMessage: loadError, updating } = useCall('getFacilityOverview', { facilityId: id });
  const startAssessment = useCallMutation('startAssessment');
  const can = useCan();
  // Assessments of it finalized on this desktop, on their way to the shared registry it follows.
  const unsettled = unsettledFor(useOutbox().entries, id);
  const error = (startAssessment.error && errorMessage(startAssessment.error)) ?? loadError;

  function start() {
    startAssessment.mutate({ facilityId: id }, { onSuccess: (assessment) => navigate(`/assessments/${assessment.id}`) });
  }

  if (error && !overview) {
    return (
      <p className="banner banner--error" role="alert">
        {error} <Link to="/facilities">Back to facilities</Link>
      </p>
    );
  }
  if (!overview) return <p className="loading">Loading facility…</p>;
  const { facility, history } = overview;
  const address = [facility.address, facility.city, [facility.state, facility.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span> <span>{facility.name}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {facility.name} {facility.archived && <span className="badge badge--muted">Archived</span>}
          </h1>
          <p className="muted">
            {[facility.ccn && `CCN ${facility.ccn}`, facility.facilityType, facility.ownership].filter(Boolean).join(' · ') ||
              'No CMS details recorded'}
          </p>
        </div>
        {can('updateFacility', { kind: 'facility', facilityId: facility.id, facilityName: facility.name }) && (
          <Link className="button" to={`/facilities/${facility.id}/edit`}>
            Edit details
          </Link>
        )}
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />

      <ProfileCard overview={overview} onStart={start} unsettled={unsettled} />

      <div className="two-columns">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className="facts">
            <dt>Address</dt>
            <dd>{address || '—'}</dd>
            <dt>County</dt>
            <dd>{facility.county || '—'}</dd>
            <dt>Phone</dt>
            <dd>{facility.phone || '—'}</dd>
            <dt>Coordinates</dt>
            <dd>{facility.latitude !== null ? `${facility.latitude}, ${facility.longitude}` : '—'}</dd>
            {facility.notes && (
              <>
                <dt>Notes</dt>
                <dd className="prewrap">{facility.notes}</dd>
              </>
            )}
          </dl>
          <p className="small card-footnote">
            <Link to={`/audit?entity=facility&id=${facility.id}`}>Every change to these details, in the audit trail</Link>
          </p>
        </section>
        <AssessmentHistory history={history} />
      </div>
    </>
  );
}
