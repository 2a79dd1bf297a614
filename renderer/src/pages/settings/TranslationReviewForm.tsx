import { useState, type FormEvent } from 'react';
import { formatDate } from '../../../../shared/calendar';
import {
  appSettingsSchema,
  FAMILY_LETTER_TEMPLATE_VERSIONS,
  translationReviewSchema,
  translationReviewStatus,
  type TranslationReview,
} from '../../../../shared/settings';
import { fieldProblems } from '../../../../shared/validation';
import { ApiError, errorMessage } from '../../api';
import { useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { useSession } from '../../session';

type Field = 'translator' | 'qualification' | 'reviewedOn';
type Errors = Partial<Record<Field, string>>;

const CURRENT = FAMILY_LETTER_TEMPLATE_VERSIONS.es;
const FIELD_PREFIX = 'translationReviews.es.';

/** Where the Spanish wording stands: reviewed, never reviewed, or reviewed in an older version. */
function ReviewStatus({ review }: { review: TranslationReview | null }) {
  if (!review) {
    return (
      <p className="banner banner--warn" role="status">
        No review is recorded. Each Spanish family letter asks the physician to confirm, before it is issued, that it goes out without a
        qualified translator&apos;s review.
      </p>
    );
  }
  if (review.templateVersion !== CURRENT) {
    return (
      <p className="banner banner--warn" role="status">
        The review on file, by {review.translator} on {formatDate(review.reviewedOn)}, was of version {review.templateVersion} of the
        Spanish wording. The wording is now version {CURRENT}: have it reviewed again, then record the new review.
      </p>
    );
  }
  return (
    <p className="banner banner--ok" role="status">
      Reviewed by {review.translator} ({review.qualification}) on {formatDate(review.reviewedOn)}, for version {CURRENT} of the Spanish
      wording.
    </p>
  );
}

/**
 * The record that a qualified translator reviewed the Spanish family-letter wording. The letters
 * read the status from settings; this form only records who reviewed which version, and when.
 */
export function TranslationReviewForm() {
  const { session, settingsSaved } = useSession();
  const saveSettings = useCallMutation('saveSettings');
  const onFile = session.settings.translationReviews.es;
  const current = translationReviewStatus(session.settings, 'es') === 'reviewed';
  const [translator, setTranslator] = useState(onFile?.translator ?? '');
  const [qualification, setQualification] = useState(onFile?.qualification ?? '');
  // An older version's date would claim a review of words the translator never saw.
  const [reviewedOn, setReviewedOn] = useState(onFile && current ? onFile.reviewedOn : '');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<'recorded' | 'cleared' | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);

  async function save(review: TranslationReview | null): Promise<boolean> {
    setBusy(true);
    setFormError(null);
    try {
      const settings = appSettingsSchema.parse({ ...session.settings, translationReviews: { ...session.settings.translationReviews, es: review } });
      settingsSaved(await saveSettings.mutateAsync(settings));
      setErrors({});
      return true;
    } catch (failure) {
      const onFields = failure instanceof ApiError ? failure.fields.filter((problem) => problem.field.startsWith(FIELD_PREFIX)) : [];
      const named: Errors = {};
      for (const problem of onFields) {
        const field = problem.field.slice(FIELD_PREFIX.length);
        if ((field === 'translator' || field === 'qualification' || field === 'reviewedOn') && !named[field]) named[field] = problem.message;
      }
      setErrors(named);
      // A problem the form has no field for (the template version, storage) is said above the buttons.
      if (Object.keys(named).length === 0) setFormError(errorMessage(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    setConfirmingClear(false);
    const parsed = translationReviewSchema.safeParse({ translator, qualification, reviewedOn, templateVersion: CURRENT });
    const found: Errors = {};
    // The first problem with a field is the one to fix first.
    for (const problem of parsed.success ? [] : fieldProblems(parsed.error)) found[problem.field as Field] ??= problem.message;
    if (!found.reviewedOn && reviewedOn.trim() > session.today) found.reviewedOn = 'The review date is in the future. Enter the day the translator reviewed the wording.';
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      setFormError(null);
      return;
    }
    if (await save(parsed.data)) setSaved('recorded');
  }

  async function clear() {
    setSaved(null);
    if (await save(null)) {
      setTranslator('');
      setQualification('');
      setReviewedOn('');
      setConfirmingClear(false);
      setSaved('cleared');
    }
  }

  return (
    <>
      <p>
        Spanish family letters are written from the same facts as the English ones. Section 1557 expects a letter in a patient&apos;s
        language to be translated by a qualified translator: record here who reviewed the Spanish wording. A review covers the wording
        as it was (version {CURRENT} now); when the wording changes, it needs a new review.
      </p>
      <ReviewStatus review={onFile} />
      <form className="stack" onSubmit={submit} noValidate aria-label="Spanish translation review">
        <fieldset className="field">
          <legend>Spanish (español) family letter</legend>
          <div className="form-grid">
            <TextField
              label="Translator"
              hint="Who reviewed the Spanish wording."
              autoComplete="off"
              maxLength={120}
              value={translator}
              onChange={(event) => setTranslator(event.target.value)}
              error={errors.translator}
            />
            <TextField
              label="Reviewed on"
              hint={onFile && !current ? 'The date of the review of the current wording.' : 'The day the review was finished.'}
              type="date"
              max={session.today}
              value={reviewedOn}
              onChange={(event) => setReviewedOn(event.target.value)}
              error={errors.reviewedOn}
            />
            <TextField
              label="Qualification"
              className="form-grid__wide"
              hint="For example “ATA-certified translator, English into Spanish”."
              autoComplete="off"
              maxLength={200}
              value={qualification}
              onChange={(event) => setQualification(event.target.value)}
              error={errors.qualification}
            />
          </div>
        </fieldset>
        {formError && (
          <p className="banner banner--error" role="alert">
            {formError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Record the review'}
          </button>
          {onFile && !confirmingClear && (
            <button type="button" className="button" disabled={busy} onClick={() => setConfirmingClear(true)}>
              Clear the review…
            </button>
          )}
          {saved && (
            <span className="status-text" role="status">
              {saved === 'recorded' ? 'Review recorded.' : 'Review cleared.'}
            </span>
          )}
        </div>
        {onFile && confirmingClear && (
          <div className="confirm" role="group" aria-label="Confirm clearing the Spanish review">
            <p>Clear the review? Spanish letters will again ask for confirmation before they are issued.</p>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void clear()}>
              {busy ? 'Clearing…' : 'Clear the review'}
            </button>{' '}
            <button type="button" className="button" disabled={busy} onClick={() => setConfirmingClear(false)}>
              Cancel
            </button>
          </div>
        )}
      </form>
    </>
  );
}
