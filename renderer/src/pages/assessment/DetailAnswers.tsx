import { useController, useFormContext } from 'react-hook-form';
import { DETAIL_CHOICE_LABELS, type DetailValue } from '../../../../shared/assessment';
import type { CapabilityQuestion } from '../../../../shared/questionnaire';
import type { DraftAnswers } from './draft-answers';

/** The most days a detail may count; the same bound the host's schema sets. */
const MAX_DAYS = 365;

/**
 * The structured details of one capability (yes / no / not sure, or a number of days). One value
 * for all of them: a detail left unanswered is absent, not "empty", as the host stores it.
 */
export function DetailAnswers({ question }: { question: CapabilityQuestion }) {
  const { control } = useFormContext<DraftAnswers>();
  const { field } = useController({ control, name: `answers.${question.id}.details` });
  const details: Record<string, DetailValue> = field.value ?? {};
  const setDetail = (detailId: string, value: DetailValue | null) => {
    const next = { ...details };
    if (value === null) delete next[detailId];
    else next[detailId] = value;
    field.onChange(next);
  };
  const id = (name: string) => `${question.id}-${name}`;

  return (
    <fieldset className="field details">
      <legend>Details</legend>
      <p className="field__hint">Answer what you know; leave the rest blank.</p>
      {question.details.map((detail) =>
        detail.kind === 'days' ? (
          <div className="detail-row" key={detail.id}>
            <label htmlFor={id(detail.id)}>{detail.label}</label>
            <input
              id={id(detail.id)}
              type="number"
              min={0}
              max={MAX_DAYS}
              className="input--narrow"
              value={typeof details[detail.id] === 'number' ? String(details[detail.id]) : ''}
              onBlur={field.onBlur}
              onChange={(event) => {
                // Clamped as typed, so autosave never meets a count it must refuse.
                const value = event.target.value === '' ? null : Math.max(0, Math.min(MAX_DAYS, Math.round(Number(event.target.value))));
                setDetail(detail.id, value === null || Number.isNaN(value) ? null : value);
              }}
            />
          </div>
        ) : (
          <div className="detail-row" role="group" aria-labelledby={id(`${detail.id}-label`)} key={detail.id}>
            <span id={id(`${detail.id}-label`)}>{detail.label}</span>
            <div className="segmented">
              {(['yes', 'no', 'unknown'] as const).map((value) => (
                <label key={value}>
                  <input type="radio" name={id(detail.id)} value={value} checked={details[detail.id] === value} onBlur={field.onBlur} onChange={() => setDetail(detail.id, value)} />
                  <span>{DETAIL_CHOICE_LABELS[value]}</span>
                </label>
              ))}
            </div>
          </div>
        ),
      )}
    </fieldset>
  );
}
