import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { amendAssessmentSchema } from '../../../../shared/assessment-schemas';
import { useCallMutation } from '../../calls/cache';
import { TextAreaField } from '../../components/TextAreaField';
import { showHostProblems } from '../../forms/host-problems';

/** The reason part of the host's own amendAssessment schema: the form checks what the host will. */
const reasonSchema = amendAssessmentSchema.pick({ reason: true });

/** Asks why a finalized assessment is amended, then opens the amendment as a new draft. */
export function AmendForm({ assessmentId, onCancel, onAmended }: { assessmentId: number; onCancel(): void; onAmended(newAssessmentId: number): void }) {
  const amend = useCallMutation('amendAssessment');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const error = errors.reason?.message ?? errors.root?.message;

  const submit = handleSubmit(async ({ reason }) => {
    try {
      const amendment = await amend.mutateAsync({ assessmentId, reason });
      onAmended(amendment.id);
    } catch (failure) {
      const unplaced = showHostProblems(failure, setError, ['reason']);
      if (unplaced) setError('root', { type: 'host', message: unplaced });
    }
  });

  return (
    <form className="amend-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextAreaField
        id="amend-reason"
        label="Why is this assessment being amended?"
        hint="Recorded with the new version, e.g. “IVIG moved to the formulary in May”."
        rows={3}
        autoFocus
        {...register('reason')}
        error={error}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          Create amendment
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
