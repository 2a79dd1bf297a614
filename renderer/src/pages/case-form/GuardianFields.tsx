import { useFormContext, useWatch } from 'react-hook-form';
import { ADULT_AGE, ageInYears } from '../../../../shared/transfer-case';
import { TextField } from '../../components/TextField';
import { messageAt } from '../../forms/field-errors';
import { useSession } from '../../session';
import type { CaseForm } from './CaseFormState';

/**
 * Parent or guardian: asked for when the date of birth makes the patient a minor, and kept in view
 * whenever something is typed, so a corrected date of birth never hides what was entered.
 */
export function GuardianFields() {
  const { session } = useSession();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const [dateOfBirth, name, relationship] = useWatch({ control, name: ['patient.dateOfBirth', 'guardian.name', 'guardian.relationship'] });
  const age = ageInYears(dateOfBirth ?? '', session.today);
  const minor = age !== null && age < ADULT_AGE;
  const typed = Boolean(name?.trim() || relationship?.trim());
  if (!minor && !typed) return null;
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
          error={messageAt(errors, 'guardian.name')}
          aria-required={minor || undefined}
          autoComplete="off"
          {...register('guardian.name')}
        />
        <TextField
          label="Relationship to the patient"
          placeholder="e.g. mother, legal guardian"
          error={messageAt(errors, 'guardian.relationship')}
          aria-required={minor || undefined}
          {...register('guardian.relationship')}
        />
      </div>
    </fieldset>
  );
}
