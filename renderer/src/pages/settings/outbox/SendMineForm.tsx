import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { resolveOutboxEntrySchema } from '../../../../../shared/assessment-submission';
import { useCallMutation } from '../../../calls/cache';
import { TextAreaField } from '../../../components/TextAreaField';
import { showHostProblems } from '../../../forms/host-problems';

/** The reason part of the host's own "submit mine" decision: the form checks what the host will, with its words. */
const reasonSchema = resolveOutboxEntrySchema.options[1].pick({ reason: true });

/** Sends this desktop's version again, as an amendment of what the registry has now, with the reason the assessor gives. */
export function SendMineForm({ clientId, facilityName }: { clientId: string; facilityName: string }) {
  const resolve = useCallMutation('resolveOutboxEntry');
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
      <TextAreaField
        label="Why does your version replace the registry's?"
        hint="Recorded on the registry with the amendment, e.g. “Site visit on Nov 28 confirmed the neuro ICU opened”."
        rows={3}
        {...register('reason')}
        error={error}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Sending…' : 'Send mine as an amendment'}
        </button>
      </div>
    </form>
  );
}
