import { useState } from 'react';
import type { OutboxEntry } from '../../../../shared/assessment-submission';
import { formatDate } from '../../../../shared/calendar';
import type { FacilityOverview } from '../../../../shared/contract';
import { capabilityQuestion, questionnaireVersion, VERIFICATION_METHOD_LABELS } from '../../../../shared/questionnaire';
import { Link, useNavigate } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { useCan } from '../../permissions';
import { useSession } from '../../session';
import { AmendForm } from '../assessment/AmendForm';
import { PartnerSummary } from '../assessment/PartnerFields';
import { OutboxLine } from './OutboxLine';

/**
 * What the facility can do by its standing assessment, and the way to start, continue or amend
 * one; on a desktop that follows a shared registry, what was finalized here and not yet accepted.
 */
export function ProfileCard({ overview, onStart, unsettled = [] }: { overview: FacilityOverview; onStart(): void; unsettled?: OutboxEntry[] }) {
  const navigate = useNavigate();
  const { session } = useSession();
  const [amending, setAmending] = useState(false);
  const can = useCan();
  const { facility, profile, verdict, draft } = overview;
  const questionnaire = profile ? questionnaireVersion(profile.questionnaireVersion) : null;
  // A draft finalized here is the registry's to accept: it is no longer continued.
  const draftQueued = draft !== null && unsettled.some((entry) => entry.localAssessmentId === draft.id);

  return (
    <section className="card" aria-labelledby="profile-heading">
      <div className="card__header">
        <h2 id="profile-heading">Capability profile</h2>
        <div className="actions">
          {!can('startAssessment', { kind: 'facility', facilityId: facility.id, facilityName: facility.name }) || draftQueued ? null : draft ? (
            <Link className="button button--primary" to={`/assessments/${draft.id}`}>
              {draft.amendsId ? 'Continue amendment' : 'Continue assessment'}
            </Link>
          ) : profile ? (
            <button type="button" className="button button--primary" onClick={() => setAmending(true)} disabled={facility.archived}>
              Amend assessment
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={onStart} disabled={facility.archived}>
              Start assessment
            </button>
          )}
        </div>
      </div>
      <p className={`verdict ${profile ? '' : 'verdict--none'}`}>{verdict}</p>
      {unsettled.map((entry) => (
        <OutboxLine key={entry.clientId} entry={entry} />
      ))}
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
          {draftQueued
            ? 'Its answers count once the shared registry has accepted the assessment finalized here.'
            : draft
            ? 'An assessment is in progress. Its answers count once it is finalized.'
            : 'Answer the six transfer questions to build this facility’s profile.'}
        </p>
      )}
    </section>
  );
}
