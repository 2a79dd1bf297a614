import { URGENCY_LABELS } from '../../../../shared/transfer-case';
import { TRANSPORT_MODE_LABELS, TRANSPORT_MODES, type TransferRecord } from '../../../../shared/transfer-record';
import { deriveUrgency } from '../../../../shared/transfer-rules';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { TextField } from '../../components/TextField';
import { messageAt, messageUnder } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';
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
export function TransferRecordFields() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const [stage, flags, urgencyOverride, certification] = useWatch({ control, name: ['stage', 'flags', 'urgencyOverride', 'transfer.emtalaCertification'] });
  // Not decided yet is no mode at all (null), which a radio's value cannot say.
  const { field: mode } = useController({ control, name: 'transfer.transport.mode' });
  // The same rules as the workup, run on what is on the form now, so the urgency follows the flags as they are ticked.
  const urgency = deriveUrgency({ stage, flags: flags ?? [], urgencyOverride: urgencyOverride?.urgency ? { urgency: urgencyOverride.urgency, reason: urgencyOverride.reason ?? '' } : null });
  const emergent = urgency.urgency === 'emergent';
  // Kept in view while it holds anything, so lowering the urgency never hides what the physician wrote.
  const askCertification = emergent || Boolean(certification?.certified) || Boolean(certification?.benefitsAndRisks?.trim()) || messageUnder(errors, 'transfer.emtalaCertification') !== undefined;
  const stabilizedError = messageAt(errors, 'transfer.stabilized');
  const modeError = messageAt(errors, 'transfer.transport.mode');
  const certifiedError = messageAt(errors, 'transfer.emtalaCertification.certified');
  const risksError = messageAt(errors, 'transfer.emtalaCertification.benefitsAndRisks');

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
              <input type="radio" value={value} {...register('transfer.stabilized')} />
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
                aria-describedby={certifiedError ? 'emtala-certified-error' : 'emtala-hint'}
                aria-invalid={certifiedError ? true : undefined}
                {...register('transfer.emtalaCertification.certified')}
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
              aria-invalid={risksError ? true : undefined}
              aria-describedby={['emtala-benefits-hint', risksError && 'emtala-benefits-error'].filter(Boolean).join(' ')}
              {...register('transfer.emtalaCertification.benefitsAndRisks')}
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
            error={messageAt(errors, 'transfer.acceptance.physician')}
            {...register('transfer.acceptance.physician')}
          />
          <TextField
            label="Date and time accepted"
            type="datetime-local"
            error={messageAt(errors, 'transfer.acceptance.acceptedAt')}
            {...register('transfer.acceptance.acceptedAt')}
          />
          <TextField
            label="Unit or bed type"
            placeholder="e.g. neuro ICU bed"
            error={messageAt(errors, 'transfer.acceptance.unit')}
            {...register('transfer.acceptance.unit')}
          />
        </div>
      </fieldset>

      <fieldset className="field">
        <legend>Transport</legend>
        <fieldset className={`field subgroup${modeError ? ' field--invalid' : ''}`}>
          <legend>Mode of transport</legend>
          <div className="radio-row">
            <label className="checkbox">
              <input type="radio" name={mode.name} ref={mode.ref} checked={mode.value === null} onChange={() => mode.onChange(null)} onBlur={mode.onBlur} />
              Not decided yet
            </label>
            {TRANSPORT_MODES.map((value) => (
              <label key={value} className="checkbox">
                <input type="radio" name={mode.name} checked={mode.value === value} onChange={() => mode.onChange(value)} onBlur={mode.onBlur} />
                {TRANSPORT_MODE_LABELS[value]}
              </label>
            ))}
          </div>
          {modeError && <p className="field__error">{modeError}</p>}
        </fieldset>
        <TextField
          label="Escort"
          className="subgroup"
          placeholder="e.g. critical-care nurse; the patient’s daughter rides along"
          error={messageAt(errors, 'transfer.transport.escort')}
          {...register('transfer.transport.escort')}
        />
      </fieldset>

      <MedicationContinuityFields />
    </section>
  );
}
