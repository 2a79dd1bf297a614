import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { createFacilitySchema, FACILITY_NAME_MAX } from '../../../../shared/facility';
import { useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { showHostProblems } from '../../forms/host-problems';

/** A new facility by name alone; its other details are filled in on its own page or by an import. */
export function AddFacilityForm({ onAdded }: { onAdded(name: string): void }) {
  const createFacility = useCallMutation('createFacility');
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(createFacilitySchema), defaultValues: { name: '' } });

  const submit = handleSubmit(async (record) => {
    const typed = getValues('name');
    try {
      const created = await createFacility.mutateAsync(record);
      // The new row shows as soon as the list is read again, before the other reads this save
      // refreshes; a next name typed in that moment is kept, not cleared with the one just added.
      if (getValues('name') === typed) reset();
      onAdded(created.name);
    } catch (failure) {
      const unplaced = showHostProblems(failure, setError, ['name']);
      if (unplaced) setError('name', { type: 'host', message: unplaced });
    }
  });

  return (
    <section className="card" aria-labelledby="add-heading">
      <h2 id="add-heading">Add a facility</h2>
      <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Facility name"
          className="inline-form__grow"
          maxLength={FACILITY_NAME_MAX + 50}
          placeholder="e.g. Riverside Regional Medical Center"
          error={errors.name?.message}
          {...register('name')}
        />
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add facility'}
        </button>
      </form>
    </section>
  );
}
