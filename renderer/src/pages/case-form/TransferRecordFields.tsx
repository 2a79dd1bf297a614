import { URGENCY_LABELS } from '../../../../shared/transfer-case';
import { TRANSPORT_MODE_LABELS, TRANSPORT_MODES, type TransferRecord } from '../../../../shared/transfer-record';
import { deriveUrgency } from '../../../../shared/transfer-rules';
import { TextField } from '../../components/TextField';
import { transferRecordOf, type CaseFormSectionProps } from './CaseFormState';
import { MedicationContinuityFields } from './MedicationContinuityFields';

const STABILIZED_LABELS: Record<TransferRecord['stabilized'], string> = {
  yes: 'Yes, stabilized for transfer',
  no: 'No, not yet stabilized',
  not_recorded: 'Not recorded',
};

/**
 * The move itself: whether the patient is stable, the physician's EMTALA certification for an
 * emergent transfer, who accepted the patient, how they travel, and the medicines that must not stop.
 */
export function TransferRecordFields({ form, set, errors }: CaseFormSectionProps) {
  const record = transferRecordOf(form);
  const update = (patch: Partial<TransferRecord>) => set({ transfer: { ...record, ...patch } });
  // The same rules as the workup, run on what is on the form now, so the urgency follows the flags as they are ticked.
  const urgency = deriveUrgency({ stage: form.stage, flags: form.flags ?? [], urgencyOverride: form.urgencyOverride?.urgency ? { urgency: form.urgencyOverride.urgency, reason: form.urgencyOverride.reason ?? '' } : null });
  const emergent = urgency.urgency === 'emergent';
  const certification = record.emtalaCertification;
  // Kept in view while it holds anything, so lowering the urgency never hides what the physician wrote.
  const askCertification = emergent || certification.certified || certification.benefitsAndRisks.trim() !== '' || Object.keys(errors).some((field) => field.startsWith('transfer.emtalaCertification'));
  const stabilizedError = errors['transfer.stabilized'];
  const modeError = errors['transfer.transport.mode'];
  const certifiedError = errors['transfer.emtalaCertification.certified'];
  const risksError = errors['transfer.emtalaCertification.benefitsAndRisks'];

  return (
    <section className="card transfer-record" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">Transfer record</h2>
      <p className={`transfer-urgency transfer-urgency--${urgency.urgency}`} id="transfer-urgency">
        <strong>Urgency: {URGENCY_LABELS[urgency.urgency]}.</strong> {urgency.reasons.join(' ')}{' '}
        <span className="muted">Worked out from the stage, the flags and your own urgency setting above; it is not set here.</span>
      </p>

      <fieldset className={`field${stabilizedError ? ' field--invalid' : ''}`}>
        <legend>Is the patient stabilized for transfer?</legend>
        <div className="radio-row">
          {(['yes', 'no', 'not_recorded'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" name="stabilized" checked={record.stabilized === value} onChange={() => update({ stabilized: value })} />
              {STABILIZED_LABELS[value]}
            </label>
          ))}
        </div>
        {stabilizedError && <p className="field__error">{stabilizedError}</p>}
      </fieldset>

      {askCertification && (
        <fieldset className="field emtala">
          <legend>EMTALA certification (emergency transfer)</legend>
          <p className="field__hint" id="emtala-hint">
            {emergent
              ? 'A payer’s requirements never block or delay an emergency transfer: it proceeds on your certification, and authorization follows.'
              : 'The case is not emergent now, so no certification is needed; what is written here is kept.'}
          </p>
          <div className={`field${certifiedError ? ' field--invalid' : ''}`}>
            <label className="checkbox checkbox--wrap">
              <input
                type="checkbox"
                checked={certification.certified}
                aria-describedby={certifiedError ? 'emtala-certified-error' : 'emtala-hint'}
                aria-invalid={certifiedError ? true : undefined}
                onChange={(event) => update({ emtalaCertification: { ...certification, certified: event.target.checked } })}
              />
              I certify that the medical benefits of this transfer outweigh its risks
            </label>
            {certifiedError && (
              <p className="field__error" id="emtala-certified-error">
                {certifiedError}
              </p>
            )}
          </div>
          <div className={`field${risksError ? ' field--invalid' : ''}`}>
            <label htmlFor="emtala-benefits">Benefits and risks of the transfer</label>
            <p className="field__hint" id="emtala-benefits-hint">
              What the patient gains at the receiving facility and what the journey risks. It is printed with your certification on the transfer summary.
            </p>
            <textarea
              id="emtala-benefits"
              rows={3}
              value={certification.benefitsAndRisks}
              aria-invalid={risksError ? true : undefined}
              aria-describedby={['emtala-benefits-hint', risksError && 'emtala-benefits-error'].filter(Boolean).join(' ')}
              onChange={(event) => update({ emtalaCertification: { ...certification, benefitsAndRisks: event.target.value } })}
            />
            {risksError && (
              <p className="field__error" id="emtala-benefits-error">
                {risksError}
              </p>
            )}
          </div>
        </fieldset>
      )}

      <fieldset className="field">
        <legend>Acceptance by the receiving facility</legend>
        <div className="form-grid form-grid--three">
          <TextField
            label="Accepting physician"
            autoComplete="off"
            value={record.acceptance.physician}
            error={errors['transfer.acceptance.physician']}
            onChange={(event) => update({ acceptance: { ...record.acceptance, physician: event.target.value } })}
          />
          <TextField
            label="Date and time accepted"
            type="datetime-local"
            value={record.acceptance.acceptedAt}
            error={errors['transfer.acceptance.acceptedAt']}
            onChange={(event) => update({ acceptance: { ...record.acceptance, acceptedAt: event.target.value } })}
          />
          <TextField
            label="Unit or bed type"
            placeholder="e.g. neuro ICU bed"
            value={record.acceptance.unit}
            error={errors['transfer.acceptance.unit']}
            onChange={(event) => update({ acceptance: { ...record.acceptance, unit: event.target.value } })}
          />
        </div>
      </fieldset>

      <fieldset className="field">
        <legend>Transport</legend>
        <fieldset className={`field subgroup${modeError ? ' field--invalid' : ''}`}>
          <legend>Mode of transport</legend>
          <div className="radio-row">
            <label className="checkbox">
              <input type="radio" name="transport-mode" checked={record.transport.mode === null} onChange={() => update({ transport: { ...record.transport, mode: null } })} />
              Not decided yet
            </label>
            {TRANSPORT_MODES.map((mode) => (
              <label key={mode} className="checkbox">
                <input type="radio" name="transport-mode" checked={record.transport.mode === mode} onChange={() => update({ transport: { ...record.transport, mode } })} />
                {TRANSPORT_MODE_LABELS[mode]}
              </label>
            ))}
          </div>
          {modeError && <p className="field__error">{modeError}</p>}
        </fieldset>
        <TextField
          label="Escort"
          className="subgroup"
          placeholder="e.g. critical-care nurse; the patient’s daughter rides along"
          value={record.transport.escort}
          error={errors['transfer.transport.escort']}
          onChange={(event) => update({ transport: { ...record.transport, escort: event.target.value } })}
        />
      </fieldset>

      <MedicationContinuityFields medications={record.medications} hasPump={(form.flags ?? []).includes('baclofenPump')} errors={errors} onChange={(medications) => update({ medications })} />
    </section>
  );
}
