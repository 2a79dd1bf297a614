import { useFormContext, type UseFormRegisterReturn } from 'react-hook-form';
import { VERIFICATION_METHOD_LABELS, VERIFICATION_METHODS, type CapabilityId } from '../../../../shared/questionnaire';
import { optionalChoice } from '../../forms/input-values';
import type { DraftAnswers } from './draft-answers';

/** Who confirmed an answer, how and when: what makes it count, and what goes stale after the expiry period. */
export function VerificationFields({
  capabilityId,
  needed,
  today,
  problemFor,
}: {
  capabilityId: CapabilityId;
  /** Every status but Unknown needs a verification before finalizing. */
  needed: boolean;
  today: string;
  problemFor(field: string): string | undefined;
}) {
  const { register } = useFormContext<DraftAnswers>();
  const id = (name: string) => `${capabilityId}-${name}`;
  const methodProblem = problemFor('verificationMethod');
  const dateProblem = problemFor('verifiedOn');

  return (
    <fieldset className="field verification">
      <legend>Verification {needed ? '' : <span className="muted small">(needed unless the status is Unknown)</span>}</legend>
      <div className="form-grid">
        <VerificationInput id={id('verifiedByName')} label="Verified by (name)" error={problemFor('verifiedByName')} input={register(`answers.${capabilityId}.verifiedByName`)} />
        <VerificationInput id={id('verifiedByRole')} label="Their role" hint="e.g. Blood bank director" error={problemFor('verifiedByRole')} input={register(`answers.${capabilityId}.verifiedByRole`)} />
        <div className={`field${methodProblem ? ' field--invalid' : ''}`}>
          <label htmlFor={id('method')}>How it was verified</label>
          <select id={id('method')} aria-invalid={methodProblem ? true : undefined} {...register(`answers.${capabilityId}.verificationMethod`, { setValueAs: optionalChoice })}>
            <option value="">Choose…</option>
            {VERIFICATION_METHODS.map((method) => (
              <option key={method} value={method}>
                {VERIFICATION_METHOD_LABELS[method]}
              </option>
            ))}
          </select>
          {methodProblem && <p className="field__error">{methodProblem}</p>}
        </div>
        <div className={`field${dateProblem ? ' field--invalid' : ''}`}>
          <label htmlFor={id('verifiedOn')}>Verified on</label>
          <input
            id={id('verifiedOn')}
            type="date"
            max={today}
            aria-invalid={dateProblem ? true : undefined}
            aria-describedby={dateProblem ? id('verifiedOn-error') : undefined}
            {...register(`answers.${capabilityId}.verifiedOn`, { setValueAs: optionalChoice })}
          />
          {dateProblem && (
            <p className="field__error" id={id('verifiedOn-error')}>
              {dateProblem}
            </p>
          )}
        </div>
      </div>
    </fieldset>
  );
}

function VerificationInput(props: { id: string; label: string; hint?: string; error?: string | undefined; input: UseFormRegisterReturn }) {
  return (
    <div className={`field${props.error ? ' field--invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="text" placeholder={props.hint} maxLength={120} aria-invalid={props.error ? true : undefined} {...props.input} />
      {props.error && <p className="field__error">{props.error}</p>}
    </div>
  );
}
