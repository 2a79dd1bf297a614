import { useState } from 'react';
import { Link } from 'react-router';
import type { OutboxEntry } from '../../../../../shared/assessment-submission';
import { formatTimestamp } from '../../../../../shared/calendar';
import { needsDecision, outboxStateText } from '../../../outbox';

/** How many entries the card lists before "Show all". */
const SHOWN_AT_FIRST = 5;

/** Every assessment finalized on this desktop for the registry, newest first, with what became of it. */
export function OutboxList({ entries }: { entries: OutboxEntry[] }) {
  const [all, setAll] = useState(false);
  if (entries.length === 0) return <p className="muted small">No assessment has been finalized on this desktop yet.</p>;
  const shown = all ? entries : entries.slice(0, SHOWN_AT_FIRST);
  return (
    <>
      <table className="table table--inset outbox-list">
        <caption className="visually-hidden">Assessments sent from this desktop, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Facility</th>
            <th scope="col">Finalized here</th>
            <th scope="col">What became of it</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <tr key={entry.clientId}>
              <th scope="row">
                <Link to={`/facilities/${entry.facilityId}`}>{entry.facilityName}</Link>
              </th>
              <td className="nowrap">{formatTimestamp(entry.queuedAt)}</td>
              <td>
                <span className={`outbox-state outbox-state--${entry.state}`}>{stateText(entry, entries)}</span>
                {needsDecision(entry) && <span className="small block">Compare and decide below.</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > SHOWN_AT_FIRST && (
        <button type="button" className="button button--link" onClick={() => setAll(!all)}>
          {all ? 'Show the newest only' : `Show all ${entries.length}`}
        </button>
      )}
    </>
  );
}

/** A withdrawn entry says why: sent again as an amendment (a newer entry for its draft) or the registry's version kept. */
function stateText(entry: OutboxEntry, entries: OutboxEntry[]): string {
  if (entry.state !== 'withdrawn') return outboxStateText(entry);
  const sentAgain = entries.some((other) => other.localAssessmentId === entry.localAssessmentId && other.queuedAt > entry.queuedAt);
  return sentAgain ? 'Withdrawn: sent again as an amendment' : 'Withdrawn: the registry’s version was kept';
}
