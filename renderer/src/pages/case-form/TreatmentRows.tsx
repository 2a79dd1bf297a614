import { useFieldArray, useFormContext } from 'react-hook-form';
import {
  TREATMENT_LABELS,
  TREATMENT_RESPONSE_LABELS,
  TREATMENT_RESPONSES,
  TREATMENTS,
  type TransferCaseInput,
} from '../../../../shared/transfer-case';
import { messageAt } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';

type TreatmentRow = NonNullable<TransferCaseInput['treatments']>[number];

const NEW_TREATMENT: TreatmentRow = { treatment: 'baclofen', detail: '', startedOn: '', duration: '', response: 'partial' };

/** Treatments tried, one row each: what, how much, from when, for how long, and how the patient responded. */
export function TreatmentRows() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'treatments' });

  return (
    <section className="card" aria-labelledby="treatments-heading">
      <h2 id="treatments-heading">Treatments tried</h2>
      {fields.length === 0 && <p className="muted">None recorded yet.</p>}
      <div>
        {fields.map((row, index) => {
          const n = index + 1;
          const error = (field: keyof TreatmentRow) => messageAt(errors, `treatments.${index}.${field}`);
          const field = (name: keyof TreatmentRow, extra = '') => `field${error(name) ? ' field--invalid' : ''}${extra}`;
          const described = (name: keyof TreatmentRow) => (error(name) ? { 'aria-invalid': true, 'aria-describedby': `treatment-${index}-${name}-error` } : {});
          const message = (name: keyof TreatmentRow) =>
            error(name) && (
              <p className="field__error" id={`treatment-${index}-${name}-error`}>
                {error(name)}
              </p>
            );
          return (
            <div className="treatment-row" key={row.id} role="group" aria-label={`Treatment ${n}`}>
              <div className={field('treatment')}>
                <label htmlFor={`treatment-${index}-kind`}>
                  Treatment<span className="visually-hidden"> {n}</span>
                </label>
                <select id={`treatment-${index}-kind`} {...described('treatment')} {...register(`treatments.${index}.treatment`)}>
                  {TREATMENTS.map((t) => (
                    <option key={t} value={t}>
                      {TREATMENT_LABELS[t]}
                    </option>
                  ))}
                </select>
                {message('treatment')}
              </div>
              <div className={field('detail', ' treatment-row__detail')}>
                <label htmlFor={`treatment-${index}-detail`}>
                  Dose<span className="visually-hidden"> or detail for treatment {n}</span>
                </label>
                <input id={`treatment-${index}-detail`} type="text" placeholder="e.g. 2 g/kg over 5 days" {...described('detail')} {...register(`treatments.${index}.detail`)} />
                {message('detail')}
              </div>
              <div className={field('startedOn')}>
                <label htmlFor={`treatment-${index}-started`}>
                  Started on<span className="visually-hidden"> for treatment {n}</span>
                </label>
                <input id={`treatment-${index}-started`} type="date" {...described('startedOn')} {...register(`treatments.${index}.startedOn`)} />
                {message('startedOn')}
              </div>
              <div className={field('duration', ' treatment-row__duration')}>
                <label htmlFor={`treatment-${index}-duration`}>
                  Duration<span className="visually-hidden"> of treatment {n}</span>
                </label>
                <input id={`treatment-${index}-duration`} type="text" placeholder="e.g. 6 months" {...described('duration')} {...register(`treatments.${index}.duration`)} />
                {message('duration')}
              </div>
              <div className={field('response')}>
                <label htmlFor={`treatment-${index}-response`}>
                  Response<span className="visually-hidden"> to treatment {n}</span>
                </label>
                <select id={`treatment-${index}-response`} {...described('response')} {...register(`treatments.${index}.response`)}>
                  {TREATMENT_RESPONSES.map((r) => (
                    <option key={r} value={r}>
                      {TREATMENT_RESPONSE_LABELS[r]}
                    </option>
                  ))}
                </select>
                {message('response')}
              </div>
              <button type="button" className="button button--small button--quiet treatment-row__remove" onClick={() => remove(index)}>
                Remove<span className="visually-hidden"> treatment {n}</span>
              </button>
            </div>
          );
        })}
      </div>
      {/* Focus goes to the new row's first choice, so a keyboard user carries on typing there. */}
      <button type="button" className="button button--small" onClick={() => append(NEW_TREATMENT, { focusName: `treatments.${fields.length}.treatment` })}>
        Add a treatment
      </button>
    </section>
  );
}
