import { DEFAULT_START_WITHIN_DAYS } from '../../../../shared/questionnaire';
import {
  CASE_STAGE_LABELS,
  CASE_STAGES,
  CLINICAL_FLAG_LABELS,
  CLINICAL_FLAGS,
  GAD65_LABELS,
  GAD65_STATUSES,
  OTHER_ANTIBODIES,
  OTHER_ANTIBODY_LABELS,
  SAFETY_FLAGS,
  type ClinicalFlag,
} from '../../../../shared/transfer-case';
import { useFormContext, useWatch } from 'react-hook-form';
import { TextField } from '../../components/TextField';
import { messageAt } from '../../forms/field-errors';
import { optionalNumber } from '../../forms/input-values';
import type { CaseForm } from './CaseFormState';
import { SecondaryDiagnosisFields } from './SecondaryDiagnosisFields';

const SAFETY = new Set<ClinicalFlag>(SAFETY_FLAGS);
const NEED_FLAGS = CLINICAL_FLAGS.filter((flag) => !SAFETY.has(flag));

export function ClinicalPicture() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const [flags, startWithin] = useWatch({ control, name: ['flags', 'plasmaExchangeWithinDays'] });
  const flagBox = (flag: ClinicalFlag) => (
    <label key={flag} className="checkbox">
      <input type="checkbox" value={flag} {...register('flags')} />
      {CLINICAL_FLAG_LABELS[flag]}
    </label>
  );
  const summaryError = messageAt(errors, 'clinicalSummary');
  const reasonError = messageAt(errors, 'transferReason');
  // Shown once plasma exchange is planned, and kept in view while it holds a value so nothing typed is hidden.
  const askStartWithin = (flags ?? []).includes('plannedPlasmaExchange') || (startWithin ?? null) !== null;

  return (
    <section className="card" aria-labelledby="clinical-heading">
      <h2 id="clinical-heading">Diagnosis and clinical picture</h2>
      <p className="muted">Stiff person syndrome, ICD-10-CM G25.82.</p>
      <div className="form-grid">
        <fieldset className="field">
          <legend>Antibodies</legend>
          {GAD65_STATUSES.map((status) => (
            <label key={status} className="checkbox">
              <input type="radio" value={status} {...register('gad65')} />
              {GAD65_LABELS[status]}
            </label>
          ))}
          <fieldset className="field subgroup">
            <legend>Other antibodies found</legend>
            {OTHER_ANTIBODIES.map((antibody) => (
              <label key={antibody} className="checkbox">
                <input type="checkbox" value={antibody} {...register('otherAntibodies')} />
                {OTHER_ANTIBODY_LABELS[antibody]}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <fieldset className="field">
          <legend>Stage</legend>
          {CASE_STAGES.map((stage) => (
            <label key={stage} className="checkbox">
              <input type="radio" value={stage} {...register('stage')} />
              {CASE_STAGE_LABELS[stage]}
            </label>
          ))}
        </fieldset>
      </div>
      <SecondaryDiagnosisFields />
      <fieldset className="field flag-grid">
        <legend>Clinical flags</legend>
        {NEED_FLAGS.map(flagBox)}
      </fieldset>
      <fieldset className="field flag-grid flag-grid--safety" aria-describedby="safety-flags-hint">
        <legend>Safety flags</legend>
        <p className="field__hint flag-grid__hint" id="safety-flags-hint">
          Each one raises an alert on the case and can make a transfer more urgent.
        </p>
        {SAFETY_FLAGS.map(flagBox)}
      </fieldset>
      {askStartWithin && (
        <TextField
          label="Plasma exchange must start within (days)"
          className="input-days"
          type="number"
          inputMode="numeric"
          min={0}
          max={90}
          hint={`Optional. Leave it empty to use the default of ${DEFAULT_START_WITHIN_DAYS} days.`}
          error={messageAt(errors, 'plasmaExchangeWithinDays')}
          {...register('plasmaExchangeWithinDays', { setValueAs: optionalNumber })}
        />
      )}
      <div className={`field${summaryError ? ' field--invalid' : ''}`}>
        <label htmlFor="clinical-summary">Clinical summary for the insurer (optional)</label>
        <textarea
          id="clinical-summary"
          rows={3}
          aria-invalid={summaryError ? true : undefined}
          aria-describedby={summaryError ? 'clinical-summary-error' : undefined}
          {...register('clinicalSummary')}
        />
        {summaryError && (
          <p className="field__error" id="clinical-summary-error">
            {summaryError}
          </p>
        )}
      </div>
      <div className={`field${reasonError ? ' field--invalid' : ''}`}>
        <label htmlFor="transfer-reason">Clinical reason for the transfer</label>
        <p className="field__hint" id="transfer-reason-hint">
          In your own words. Needed for an insurer letter when the recommendation is “Consider transfer”.
        </p>
        <textarea
          id="transfer-reason"
          rows={3}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={['transfer-reason-hint', reasonError && 'transfer-reason-error'].filter(Boolean).join(' ')}
          {...register('transferReason')}
        />
        {reasonError && (
          <p className="field__error" id="transfer-reason-error">
            {reasonError}
          </p>
        )}
      </div>
    </section>
  );
}
