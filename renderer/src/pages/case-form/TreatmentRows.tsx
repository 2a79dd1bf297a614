import { useEffect, useRef, useState } from 'react';
import {
  TREATMENT_LABELS,
  TREATMENT_RESPONSE_LABELS,
  TREATMENT_RESPONSES,
  TREATMENTS,
  type TransferCaseInput,
} from '../../../../shared/transfer-case';
import type { CaseFormSectionProps } from './CaseFormState';

type TreatmentRow = NonNullable<TransferCaseInput['treatments']>[number];

const NEW_TREATMENT: TreatmentRow = { treatment: 'baclofen', detail: '', startedOn: '', duration: '', response: 'partial' };

/** Treatments tried, one row each: what, how much, from when, for how long, and how the patient responded. */
export function TreatmentRows({ form, set, errors }: CaseFormSectionProps) {
  const treatments = form.treatments ?? [];
  const rowsRef = useRef<HTMLDivElement>(null);
  // After "Add a treatment", focus goes to the new row so a keyboard user carries on typing there.
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    rowsRef.current?.querySelector<HTMLSelectElement>(`[data-row="${focusRow}"] select`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  return (
    <section className="card" aria-labelledby="treatments-heading">
      <h2 id="treatments-heading">Treatments tried</h2>
      {treatments.length === 0 && <p className="muted">None recorded yet.</p>}
      <div ref={rowsRef}>
        {treatments.map((treatment, index) => {
          const n = index + 1;
          const update = (patch: Partial<TreatmentRow>) => set({ treatments: treatments.map((t, i) => (i === index ? { ...t, ...patch } : t)) });
          const error = (field: string) => errors[`treatments.${index}.${field}`];
          const field = (name: string, extra = '') => `field${error(name) ? ' field--invalid' : ''}${extra}`;
          const described = (name: string) => (error(name) ? { 'aria-invalid': true, 'aria-describedby': `treatment-${index}-${name}-error` } : {});
          const message = (name: string) =>
            error(name) && (
              <p className="field__error" id={`treatment-${index}-${name}-error`}>
                {error(name)}
              </p>
            );
          return (
            <div className="treatment-row" key={index} data-row={index} role="group" aria-label={`Treatment ${n}`}>
              <div className={field('treatment')}>
                <label htmlFor={`treatment-${index}-kind`}>
                  Treatment<span className="visually-hidden"> {n}</span>
                </label>
                <select id={`treatment-${index}-kind`} value={treatment.treatment} onChange={(event) => update({ treatment: event.target.value as TreatmentRow['treatment'] })} {...described('treatment')}>
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
                <input
                  id={`treatment-${index}-detail`}
                  type="text"
                  placeholder="e.g. 2 g/kg over 5 days"
                  value={treatment.detail ?? ''}
                  onChange={(event) => update({ detail: event.target.value })}
                  {...described('detail')}
                />
                {message('detail')}
              </div>
              <div className={field('startedOn')}>
                <label htmlFor={`treatment-${index}-started`}>
                  Started on<span className="visually-hidden"> for treatment {n}</span>
                </label>
                <input id={`treatment-${index}-started`} type="date" value={treatment.startedOn ?? ''} onChange={(event) => update({ startedOn: event.target.value })} {...described('startedOn')} />
                {message('startedOn')}
              </div>
              <div className={field('duration', ' treatment-row__duration')}>
                <label htmlFor={`treatment-${index}-duration`}>
                  Duration<span className="visually-hidden"> of treatment {n}</span>
                </label>
                <input
                  id={`treatment-${index}-duration`}
                  type="text"
                  placeholder="e.g. 6 months"
                  value={treatment.duration ?? ''}
                  onChange={(event) => update({ duration: event.target.value })}
                  {...described('duration')}
                />
                {message('duration')}
              </div>
              <div className={field('response')}>
                <label htmlFor={`treatment-${index}-response`}>
                  Response<span className="visually-hidden"> to treatment {n}</span>
                </label>
                <select id={`treatment-${index}-response`} value={treatment.response} onChange={(event) => update({ response: event.target.value as TreatmentRow['response'] })} {...described('response')}>
                  {TREATMENT_RESPONSES.map((r) => (
                    <option key={r} value={r}>
                      {TREATMENT_RESPONSE_LABELS[r]}
                    </option>
                  ))}
                </select>
                {message('response')}
              </div>
              <button type="button" className="button button--small button--quiet treatment-row__remove" onClick={() => set({ treatments: treatments.filter((_, i) => i !== index) })}>
                Remove<span className="visually-hidden"> treatment {n}</span>
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          set({ treatments: [...treatments, NEW_TREATMENT] });
          setFocusRow(treatments.length);
        }}
      >
        Add a treatment
      </button>
    </section>
  );
}
