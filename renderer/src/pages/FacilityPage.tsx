import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/calendar';
import type { FacilityOverview, RevisionDiff } from '../../../shared/contract';
import {
  CAPABILITY_STATUS_LABELS,
  capabilityQuestion,
  CURRENT_QUESTIONNAIRE,
  questionnaireVersion,
  VERIFICATION_METHOD_LABELS,
  type CapabilityStatus,
} from '../../../shared/questionnaire';
import { errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { Updating } from '../components/Updating';
import { StatusBadge } from '../components/StatusBadge';
import { AmendForm } from './assessment/AmendForm';
import { PartnerSummary } from './assessment/PartnerFields';
import { useSession } from '../session';

export function FacilityPage() {
  const { facilityId } = useParams();
  const id = Number(facilityId);
  const navigate = useNavigate();
  const { session } = useSession();
  const { data: overview, errorMessage: loadError, updating } = useCall('getFacilityOverview', { facilityId: id });
  const startAssessment = useCallMutation('startAssessment');
  const [startError, setStartError] = useState<string | null>(null);
  const error = startError ?? loadError;
  const [amending, setAmending] = useState(false);

  async function start() {
    try {
      const assessment = await startAssessment.mutateAsync({ facilityId: id });
      navigate(`/assessments/${assessment.id}`);
    } catch (failure) {
      setStartError(errorMessage(failure));
    }
  }

  if (error && !overview) {
    return (
      <p className="banner banner--error" role="alert">
        {error} <Link to="/facilities">Back to facilities</Link>
      </p>
    );
  }
  if (!overview) return <p className="loading">Loading facility…</p>;
  const { facility, profile, verdict, history, draft } = overview;
  const questionnaire = profile ? questionnaireVersion(profile.questionnaireVersion) : null;
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
        <Link className="button" to={`/facilities/${facility.id}/edit`}>
          Edit details
        </Link>
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />

      <section className="card" aria-labelledby="profile-heading">
        <div className="card__header">
          <h2 id="profile-heading">Capability profile</h2>
          <div className="actions">
            {draft ? (
              <Link className="button button--primary" to={`/assessments/${draft.id}`}>
                {draft.amendsId ? 'Continue amendment' : 'Continue assessment'}
              </Link>
            ) : profile ? (
              <button type="button" className="button button--primary" onClick={() => setAmending(true)} disabled={facility.archived}>
                Amend assessment
              </button>
            ) : (
              <button type="button" className="button button--primary" onClick={() => void start()} disabled={facility.archived}>
                Start assessment
              </button>
            )}
          </div>
        </div>
        <p className={`verdict ${profile ? '' : 'verdict--none'}`}>{verdict}</p>
        {amending && profile && (
          <AmendForm assessmentId={profile.assessmentId} onCancel={() => setAmending(false)} onAmended={(next) => navigate(`/assessments/${next}`)} />
        )}
        {profile && questionnaire ? (
          <>
            <p className="muted small">
              From assessment revision {profile.revision}, finalized {formatDate(profile.finalizedAt)} by {profile.assessorName}.
              Verifications older than {session.settings.expiryMonths} months count as stale.
            </p>
            <table className="table table--inset">
              <thead>
                <tr>
                  <th scope="col">Capability</th>
                  <th scope="col">Status</th>
                  <th scope="col">Verified on</th>
                  <th scope="col">Verified by</th>
                </tr>
              </thead>
              <tbody>
                {profile.capabilities.map((capability) => (
                  <tr key={capability.capabilityId}>
                    <th scope="row">{capabilityQuestion(questionnaire, capability.capabilityId).name}</th>
                    <td>
                      <StatusBadge status={capability.status} stale={capability.stale} />
                      {capability.status === 'via_partner' && (
                        <span className="small block">
                          <PartnerSummary partner={capability.partner} />
                        </span>
                      )}
                    </td>
                    <td>{formatDate(capability.verifiedOn)}</td>
                    <td>
                      {capability.verifiedByName || <span className="muted">—</span>}
                      {capability.verifiedByRole && <span className="muted">, {capability.verifiedByRole}</span>}
                      {capability.verificationMethod && (
                        <span className="muted small block">{VERIFICATION_METHOD_LABELS[capability.verificationMethod]}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="muted">
            {draft
              ? 'An assessment is in progress. Its answers count once it is finalized.'
              : 'Answer the six transfer questions to build this facility’s profile.'}
          </p>
        )}
      </section>

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
      </div>
    </>
  );
}

const FIELD_LABELS: Record<RevisionDiff['changes'][number]['field'], string> = {
  status: 'status',
  details: 'details',
  evidence: 'evidence',
  verifiedBy: 'verified by',
  verifiedOn: 'verified on',
};

function RevisionComparison({ history }: { history: FacilityOverview['history'] }) {
  const [fromId, setFromId] = useState(history[1]!.id);
  const [toId, setToId] = useState(history[0]!.id);
  const { data: diff, errorMessage: error } = useCall('diffAssessments', { fromId, toId }, { keepPrevious: true });

  const choice = (id: string, label: string, value: number, onChange: (id: number) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {history.map((assessment) => (
          <option key={assessment.id} value={assessment.id}>
            Revision {assessment.revision} ({assessment.state}, {formatDate(assessment.finalizedAt)})
          </option>
        ))}
      </select>
    </div>
  );
  const name = (id: string) => CURRENT_QUESTIONNAIRE.capabilities.find((c) => c.id === id)?.name ?? id;
  const shown = (field: string, value: string) =>
    !value ? '(empty)' : field === 'status' ? CAPABILITY_STATUS_LABELS[value as CapabilityStatus] : field === 'verifiedOn' ? formatDate(value) : value;

  return (
    <div className="revision-diff">
      <h3>What changed between revisions</h3>
      <div className="form-grid">
        {choice('diff-from', 'From', fromId, setFromId)}
        {choice('diff-to', 'To', toId, setToId)}
      </div>
      {error && <p className="field__error">{error}</p>}
      {diff && (
        <>
          <p className="small">
            Revision {diff.to.revision} by {diff.to.assessorName}
            {diff.to.amendmentReason ? `, because: ${diff.to.amendmentReason}` : ''}.
          </p>
          {diff.changes.length === 0 ? (
            <p className="muted">No answer differs.</p>
          ) : (
            <ul className="diff-list">
              {diff.changes.map((change) => (
                <li key={`${change.capabilityId}-${change.field}`}>
                  <strong>{name(change.capabilityId)}</strong>, {FIELD_LABELS[change.field]}: <del>{shown(change.field, change.from)}</del> →{' '}
                  <ins>{shown(change.field, change.to)}</ins>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
