import { SECONDARY_DIAGNOSES, SECONDARY_DIAGNOSIS_CODES, type SecondaryDiagnosisCode } from '../../../../shared/transfer-case';
import { errorUnder, type CaseFormSectionProps } from './CaseFormState';

/** Coded secondary diagnoses a payer reads beside G25.82, chosen from the list rather than typed. */
export function SecondaryDiagnosisFields({ form, set, errors }: CaseFormSectionProps) {
  const chosen = form.secondaryDiagnoses ?? [];
  const error = errorUnder(errors, 'secondaryDiagnoses');
  const toggle = (code: SecondaryDiagnosisCode, on: boolean) =>
    set({ secondaryDiagnoses: on ? SECONDARY_DIAGNOSIS_CODES.filter((c) => c === code || chosen.includes(c)) : chosen.filter((c) => c !== code) });
  return (
    <fieldset className={`field flag-grid${error ? ' field--invalid' : ''}`} aria-describedby={error ? 'secondary-diagnoses-error' : undefined}>
      <legend>Secondary diagnosis codes (ICD-10-CM)</legend>
      {SECONDARY_DIAGNOSIS_CODES.map((code) => (
        <label key={code} className="checkbox">
          <input type="checkbox" checked={chosen.includes(code)} onChange={(event) => toggle(code, event.target.checked)} />
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
