import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { appSettingsSchema } from '../../../../shared/settings';
import { useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { showHostProblems } from '../../forms/host-problems';
import { useSession } from '../../session';

const expirySchema = appSettingsSchema.pick({ expiryMonths: true });

export function ExpiryForm() {
  const { session, settingsSaved } = useSession();
  const saveSettings = useCallMutation('saveSettings');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<z.input<typeof expirySchema>, unknown, z.output<typeof expirySchema>>({
    resolver: zodResolver(expirySchema),
    defaultValues: { expiryMonths: session.settings.expiryMonths },
  });
  const [saved, setSaved] = useState(false);

  const submit = handleSubmit(async ({ expiryMonths }) => {
    setSaved(false);
    try {
      settingsSaved(await saveSettings.mutateAsync({ ...session.settings, expiryMonths }));
      setSaved(true);
    } catch (failure) {
      const rest = showHostProblems(failure, setError, ['expiryMonths']);
      if (rest) setError('expiryMonths', { type: 'host', message: rest });
    }
  });

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Verification expiry (months)"
        hint="Answers verified longer ago than this count as stale in profiles, comparisons and letters."
        inputMode="numeric"
        className="inline-form__grow"
        // Empty is "no number" and text is not a number; the schema's own messages say so.
        {...register('expiryMonths', { setValueAs: (value: unknown) => (String(value).trim() === '' ? undefined : Number(value)) })}
        error={errors.expiryMonths?.message}
      />
      <button type="submit" className="button button--primary">
        Save
      </button>
      {saved && (
        <span className="status-text inline-form__status" role="status">
          Saved.
        </span>
      )}
    </form>
  );
}
