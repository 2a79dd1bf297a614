import { useFormContext } from 'react-hook-form';
import { SECONDARY_DIAGNOSES, SECONDARY_DIAGNOSIS_CODES } from '../../../../shared/transfer-case';
import { messageUnder } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';

/** Coded secondary diagnoses a payer reads beside G25.82, chosen from the list rather than typed. */
export function SecondaryDiagnosisFields() {
  const {
    register,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const error = messageUnder(errors, 'secondaryDiagnoses');
  return (
    <fieldset className={`field flag-grid${error ? ' field--invalid' : ''}`} aria-describedby={error ? 'secondary-diagnoses-error' : undefined}>
      <legend>Secondary diagnosis codes (ICD-10-CM)</legend>
      {/* Checked boxes are stored in the list's order, whatever order they were ticked in. */}
      {SECONDARY_DIAGNOSIS_CODES.map((code) => (
        <label key={code} className="checkbox">
          <input type="checkbox" value={code} {...register('secondaryDiagnoses')} />
          <span>
            <span className="diagnosis-code">{code}</span> — {SECONDARY_DIAGNOSES[code]}
          </span>
        </label>
      ))}
      {error && (
        <p className="field__error flag-grid__hint" id="secondary-diagnoses-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
