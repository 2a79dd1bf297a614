import { useRef, useState } from 'react';

/**
 * The last step before a letter is frozen. An unreviewed translation adds a checkbox the physician
 * must tick; the host records that confirmation with the issued letter.
 */
export function IssueConfirmation({
  translationNotice,
  onIssue,
  onCancel,
}: {
  translationNotice: string | null;
  onIssue(confirmUnreviewedTranslation: boolean): Promise<string | undefined>;
  onCancel(): void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkbox = useRef<HTMLInputElement>(null);

  async function issue() {
    if (translationNotice && !confirmed) {
      setConfirmError('Tick the box to confirm, or keep editing until a qualified translator has reviewed the wording.');
      checkbox.current?.focus();
      return;
    }
    setBusy(true);
    const refused = await onIssue(translationNotice !== null && confirmed);
    setBusy(false);
    if (refused) {
      setConfirmError(refused);
      checkbox.current?.focus();
    }
  }

  return (
    <div className="banner banner--info no-print" role="alertdialog" aria-labelledby="issue-title" aria-describedby={translationNotice ? 'translation-notice' : undefined}>
      <p id="issue-title">
        <strong>Issue this letter?</strong> Its text, the data it was built from and a SHA-256 fingerprint are frozen. Later changes to the
        case or the assessments will not alter it.
      </p>
      {translationNotice && (
        <div className={`field${confirmError ? ' field--invalid' : ''}`}>
          <label className="checkbox checkbox--wrap">
            <input
              ref={checkbox}
              type="checkbox"
              required
              autoFocus
              checked={confirmed}
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? 'translation-confirm-error' : undefined}
              onChange={(event) => {
                setConfirmed(event.target.checked);
                if (event.target.checked) setConfirmError(null);
              }}
            />
            I confirm issuing a translation no qualified translator has reviewed
          </label>
          {confirmError && (
            <p className="field__error" id="translation-confirm-error">
              {confirmError}
            </p>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" autoFocus={!translationNotice} disabled={busy} onClick={() => void issue()}>
          Issue now
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
