import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CaseWorkup } from '../../../shared/case-workup';
import { formatDate } from '../../../shared/calendar';
import { formatDistance } from '../../../shared/geography';
import { LETTER_AUDIENCE_LABELS, type LetterAudience } from '../../../shared/letters';
import { CAPABILITY_IDS, CURRENT_QUESTIONNAIRE, type CapabilityId } from '../../../shared/questionnaire';
import { CASE_STAGE_LABELS, GAD65_LABELS, type NeedOverride } from '../../../shared/transfer-case';
import { RECOMMENDATION_LABELS } from '../../../shared/transfer-rules';
import { api, ApiError, errorMessage } from '../api';
import { StatusBadge } from '../components/StatusBadge';

const capabilityName = (id: CapabilityId) => CURRENT_QUESTIONNAIRE.capabilities.find((c) => c.id === id)!.name;

export function CaseWorkupPage() {
  const { caseId } = useParams();
  const id = Number(caseId);
  const navigate = useNavigate();
  const [workup, setWorkup] = useState<CaseWorkup | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setWorkup(await api.getCaseWorkup({ caseId: id }));
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (!workup) return error ? <p className="banner banner--error" role="alert">{error}</p> : <p className="loading">Loading case…</p>;
  const { transferCase, needs, recommendation, referring, receiving, candidates, candidateCount, letters } = workup;

  async function overrideNeeds(next: NeedOverride[]) {
    await api.updateCase({ caseId: id, details: { ...transferCase, needOverrides: next } });
    await load();
  }

  async function choose(facilityId: number | null) {
    try {
      await api.chooseReceivingFacility({ caseId: id, facilityId });
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function prepare(audience: LetterAudience) {
    try {
      const letter = await api.openLetterDraft({ caseId: id, audience });
      navigate(`/letters/${letter.id}`);
    } catch (failure) {
      setError(errorMessage(failure));
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
          </p>
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

      <section className={`card recommendation recommendation--${recommendation.level}`} aria-labelledby="recommendation-heading">
        <h2 id="recommendation-heading">{RECOMMENDATION_LABELS[recommendation.level]}</h2>
        <p>{recommendation.summary}</p>
        {recommendation.reasons.length > 0 && (
          <ul className="reason-list">
            {recommendation.reasons.map((reason) => (
              <li key={reason.capabilityId}>{reason.text}</li>
            ))}
          </ul>
        )}
      </section>

      {needs.warnings.map((warning) => (
        <p key={warning} className="banner banner--warn" role="alert">
          <strong>Warning. </strong>
          {warning}
        </p>
      ))}

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
        <h3>Candidates covering every need ({candidateCount.toLocaleString()})</h3>
        {candidates.length === 0 ? (
          <p className="banner banner--warn">
            No assessed facility covers every need of this patient. Assess more facilities, or review the needs above.
          </p>
        ) : (
          <table className="table table--inset">
            <thead>
              <tr>
                <th scope="col">Facility</th>
                <th scope="col">Distance</th>
                <th scope="col">Coverage</th>
                <th scope="col">
                  <span className="visually-hidden">Choose</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((candidate) => (
                <tr key={candidate.facilityId} className={candidate.facilityId === receiving?.facility.id ? 'row--chosen' : undefined}>
                  <th scope="row">
                    <Link to={`/facilities/${candidate.facilityId}`}>{candidate.name}</Link>
                    <span className="muted small block">{[candidate.city, candidate.state].filter(Boolean).join(', ')}</span>
                  </th>
                  <td>{formatDistance(candidate.distance)}</td>
                  <td className="small">
                    {candidate.allOnSiteAndFresh
                      ? 'All on site, verified'
                      : [candidate.viaPartner && `${candidate.viaPartner} through a partner`, candidate.stale && `${candidate.stale} out of date`].filter(Boolean).join(', ')}
                  </td>
                  <td className="cell-actions">
                    {candidate.facilityId === receiving?.facility.id ? (
                      <span className="badge badge--finalized">Chosen</span>
                    ) : (
                      <button type="button" className="button button--small" onClick={() => void choose(candidate.facilityId)}>
                        Choose<span className="visually-hidden"> {candidate.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
        </div>
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

function NeedsCard({ workup, onChange }: { workup: CaseWorkup; onChange(next: NeedOverride[]): Promise<void> }) {
  const { needs, transferCase } = workup;
  const [mode, setMode] = useState<{ action: 'add' | 'remove'; capabilityId: CapabilityId | '' } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const needed = new Set(needs.needs.map((need) => need.capabilityId));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!mode || !mode.capabilityId) {
      setError('Choose a capability.');
      return;
    }
    const others = transferCase.needOverrides.filter((override) => override.capabilityId !== mode.capabilityId);
    try {
      await onChange([...others, { capabilityId: mode.capabilityId, action: mode.action, reason }]);
      setMode(null);
      setReason('');
      setError(null);
    } catch (failure) {
      setError((failure instanceof ApiError && failure.fields[0]?.message) || errorMessage(failure));
    }
  }

  return (
    <section className="card" aria-labelledby="needs-heading">
      <h2 id="needs-heading">What the patient needs</h2>
      {needs.needs.length === 0 ? (
        <p className="muted">No capability need follows from the clinical flags.</p>
      ) : (
        <ul className="need-list">
          {needs.needs.map((need) => (
            <li key={need.capabilityId}>
              <div className="need-list__title">
                <strong>{capabilityName(need.capabilityId)}</strong>
                {need.source === 'added' && <span className="badge badge--warn">added by physician</span>}
                <button type="button" className="button button--small button--quiet" onClick={() => setMode({ action: 'remove', capabilityId: need.capabilityId })}>
                  Remove<span className="visually-hidden"> {capabilityName(need.capabilityId)}</span>
                </button>
              </div>
              <span className="small muted">{need.reasons.join(' ')}</span>
            </li>
          ))}
        </ul>
      )}
      {needs.removed.length > 0 && (
        <p className="small muted">
          Removed by the physician: {needs.removed.map((removed) => `${capabilityName(removed.capabilityId)} (${removed.reason})`).join('; ')}
        </p>
      )}
      {mode ? (
        <form className="amend-form" onSubmit={submit} noValidate>
          {mode.action === 'add' ? (
            <div className="field">
              <label htmlFor="need-capability">Capability to add</label>
              <select id="need-capability" value={mode.capabilityId} onChange={(event) => setMode({ ...mode, capabilityId: event.target.value as CapabilityId })}>
                <option value="">Choose…</option>
                {CAPABILITY_IDS.filter((id) => !needed.has(id)).map((id) => (
                  <option key={id} value={id}>
                    {capabilityName(id)}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              Remove <strong>{capabilityName(mode.capabilityId as CapabilityId)}</strong> from this patient's needs.
            </p>
          )}
          <div className="field">
            <label htmlFor="need-reason">Reason (recorded with the case)</label>
            <input id="need-reason" type="text" value={reason} autoFocus={mode.action === 'remove'} onChange={(event) => setReason(event.target.value)} />
          </div>
          {error && (
            <p className="field__error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button--primary button--small">
              {mode.action === 'add' ? 'Add need' : 'Remove need'}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--small" onClick={() => setMode({ action: 'add', capabilityId: '' })}>
          Add a need
        </button>
      )}
    </section>
  );
}
