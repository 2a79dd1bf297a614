import { PUMP_ALARM_LABELS, PUMP_ALARM_STATES, type PumpAlarmState, type TransferRecord } from '../../../../shared/transfer-record';
import { TextField } from '../../components/TextField';

type Medications = TransferRecord['medications'];

/** The medicines whose interruption in transit is dangerous: benzodiazepines, oral baclofen and an intrathecal pump. */
export function MedicationContinuityFields({
  medications,
  hasPump,
  errors,
  onChange,
}: {
  medications: Medications;
  hasPump: boolean;
  errors: Record<string, string>;
  onChange(medications: Medications): void;
}) {
  const { pump } = medications;
  const error = (field: string) => errors[`transfer.medications.${field}`];
  // Asked once a pump is recorded, and kept in view while anything is typed, so unticking the flag hides nothing.
  const askPump = hasPump || pump.model.trim() !== '' || pump.dailyDose.trim() !== '' || pump.nextRefillOn !== '' || pump.alarm !== 'unknown' || Object.keys(errors).some((field) => field.startsWith('transfer.medications.pump'));
  const updatePump = (patch: Partial<Medications['pump']>) => onChange({ ...medications, pump: { ...pump, ...patch } });
  const alarmError = error('pump.alarm');

  return (
    <fieldset className="field">
      <legend>Medicines that must not stop in transit</legend>
      <p className="field__hint">Stopping these suddenly can cause dangerous withdrawal. The plan is printed on the transfer summary for the transport team.</p>
      <div className="form-grid">
        <TextField
          label="Benzodiazepine plan"
          placeholder="e.g. diazepam 10 mg by mouth at 14:00, next dose due on arrival"
          value={medications.benzodiazepine}
          error={error('benzodiazepine')}
          onChange={(event) => onChange({ ...medications, benzodiazepine: event.target.value })}
        />
        <TextField
          label="Oral baclofen plan"
          placeholder="e.g. 20 mg four times daily; bring the next dose"
          value={medications.oralBaclofen}
          error={error('oralBaclofen')}
          onChange={(event) => onChange({ ...medications, oralBaclofen: event.target.value })}
        />
      </div>
      {askPump && (
        <fieldset className="field subgroup pump">
          <legend>Intrathecal baclofen pump{hasPump ? '' : ' (no pump is recorded in the flags)'}</legend>
          <div className="form-grid">
            <TextField label="Pump model" value={pump.model} error={error('pump.model')} onChange={(event) => updatePump({ model: event.target.value })} />
            <TextField
              label="Daily dose"
              placeholder="e.g. 450 mcg/day"
              value={pump.dailyDose}
              error={error('pump.dailyDose')}
              onChange={(event) => updatePump({ dailyDose: event.target.value })}
            />
            <TextField label="Next refill date" type="date" value={pump.nextRefillOn} error={error('pump.nextRefillOn')} onChange={(event) => updatePump({ nextRefillOn: event.target.value })} />
            <div className={`field${alarmError ? ' field--invalid' : ''}`}>
              <label htmlFor="pump-alarm">Pump alarm</label>
              <select
                id="pump-alarm"
                value={pump.alarm}
                aria-invalid={alarmError ? true : undefined}
                aria-describedby={alarmError ? 'pump-alarm-error' : undefined}
                onChange={(event) => updatePump({ alarm: event.target.value as PumpAlarmState })}
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
