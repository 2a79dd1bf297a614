import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { capabilityName } from '../../../shared/capability-judgement';
import { formatDate } from '../../../shared/calendar';
import { formatDistance } from '../../../shared/geography';
import { LETTER_AUDIENCE_LABELS, type LetterAudience } from '../../../shared/letters';
import { CASE_STAGE_LABELS, FAMILY_LANGUAGE_LABELS, GAD65_LABELS, OTHER_ANTIBODY_LABELS, type NeedOverride, type StayDecision } from '../../../shared/transfer-case';
import { errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { Updating } from '../components/Updating';
import { StatusBadge } from '../components/StatusBadge';
import { CandidatesTable } from './case-workup/CandidatesTable';
import { CaseAlerts } from './case-workup/CaseAlerts';
import { NeedsCard } from './case-workup/NeedsCard';
import { RecommendationCard } from './case-workup/RecommendationCard';

export function CaseWorkupPage() {
  const { caseId } = useParams();
  const id = Number(caseId);
  const navigate = useNavigate();
  const { data: workup, errorMessage: loadError, updating } = useCall('getCaseWorkup', { caseId: id });
  const updateCase = useCallMutation('updateCase');
  const chooseReceiving = useCallMutation('chooseReceivingFacility');
  const openLetterDraft = useCallMutation('openLetterDraft');
  const [actionError, setActionError] = useState<string | null>(null);
  const error = actionError ?? loadError;

  if (!workup) return error ? <p className="banner banner--error" role="alert">{error}</p> : <p className="loading">Loading case…</p>;
  const { transferCase, needs, recommendation, referring, receiving, candidates, candidateCount, letters } = workup;

  // The case is saved whole, as the form saves it, so one change never drops another field.
  async function overrideNeeds(next: NeedOverride[]) {
    await updateCase.mutateAsync({ caseId: id, details: { ...transferCase, needOverrides: next } });
  }

  async function decideStay(stayDecision: StayDecision | null) {
    await updateCase.mutateAsync({ caseId: id, details: { ...transferCase, stayDecision } });
  }

  async function choose(facilityId: number | null) {
    try {
      await chooseReceiving.mutateAsync({ caseId: id, facilityId });
      setActionError(null);
    } catch (failure) {
      setActionError(errorMessage(failure));
    }
  }

  async function prepare(audience: LetterAudience) {
    try {
      const letter = await openLetterDraft.mutateAsync({ caseId: id, audience });
      navigate(`/letters/${letter.id}`);
    } catch (failure) {
      setActionError(errorMessage(failure));
    }
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Transfer cases</Link> <span aria-hidden="true">›</span> <span>{transferCase.patient.name}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>{transferCase.patient.name}</h1>
          <p className="muted">
            Born {formatDate(transferCase.patient.dateOfBirth)} · MRN {transferCase.patient.mrn} · SPS (G25.82), {GAD65_LABELS[transferCase.gad65].toLowerCase().replace('anti-gad65', 'anti-GAD65')} ·{' '}
            {CASE_STAGE_LABELS[transferCase.stage].toLowerCase()}
            {transferCase.otherAntibodies.map((antibody) => ` · ${OTHER_ANTIBODY_LABELS[antibody]}`)}
          </p>
          {transferCase.guardian.name && (
            <p className="muted">
              Parent or guardian: {transferCase.guardian.name}
              {transferCase.guardian.relationship && ` (${transferCase.guardian.relationship})`}
            </p>
          )}
        </div>
        <Link className="button" to={`/cases/${id}/edit`}>
          Edit case
        </Link>
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />

      <CaseAlerts alerts={needs.alerts} />
      <RecommendationCard recommendation={recommendation} transferCase={transferCase} onStayDecision={decideStay} />

      <div className="two-columns">
        <NeedsCard workup={workup} onChange={overrideNeeds} />
        <section className="card" aria-labelledby="referring-heading">
          <h2 id="referring-heading">Referring facility</h2>
          <p>
            <Link to={`/facilities/${referring.facility.id}`}>{referring.facility.name}</Link>
          </p>
          <p className={`verdict ${referring.profile ? '' : 'verdict--none'}`}>{referring.verdict}</p>
          {needs.needs.length > 0 && referring.profile && (
            <table className="table table--inset">
              <caption className="visually-hidden">The patient's needs at the referring facility</caption>
              <tbody>
                {needs.needs.map((need) => {
                  const capability = referring.profile!.capabilities.find((c) => c.capabilityId === need.capabilityId)!;
                  return (
                    <tr key={need.capabilityId}>
                      <th scope="row">{capabilityName(need.capabilityId)}</th>
                      <td>
                        <StatusBadge status={capability.status} stale={capability.stale} />
                      </td>
                      <td className="small">
                        {capability.verifiedOn ? `Verified ${formatDate(capability.verifiedOn)}` : 'Not verified'}
                        {capability.verifiedByName && ` by ${capability.verifiedByName}`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="receiving-heading">
        <div className="card__header">
          <h2 id="receiving-heading">Receiving facility</h2>
          {receiving && (
            <button type="button" className="button button--small" onClick={() => void choose(null)}>
              Clear choice
            </button>
          )}
        </div>
        {receiving ? (
          <p className="chosen">
            <strong>
              <Link to={`/facilities/${receiving.facility.id}`}>{receiving.facility.name}</Link>
            </strong>{' '}
            — {[receiving.facility.city, receiving.facility.state].filter(Boolean).join(', ')} · {formatDistance(receiving.distance)}
          </p>
        ) : (
          <p className="muted">No receiving facility chosen yet. Choose one of the candidates below.</p>
        )}
        <h3>Receiving candidates ({candidateCount.toLocaleString()})</h3>
        <p className="muted small">
          Facilities that offer every need on site or through a partner, best first: those whose verified details fit this patient, then
          fewer shortfalls, fewer partners, fewer out-of-date answers, then distance.
        </p>
        {candidates.length === 0 ? (
          <p className="banner banner--warn">
            No assessed facility offers every need of this patient. Assess more facilities, or review the needs above.
          </p>
        ) : (
          <CandidatesTable candidates={candidates} chosenId={receiving?.facility.id ?? null} onChoose={(facilityId) => void choose(facilityId)} />
        )}
      </section>

      <section className="card" aria-labelledby="letters-heading">
        <h2 id="letters-heading">Letters</h2>
        <div className="actions">
          <button type="button" className="button button--primary" onClick={() => void prepare('family')}>
            Prepare family letter
          </button>
          <button type="button" className="button button--primary" onClick={() => void prepare('insurer')}>
            Prepare insurer letter
          </button>
          <Link className="button" to={`/cases/${id}/summary`}>
            Transfer summary
          </Link>
        </div>
        <p className="muted small letters-note">
          The family letter is written in {FAMILY_LANGUAGE_LABELS[transferCase.preferredLanguage]}, the family’s preferred language. The
          transfer summary is for the receiving team and is printed from the case as it stands.
        </p>
        {letters.length > 0 && (
          <table className="table table--inset">
            <caption className="visually-hidden">Letter history</caption>
            <thead>
              <tr>
                <th scope="col">Letter</th>
                <th scope="col">State</th>
                <th scope="col">Date</th>
                <th scope="col">Fingerprint (SHA-256)</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={letter.id}>
                  <th scope="row">
                    <Link to={`/letters/${letter.id}`}>{LETTER_AUDIENCE_LABELS[letter.audience]}</Link>
                  </th>
                  <td>
                    <span className={`badge ${letter.state === 'issued' ? 'badge--finalized' : 'badge--draft'}`}>{letter.state}</span>
                  </td>
                  <td>{letter.issuedAt ? `Issued ${formatDate(letter.issuedAt)} by ${letter.issuedByName}` : `Edited ${formatDate(letter.updatedAt)}`}</td>
                  <td>
                    <code>{letter.sha256 ? `${letter.sha256.slice(0, 16)}…` : '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
