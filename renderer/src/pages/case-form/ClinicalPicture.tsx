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
import { TextField } from '../../components/TextField';
import type { CaseFormSectionProps } from './CaseFormState';
import { SecondaryDiagnosisFields } from './SecondaryDiagnosisFields';

const SAFETY = new Set<ClinicalFlag>(SAFETY_FLAGS);
const NEED_FLAGS = CLINICAL_FLAGS.filter((flag) => !SAFETY.has(flag));

export function ClinicalPicture({ form, set, errors }: CaseFormSectionProps) {
  const flags = form.flags ?? [];
  const antibodies = form.otherAntibodies ?? [];
  const toggleFlag = (flag: ClinicalFlag, on: boolean) => set({ flags: on ? [...flags, flag] : flags.filter((f) => f !== flag) });
  const flagBox = (flag: ClinicalFlag) => (
    <label key={flag} className="checkbox">
      <input type="checkbox" checked={flags.includes(flag)} onChange={(event) => toggleFlag(flag, event.target.checked)} />
      {CLINICAL_FLAG_LABELS[flag]}
    </label>
  );
  // Shown once plasma exchange is planned, and kept in view while it holds a value so nothing typed is hidden.
  const summaryError = errors.clinicalSummary;
  const reasonError = errors.transferReason;
  const askStartWithin = flags.includes('plannedPlasmaExchange') || (form.plasmaExchangeWithinDays ?? null) !== null;

  return (
    <section className="card" aria-labelledby="clinical-heading">
      <h2 id="clinical-heading">Diagnosis and clinical picture</h2>
      <p className="muted">Stiff person syndrome, ICD-10-CM G25.82.</p>
      <div className="form-grid">
        <fieldset className="field">
          <legend>Antibodies</legend>
          {GAD65_STATUSES.map((status) => (
            <label key={status} className="checkbox">
              <input type="radio" name="gad65" checked={form.gad65 === status} onChange={() => set({ gad65: status })} />
              {GAD65_LABELS[status]}
            </label>
          ))}
          <fieldset className="field subgroup">
            <legend>Other antibodies found</legend>
            {OTHER_ANTIBODIES.map((antibody) => (
              <label key={antibody} className="checkbox">
                <input
                  type="checkbox"
                  checked={antibodies.includes(antibody)}
                  onChange={(event) =>
                    set({ otherAntibodies: event.target.checked ? [...antibodies, antibody] : antibodies.filter((a) => a !== antibody) })
                  }
                />
                {OTHER_ANTIBODY_LABELS[antibody]}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <fieldset className="field">
          <legend>Stage</legend>
          {CASE_STAGES.map((stage) => (
            <label key={stage} className="checkbox">
              <input type="radio" name="stage" checked={form.stage === stage} onChange={() => set({ stage })} />
              {CASE_STAGE_LABELS[stage]}
            </label>
          ))}
        </fieldset>
      </div>
      <SecondaryDiagnosisFields form={form} set={set} errors={errors} />
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
          value={form.plasmaExchangeWithinDays ?? ''}
          error={errors.plasmaExchangeWithinDays}
          onChange={(event) => {
            const value = event.target.value === '' ? null : Number(event.target.value);
            set({ plasmaExchangeWithinDays: value === null || Number.isNaN(value) ? null : value });
          }}
        />
      )}
      <div className={`field${summaryError ? ' field--invalid' : ''}`}>
        <label htmlFor="clinical-summary">Clinical summary for the insurer (optional)</label>
        <textarea
          id="clinical-summary"
          rows={3}
          value={form.clinicalSummary ?? ''}
          aria-invalid={summaryError ? true : undefined}
          aria-describedby={summaryError ? 'clinical-summary-error' : undefined}
          onChange={(event) => set({ clinicalSummary: event.target.value })}
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
          value={form.transferReason ?? ''}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={['transfer-reason-hint', reasonError && 'transfer-reason-error'].filter(Boolean).join(' ')}
          onChange={(event) => set({ transferReason: event.target.value })}
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
