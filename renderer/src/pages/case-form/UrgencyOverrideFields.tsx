import { useState } from 'react';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '../../../../shared/transfer-case';
import { hasEmergencyTrigger } from '../../../../shared/transfer-rules';
import type { CaseFormSectionProps } from './CaseFormState';

export function UrgencyOverrideFields({ form, set, errors }: CaseFormSectionProps) {
  const override = form.urgencyOverride ?? null;
  // Going back to "let the app decide" and then choosing again brings the reason back.
  const [lastReason, setLastReason] = useState(override?.reason ?? '');
  const choose = (urgency: Urgency | null) => set({ urgencyOverride: urgency ? { urgency, reason: override?.reason ?? lastReason } : null });
  const reasonError = errors['urgencyOverride.reason'];
  const urgencyError = errors['urgencyOverride.urgency'];
  const electiveRefused = override?.urgency === 'elective' && hasEmergencyTrigger({ stage: form.stage, flags: form.flags ?? [] });

  return (
    <section className="card" aria-labelledby="urgency-heading">
      <h2 id="urgency-heading">Set the urgency yourself (optional)</h2>
      <p className="muted">
        TransferReady works out the urgency from the stage and the flags, and shows why. Set it here only when your judgement differs;
        your reason is shown beside it.
      </p>
      <fieldset className={`field${urgencyError ? ' field--invalid' : ''}`}>
        <legend>Urgency</legend>
        <label className="checkbox">
          <input type="radio" name="urgency-override" checked={override === null} onChange={() => choose(null)} />
          Let TransferReady decide from the stage and flags
        </label>
        {URGENCIES.map((urgency) => (
          <label key={urgency} className="checkbox">
            <input type="radio" name="urgency-override" checked={override?.urgency === urgency} onChange={() => choose(urgency)} />
            {URGENCY_LABELS[urgency]}
          </label>
        ))}
        {urgencyError && <p className="field__error">{urgencyError}</p>}
      </fieldset>
      {override && (
        <div className={`field${reasonError ? ' field--invalid' : ''}`}>
          <label htmlFor="urgency-reason">Why you set the urgency to {URGENCY_LABELS[override.urgency].toLowerCase()}</label>
          {electiveRefused && (
            <p className="field__hint" id="urgency-reason-hint">
              With an acute stage or a life-threatening flag recorded, “Elective” will not be applied: the case stays at least urgent.
            </p>
          )}
          <textarea
            id="urgency-reason"
            rows={2}
            value={override.reason ?? ''}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={[electiveRefused && 'urgency-reason-hint', reasonError && 'urgency-reason-error'].filter(Boolean).join(' ') || undefined}
            onChange={(event) => {
              setLastReason(event.target.value);
              set({ urgencyOverride: { ...override, reason: event.target.value } });
            }}
          />
          {reasonError && (
            <p className="field__error" id="urgency-reason-error">
              {reasonError}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
