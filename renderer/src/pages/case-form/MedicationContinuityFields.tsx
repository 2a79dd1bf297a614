import { useFormContext, useWatch } from 'react-hook-form';
import { PUMP_ALARM_LABELS, PUMP_ALARM_STATES } from '../../../../shared/transfer-record';
import { TextField } from '../../components/TextField';
import { messageAt, messageUnder } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';

/** The medicines whose interruption in transit is dangerous: benzodiazepines, oral baclofen and an intrathecal pump. */
export function MedicationContinuityFields() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const [flags, pump] = useWatch({ control, name: ['flags', 'transfer.medications.pump'] });
  const error = (field: string) => messageAt(errors, `transfer.medications.${field}`);
  const hasPump = (flags ?? []).includes('baclofenPump');
  // Asked once a pump is recorded, and kept in view while anything is typed, so unticking the flag hides nothing.
  const askPump =
    hasPump ||
    Boolean(pump?.model?.trim() || pump?.dailyDose?.trim() || pump?.nextRefillOn) ||
    (pump?.alarm ?? 'unknown') !== 'unknown' ||
    messageUnder(errors, 'transfer.medications.pump') !== undefined;
  const alarmError = error('pump.alarm');

  return (
    <fieldset className="field">
      <legend>Medicines that must not stop in transit</legend>
      <p className="field__hint">Stopping these suddenly can cause dangerous withdrawal. The plan is printed on the transfer summary for the transport team.</p>
      <div className="form-grid">
        <TextField
          label="Benzodiazepine plan"
          placeholder="e.g. diazepam 10 mg by mouth at 14:00, next dose due on arrival"
          error={error('benzodiazepine')}
          {...register('transfer.medications.benzodiazepine')}
        />
        <TextField label="Oral baclofen plan" placeholder="e.g. 20 mg four times daily; bring the next dose" error={error('oralBaclofen')} {...register('transfer.medications.oralBaclofen')} />
      </div>
      {askPump && (
        <fieldset className="field subgroup pump">
          <legend>Intrathecal baclofen pump{hasPump ? '' : ' (no pump is recorded in the flags)'}</legend>
          <div className="form-grid">
            <TextField label="Pump model" error={error('pump.model')} {...register('transfer.medications.pump.model')} />
            <TextField label="Daily dose" placeholder="e.g. 450 mcg/day" error={error('pump.dailyDose')} {...register('transfer.medications.pump.dailyDose')} />
            <TextField label="Next refill date" type="date" error={error('pump.nextRefillOn')} {...register('transfer.medications.pump.nextRefillOn')} />
            <div className={`field${alarmError ? ' field--invalid' : ''}`}>
              <label htmlFor="pump-alarm">Pump alarm</label>
              <select
                id="pump-alarm"
                aria-invalid={alarmError ? true : undefined}
                aria-describedby={alarmError ? 'pump-alarm-error' : undefined}
                {...register('transfer.medications.pump.alarm')}
              >
                {PUMP_ALARM_STATES.map((state) => (
                  <option key={state} value={state}>
                    {PUMP_ALARM_LABELS[state]}
                  </option>
                ))}
              </select>
              {alarmError && (
                <p className="field__error" id="pump-alarm-error">
                  {alarmError}
                </p>
              )}
            </div>
          </div>
        </fieldset>
      )}
    </fieldset>
  );
}
