import { ADULT_AGE } from '../../../../shared/transfer-case';
import { TextField } from '../../components/TextField';
import type { CaseFormSectionProps } from './CaseFormState';

/**
 * Parent or guardian: asked for when the date of birth makes the patient a minor, and kept in view
 * whenever something is typed, so a corrected date of birth never hides what was entered.
 */
export function GuardianFields({ form, set, errors, age }: CaseFormSectionProps & { age: number | null }) {
  const guardian = form.guardian ?? { name: '', relationship: '' };
  const minor = age !== null && age < ADULT_AGE;
  const typed = Boolean(guardian.name?.trim() || guardian.relationship?.trim());
  if (!minor && !typed) return null;
  const update = (patch: Partial<typeof guardian>) => set({ guardian: { ...guardian, ...patch } });
  return (
    <fieldset className="field form-grid__wide guardian" aria-describedby="guardian-hint">
      <legend>Parent or legal guardian{minor ? ' (needed)' : ' (optional)'}</legend>
      <p className="field__hint" id="guardian-hint">
        {minor
          ? `The patient is ${age} year${age === 1 ? '' : 's'} old: record who gives permission for their care. The family letter is addressed to them.`
          : 'The patient is an adult by the date of birth; keep these only if a guardian decides for them.'}
      </p>
      <div className="form-grid">
        <TextField
          label="Parent or guardian’s name"
          value={guardian.name ?? ''}
          error={errors['guardian.name']}
          aria-required={minor || undefined}
          autoComplete="off"
          onChange={(event) => update({ name: event.target.value })}
        />
        <TextField
          label="Relationship to the patient"
          placeholder="e.g. mother, legal guardian"
          value={guardian.relationship ?? ''}
          error={errors['guardian.relationship']}
          aria-required={minor || undefined}
          onChange={(event) => update({ relationship: event.target.value })}
        />
      </div>
    </fieldset>
  );
}
