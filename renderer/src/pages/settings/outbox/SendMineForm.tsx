import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { resolveOutboxEntrySchema } from '../../../../../shared/assessment-submission';
import { useCallMutation } from '../../../calls/cache';
import { showHostProblems } from '../../../forms/host-problems';

/** The reason part of the host's own "submit mine" decision: the form checks what the host will, with its words. */
const reasonSchema = resolveOutboxEntrySchema.options[1].pick({ reason: true });

/** Sends this desktop's version again, as an amendment of what the registry has now, with the reason the assessor gives. */
export function SendMineForm({ clientId, facilityName }: { clientId: string; facilityName: string }) {
  const resolve = useCallMutation('resolveOutboxEntry');
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof reasonSchema>, unknown, z.output<typeof reasonSchema>>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const error = errors.reason?.message ?? errors.root?.message;

  const submit = handleSubmit(async ({ reason }) => {
    try {
      await resolve.mutateAsync({ clientId, decision: 'submit-mine', reason });
    } catch (failure) {
      const unplaced = showHostProblems(failure, setError, ['reason']);
      if (unplaced) setError('root', { type: 'host', message: unplaced });
    }
  });

  return (
    <form className="amend-form" onSubmit={(event) => void submit(event)} noValidate aria-label={`Send your version of ${facilityName} as an amendment`}>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-reason`}>Why does your version replace the registry&apos;s?</label>
        <p className="field__hint" id={`${id}-hint`}>
          Recorded on the registry with the amendment, e.g. “Site visit on Nov 28 confirmed the neuro ICU opened”.
        </p>
        <textarea
          id={`${id}-reason`}
          rows={3}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          {...register('reason')}
        />
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Sending…' : 'Send mine as an amendment'}
        </button>
      </div>
    </form>
  );
}
