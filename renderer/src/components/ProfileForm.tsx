import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { USER_ROLE_LABELS, USER_ROLES } from '../../../shared/profile';
import { userProfileSchema, type UserProfile } from '../../../shared/profile-schema';
import { useCallMutation } from '../calls/cache';
import { showHostProblems } from '../forms/host-problems';
import { TextField } from './TextField';

interface ProfileFormProps {
  initial: UserProfile | null;
  submitLabel: string;
  onSaved(profile: UserProfile): void;
}

const ROLE_DESCRIPTIONS: Record<(typeof USER_ROLES)[number], string> = {
  administrator: 'Audits what a facility and its partners can really provide.',
  physician: 'Decides on and justifies the transfer of a patient.',
  quality: 'Compares facilities across a region or health system.',
};

export function ProfileForm({ initial, submitLabel, onSaved }: ProfileFormProps) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof userProfileSchema>, unknown, UserProfile>({
    resolver: zodResolver(userProfileSchema),
    // No role until one is chosen: the schema's "Choose your role." is then the message.
    defaultValues: initial ?? { name: '' },
  });
  const saveProfile = useCallMutation('saveProfile');
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = handleSubmit(async (profile) => {
    setSaved(false);
    setFormError(null);
    try {
      const savedProfile = await saveProfile.mutateAsync(profile);
      setSaved(true);
      onSaved(savedProfile);
    } catch (failure) {
      setFormError(showHostProblems(failure, setError, ['name', 'role']));
    }
  });

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Your name"
        hint="Shown as the author of every assessment, change and letter you make."
        autoComplete="name"
        maxLength={120}
        {...register('name')}
        error={errors.name?.message}
      />
      <fieldset className={`field${errors.role ? ' field--invalid' : ''}`} aria-describedby={errors.role ? 'role-error' : undefined}>
        <legend>Your role</legend>
        <div className="choice-list">
          {USER_ROLES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" value={value} {...register('role')} />
              <span>
                <strong>{USER_ROLE_LABELS[value]}</strong>
                <span className="choice__description">{ROLE_DESCRIPTIONS[value]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.role && (
          <p className="field__error" id="role-error">
            {errors.role.message}
          </p>
        )}
      </fieldset>
      {formError && (
        <p className="banner banner--error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
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
