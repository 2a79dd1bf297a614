import { useFormContext } from 'react-hook-form';
import { FAMILY_LANGUAGE_LABELS, FAMILY_LANGUAGES } from '../../../../shared/transfer-case';
import { TextField } from '../../components/TextField';
import { messageAt } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';

/** Whom the family calls with questions, and the language their letter is written in. */
export function FamilyFields() {
  const {
    register,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const languageError = messageAt(errors, 'preferredLanguage');
  return (
    <section className="card form-grid" aria-labelledby="family-heading">
      <h2 id="family-heading" className="form-grid__wide">
        Family
      </h2>
      <p className="muted form-grid__wide">
        The family letter names this person to call with questions. Leave both empty to name the referring physician.
      </p>
      <TextField label="Family contact’s name" autoComplete="off" error={messageAt(errors, 'familyContact.name')} {...register('familyContact.name')} />
      <TextField label="Family contact’s phone" type="tel" error={messageAt(errors, 'familyContact.phone')} {...register('familyContact.phone')} />
      <fieldset className={`field form-grid__wide${languageError ? ' field--invalid' : ''}`} aria-describedby="language-hint">
        <legend>The family’s preferred language</legend>
        <p className="field__hint" id="language-hint">
          The family letter is written in it. A Spanish letter asks you to confirm when issuing until a qualified translator’s review is recorded in Settings.
        </p>
        <div className="radio-row">
          {FAMILY_LANGUAGES.map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" value={value} {...register('preferredLanguage')} />
              {FAMILY_LANGUAGE_LABELS[value]}
            </label>
          ))}
        </div>
        {languageError && <p className="field__error">{languageError}</p>}
      </fieldset>
    </section>
  );
}
