import { useState } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '../../../../shared/transfer-case';
import { hasEmergencyTrigger } from '../../../../shared/transfer-rules';
import { messageAt } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';

export function UrgencyOverrideFields() {
  const {
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  // One value for the choice and its reason: "let the app decide" is no override at all (null).
  const { field } = useController({ control, name: 'urgencyOverride' });
  const override = field.value ?? null;
  const [stage, flags] = useWatch({ control, name: ['stage', 'flags'] });
  // Going back to "let the app decide" and then choosing again brings the reason back.
  const [lastReason, setLastReason] = useState(override?.reason ?? '');
  const choose = (urgency: Urgency | null) => field.onChange(urgency ? { urgency, reason: override?.reason ?? lastReason } : null);
  const reasonError = messageAt(errors, 'urgencyOverride.reason');
  const urgencyError = messageAt(errors, 'urgencyOverride.urgency');
  const electiveRefused = override?.urgency === 'elective' && hasEmergencyTrigger({ stage, flags: flags ?? [] });

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
          <input type="radio" name={field.name} checked={override === null} onChange={() => choose(null)} onBlur={field.onBlur} />
          Let TransferReady decide from the stage and flags
        </label>
        {URGENCIES.map((urgency) => (
          <label key={urgency} className="checkbox">
            <input type="radio" name={field.name} checked={override?.urgency === urgency} onChange={() => choose(urgency)} onBlur={field.onBlur} />
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
            ref={field.ref}
            rows={2}
            value={override.reason ?? ''}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={[electiveRefused && 'urgency-reason-hint', reasonError && 'urgency-reason-error'].filter(Boolean).join(' ') || undefined}
            onChange={(event) => {
              setLastReason(event.target.value);
              field.onChange({ ...override, reason: event.target.value });
            }}
            onBlur={field.onBlur}
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
