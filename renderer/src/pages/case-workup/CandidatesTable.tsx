import { Link } from 'react-router';
import { formatDistance } from '../../../../shared/geography';
import type { Candidate } from '../../../../shared/transfer-rules';

/** How a candidate stands for this patient, best first as the core ranked them. */
export function CandidatesTable({
  candidates,
  chosenId,
  onChoose,
}: {
  candidates: Candidate[];
  chosenId: number | null;
  onChoose(facilityId: number): void;
}) {
  return (
    <table className="table table--inset candidates">
      <caption className="visually-hidden">Receiving candidates, best first</caption>
      <thead>
        <tr>
          <th scope="col">Facility</th>
          <th scope="col">Distance</th>
          <th scope="col">For this patient</th>
          <th scope="col">
            <span className="visually-hidden">Choose</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((candidate) => (
          <tr key={candidate.facilityId} className={candidate.facilityId === chosenId ? 'row--chosen' : undefined}>
            <th scope="row">
              <Link to={`/facilities/${candidate.facilityId}`}>{candidate.name}</Link>
              <span className="muted small block">{[candidate.city, candidate.state].filter(Boolean).join(', ')}</span>
            </th>
            <td>{formatDistance(candidate.distance)}</td>
            <td className="small">
              <CandidateFit candidate={candidate} />
            </td>
            <td className="cell-actions">
              {candidate.facilityId === chosenId ? (
                <span className="badge badge--finalized">Chosen</span>
              ) : (
                <button type="button" className="button button--small" onClick={() => onChoose(candidate.facilityId)}>
                  Choose<span className="visually-hidden"> {candidate.name}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CandidateFit({ candidate }: { candidate: Candidate }) {
  const caveats = [
    candidate.viaPartner > 0 && `${candidate.viaPartner} through a partner`,
    candidate.stale > 0 && `${candidate.stale} out of date`,
  ].filter(Boolean);
  if (candidate.covers) {
    return (
      <span className="fit fit--covers">
        <span aria-hidden="true">✓ </span>
        Covers every need{candidate.allOnSiteAndFresh ? ': all on site, verified' : caveats.length ? ` (${caveats.join(', ')})` : ''}
      </span>
    );
  }
  const short = candidate.judgements.filter((judgement) => judgement.provision !== 'provides' && judgement.provision !== 'partner');
  return (
    <>
      <span className="fit fit--short">
        <span aria-hidden="true">✕ </span>
        Falls short on {short.length} need{short.length === 1 ? '' : 's'}
        {caveats.length ? ` (${caveats.join(', ')})` : ''}
      </span>
      <ul className="fit__reasons">
        {short.map((judgement) => (
          <li key={judgement.capabilityId}>{judgement.text}</li>
        ))}
      </ul>
    </>
  );
}
