import { useState, type FormEvent } from 'react';
import { capabilityName } from '../../../../shared/capability-judgement';
import type { CaseWorkup } from '../../../../shared/case-workup';
import { referenceShort } from '../../../../shared/clinical-sources';
import { CAPABILITY_IDS, type CapabilityId } from '../../../../shared/questionnaire';
import type { NeedOverride } from '../../../../shared/transfer-case';
import { ApiError, errorMessage } from '../../api';

export function NeedsCard({ workup, onChange }: { workup: CaseWorkup; onChange(next: NeedOverride[]): Promise<void> }) {
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
              <ul className="need-reasons small">
                {need.reasons.map((reason, index) => (
                  <li key={reason}>
                    {reason} <span className="source-note">({referenceShort(need.sources[index] ?? 'stageRule')})</span>
                  </li>
                ))}
              </ul>
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
