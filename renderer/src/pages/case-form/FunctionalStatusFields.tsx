import { useFormContext } from 'react-hook-form';
import { WALKING_AID_LABELS, WALKING_AIDS } from '../../../../shared/transfer-case';
import { TextField } from '../../components/TextField';
import { messageAt } from '../../forms/field-errors';
import { optionalChoice, optionalNumber } from '../../forms/input-values';
import type { CaseForm } from './CaseFormState';

/** How the patient moves today: what a payer reads as the functional picture beside the diagnosis. */
export function FunctionalStatusFields() {
  const {
    register,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const aidError = messageAt(errors, 'functionalStatus.walkingAid');
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
        error={messageAt(errors, 'functionalStatus.fallsLastMonth')}
        {...register('functionalStatus.fallsLastMonth', { setValueAs: optionalNumber })}
      />
      <div className={`field${aidError ? ' field--invalid' : ''}`}>
        <label htmlFor="walking-aid">Walking aid</label>
        <select
          id="walking-aid"
          aria-invalid={aidError ? true : undefined}
          aria-describedby={aidError ? 'walking-aid-error' : undefined}
          {...register('functionalStatus.walkingAid', { setValueAs: optionalChoice })}
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
        error={messageAt(errors, 'functionalStatus.stiffness')}
        {...register('functionalStatus.stiffness')}
      />
    </section>
  );
}
