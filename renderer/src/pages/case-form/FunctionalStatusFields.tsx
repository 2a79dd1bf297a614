import { WALKING_AID_LABELS, WALKING_AIDS, type WalkingAid } from '../../../../shared/transfer-case';
import { TextField } from '../../components/TextField';
import type { CaseFormSectionProps } from './CaseFormState';

/** How the patient moves today: what a payer reads as the functional picture beside the diagnosis. */
export function FunctionalStatusFields({ form, set, errors }: CaseFormSectionProps) {
  const status = { fallsLastMonth: null, walkingAid: null, stiffness: '', ...form.functionalStatus };
  const update = (patch: Partial<typeof status>) => set({ functionalStatus: { ...status, ...patch } });
  const aidError = errors['functionalStatus.walkingAid'];
  return (
    <section className="card form-grid" aria-labelledby="function-heading">
      <h2 id="function-heading" className="form-grid__wide">
        Functional status
      </h2>
      <TextField
        label="Falls in the last month"
        className="input-days"
        type="number"
        inputMode="numeric"
        min={0}
        max={200}
        hint="Leave empty if not known."
        value={status.fallsLastMonth ?? ''}
        error={errors['functionalStatus.fallsLastMonth']}
        onChange={(event) => {
          const value = event.target.value === '' ? null : Number(event.target.value);
          update({ fallsLastMonth: value === null || Number.isNaN(value) ? null : value });
        }}
      />
      <div className={`field${aidError ? ' field--invalid' : ''}`}>
        <label htmlFor="walking-aid">Walking aid</label>
        <select
          id="walking-aid"
          value={status.walkingAid ?? ''}
          aria-invalid={aidError ? true : undefined}
          aria-describedby={aidError ? 'walking-aid-error' : undefined}
          onChange={(event) => update({ walkingAid: event.target.value === '' ? null : (event.target.value as WalkingAid) })}
        >
          <option value="">Not recorded</option>
          {WALKING_AIDS.map((aid) => (
            <option key={aid} value={aid}>
              {WALKING_AID_LABELS[aid]}
            </option>
          ))}
        </select>
        {aidError && (
          <p className="field__error" id="walking-aid-error">
            {aidError}
          </p>
        )}
      </div>
      <TextField
        label="Where the stiffness is"
        className="form-grid__wide"
        placeholder="e.g. trunk and both legs; hunched posture"
        value={status.stiffness ?? ''}
        error={errors['functionalStatus.stiffness']}
        onChange={(event) => update({ stiffness: event.target.value })}
      />
    </section>
  );
}
