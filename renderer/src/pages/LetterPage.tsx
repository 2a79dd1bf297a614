import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDate, formatTimestamp } from '../../../shared/calendar';
import { LETTER_AUDIENCE_LABELS } from '../../../shared/letters';
import { FAMILY_LANGUAGE_LABELS } from '../../../shared/transfer-case';
import { ApiError, errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { queryKeyFor } from '../calls/query-keys';
import { Updating } from '../components/Updating';
import { LetterDocument } from '../components/LetterDocument';
import { LetterPrintActions } from '../components/LetterPrintActions';
import { IssueConfirmation } from './letter/IssueConfirmation';

export function LetterPage() {
  const { letterId } = useParams();
  // Keyed by letter, so moving from one letter to another never carries an open confirmation or a message across.
  return <LetterScreen key={letterId} id={Number(letterId)} />;
}

function LetterScreen({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const letter = useCall('getLetter', { letterId: id });
  const view = letter.data;
  const issueLetter = useCallMutation('issueLetter');
  const saveLetterEdit = useCallMutation('saveLetterEdit');
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? letter.errorMessage;
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingIssue, setConfirmingIssue] = useState(false);

  if (!view) return error ? <p className="banner banner--error" role="alert">{error}</p> : <p className="loading">Composing letter…</p>;
  const draft = view.state === 'draft';
  const blocker = draft ? view.issueBlocker : null;
  const translationNotice = draft ? view.translationNotice : null;
  const language = view.letter.language ?? 'en';

  /** Resolves with the host's message for the confirmation checkbox when it asked for one, so it shows beside the box. */
  async function issue(confirmUnreviewedTranslation: boolean): Promise<string | undefined> {
    setError(null);
    try {
      await issueLetter.mutateAsync({ letterId: id, confirmUnreviewedTranslation });
      setConfirmingIssue(false);
      setNotice('Letter issued. It is now frozen and will print the same way every time.');
      return undefined;
    } catch (failure) {
      const confirmation = failure instanceof ApiError ? failure.fieldMessage('confirmUnreviewedTranslation') : undefined;
      if (confirmation) return confirmation;
      setError(errorMessage(failure));
      // The draft may have changed under the page (the case was edited elsewhere): show it as it now stands.
      await queryClient.invalidateQueries({ queryKey: queryKeyFor('getLetter', { letterId: id }) });
      return undefined;
    }
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Transfer cases</Link> <span aria-hidden="true">›</span> <Link to={`/cases/${view.caseId}`}>Case</Link>{' '}
        <span aria-hidden="true">›</span> <span>{LETTER_AUDIENCE_LABELS[view.audience]}</span>
      </nav>
      <Updating updating={letter.updating} />
      <header className="page-header">
        <div>
          <h1>
            {LETTER_AUDIENCE_LABELS[view.audience]} <span className={`badge ${draft ? 'badge--draft' : 'badge--finalized'}`}>{view.state}</span>
          </h1>
          <p className="muted">
            {draft
              ? 'Composed from today’s case and assessment data. Edit any paragraph; issuing freezes the letter for good.'
              : `Issued ${formatDate(view.issuedAt)} by ${view.issuedByName}.`}
          </p>
          <p className="muted letter-language">Written in {FAMILY_LANGUAGE_LABELS[language]}.</p>
        </div>
        <div className="actions letter-toolbar">
          {draft && !confirmingIssue && (
            <button
              type="button"
              className="button button--primary"
              disabled={blocker !== null}
              aria-describedby={blocker ? 'issue-blocker' : undefined}
              onClick={() => setConfirmingIssue(true)}
            >
              Issue letter
            </button>
          )}
          <LetterPrintActions letterId={id} onError={setError} onSaved={() => setNotice('PDF saved.')} />
        </div>
      </header>
      {blocker && (
        <div className="banner banner--error issue-blocker" id="issue-blocker">
          <p>
            <strong>This letter cannot be issued yet.</strong> {blocker}
          </p>
          <p>
            <Link to={`/cases/${view.caseId}/edit`}>Edit the case</Link>
          </p>
        </div>
      )}
      {translationNotice && (
        <p className="banner banner--warn" id="translation-notice">
          {translationNotice}
        </p>
      )}
      {confirmingIssue && !blocker && (
        <IssueConfirmation translationNotice={translationNotice} onIssue={issue} onCancel={() => setConfirmingIssue(false)} />
      )}
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="banner banner--ok" role="status">
          {notice}
        </p>
      )}
      {view.letter.footnotes.length > 0 && (
        <p className="banner banner--warn">
          Some evidence behind this letter is out of date or unverified; the letter says so in its footnotes. Confirm it before sending.
        </p>
      )}
      {!draft && view.sha256 && (
        <p className="banner banner--info fingerprint">
          SHA-256 <code>{view.sha256}</code>
          {view.evidenceFrom && (
            <>
              <br />
              Evidence from the shared registry at <code>{view.evidenceFrom.serverUrl}</code>, change {view.evidenceFrom.sequence}
              {view.evidenceFrom.pulledAt ? ` (copy of ${formatTimestamp(view.evidenceFrom.pulledAt)})` : ''}.
            </>
          )}
        </p>
      )}
      <LetterDocument
        letter={view.letter}
        editing={
          draft
            ? {
                edits: view.edits,
                onSave: async (paragraphId, text) => void (await saveLetterEdit.mutateAsync({ letterId: id, paragraphId, text })),
              }
            : undefined
        }
      />
    </>
  );
}
