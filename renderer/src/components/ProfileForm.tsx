import { useState, type FormEvent } from 'react';
import { USER_ROLE_LABELS, USER_ROLES, userProfileSchema, type UserProfile } from '../../../shared/profile';
import { fieldProblems } from '../../../shared/validation';
import { api, ApiError, errorMessage } from '../api';
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
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<string>(initial?.role ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    const parsed = userProfileSchema.safeParse({ name, role: role || undefined });
    if (!parsed.success) {
      setErrors(Object.fromEntries(fieldProblems(parsed.error).map((p) => [p.field, p.message])));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const profile = await api.saveProfile(parsed.data);
      setSaved(true);
      onSaved(profile);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(Object.fromEntries(error.fields.map((p) => [p.field, p.message])));
      } else setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <TextField
        label="Your name"
        hint="Shown as the author of every assessment, change and letter you make."
        value={name}
        autoComplete="name"
        maxLength={120}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
      <fieldset className={`field${errors.role ? ' field--invalid' : ''}`} aria-describedby={errors.role ? 'role-error' : undefined}>
        <legend>Your role</legend>
        <div className="choice-list">
          {USER_ROLES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="role" value={value} checked={role === value} onChange={() => setRole(value)} />
              <span>
                <strong>{USER_ROLE_LABELS[value]}</strong>
                <span className="choice__description">{ROLE_DESCRIPTIONS[value]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.role && (
          <p className="field__error" id="role-error">
            {errors.role}
          </p>
        )}
      </fieldset>
      {formError && (
        <p className="banner banner--error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
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
