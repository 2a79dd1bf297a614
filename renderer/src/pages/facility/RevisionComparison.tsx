import { useState } from 'react';
import { formatDate } from '../../../../shared/calendar';
import type { FacilityOverview, RevisionDiff } from '../../../../shared/contract';
import { CAPABILITY_STATUS_LABELS, CURRENT_QUESTIONNAIRE, type CapabilityStatus } from '../../../../shared/questionnaire';
import { useCall } from '../../calls/cache';

const FIELD_LABELS: Record<RevisionDiff['changes'][number]['field'], string> = {
  status: 'status',
  details: 'details',
  evidence: 'evidence',
  verifiedBy: 'verified by',
  verifiedOn: 'verified on',
};

/** What changed between two finalized revisions of a facility's assessment, field by field. */
export function RevisionComparison({ history }: { history: FacilityOverview['history'] }) {
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
