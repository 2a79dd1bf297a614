import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { appSettingsSchema, PAPER_SIZE_LABELS, PAPER_SIZES } from '../../../../shared/settings';
import { useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { showHostProblems } from '../../forms/host-problems';
import { useSession } from '../../session';

const letterSettingsSchema = appSettingsSchema.pick({ letterhead: true, paperSize: true });

export function LetterSettingsForm() {
  const { session, settingsSaved } = useSession();
  const saveSettings = useCallMutation('saveSettings');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<z.input<typeof letterSettingsSchema>, unknown, z.output<typeof letterSettingsSchema>>({
    resolver: zodResolver(letterSettingsSchema),
    defaultValues: { letterhead: session.settings.letterhead, paperSize: session.settings.paperSize },
  });
  const [error, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = handleSubmit(async (letterSettings) => {
    setSaved(false);
    try {
      settingsSaved(await saveSettings.mutateAsync({ ...session.settings, ...letterSettings }));
      setFormError(null);
      setSaved(true);
    } catch (failure) {
      setFormError(showHostProblems(failure, setError, ['letterhead', 'paperSize']));
    }
  });

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Institution"
        hint="Printed at the top of every letter; the referring facility's name is used when empty."
        {...register('letterhead.institution')}
        error={errors.letterhead?.institution?.message}
      />
      <TextField label="Address" {...register('letterhead.address')} error={errors.letterhead?.address?.message} />
      <TextField label="Phone" type="tel" {...register('letterhead.phone')} error={errors.letterhead?.phone?.message} />
      <fieldset className="field">
        <legend>Paper size</legend>
        {PAPER_SIZES.map((size) => (
          <label key={size} className="checkbox">
            <input type="radio" value={size} {...register('paperSize')} />
            {PAPER_SIZE_LABELS[size]}
          </label>
        ))}
      </fieldset>
      {(error ?? errors.paperSize?.message) && (
        <p className="banner banner--error" role="alert">
          {error ?? errors.paperSize?.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          Save letter settings
        </button>
        {saved && (
          <span className="status-text" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
