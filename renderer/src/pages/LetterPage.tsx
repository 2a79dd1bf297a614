import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { LetterView } from '../../../shared/case-workup';
import { formatDate } from '../../../shared/calendar';
import { LETTER_AUDIENCE_LABELS } from '../../../shared/letters';
import { api, errorMessage } from '../api';
import { LetterDocument } from '../components/LetterDocument';

export function LetterPage() {
  const { letterId } = useParams();
  const id = Number(letterId);
  const [view, setView] = useState<LetterView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingIssue, setConfirmingIssue] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await api.getLetter({ letterId: id }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (!view) return error ? <p className="banner banner--error" role="alert">{error}</p> : <p className="loading">Composing letter…</p>;
  const draft = view.state === 'draft';

  async function issue() {
    try {
      setView(await api.issueLetter({ letterId: id }));
      setConfirmingIssue(false);
      setNotice('Letter issued. It is now frozen and will print the same way every time.');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function print() {
    if (!window.desktop) {
      window.print();
      return;
    }
    const result = await window.desktop.printLetter();
    if (!result.ok) setError(result.error.message);
  }

  async function savePdf() {
    const result = await window.desktop!.saveLetterPdf(id);
    if (!result.ok) setError(result.error.message);
    else if (result.value.saved) setNotice('PDF saved.');
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Transfer cases</Link> <span aria-hidden="true">›</span> <Link to={`/cases/${view.caseId}`}>Case</Link>{' '}
        <span aria-hidden="true">›</span> <span>{LETTER_AUDIENCE_LABELS[view.audience]}</span>
      </nav>
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
        </div>
        <div className="actions letter-toolbar">
          {draft && !confirmingIssue && (
            <button type="button" className="button button--primary" onClick={() => setConfirmingIssue(true)}>
              Issue letter
            </button>
          )}
          <button type="button" className="button" onClick={() => void print()}>
            Print
          </button>
          {window.desktop && (
            <button type="button" className="button" onClick={() => void savePdf()}>
              Save as PDF
            </button>
          )}
        </div>
      </header>
      {confirmingIssue && (
        <div className="banner banner--info no-print" role="alertdialog" aria-labelledby="issue-title">
          <p id="issue-title">
            <strong>Issue this letter?</strong> Its text, the data it was built from and a SHA-256 fingerprint are frozen. Later changes to
            the case or the assessments will not alter it.
          </p>
          <div className="actions">
            <button type="button" className="button button--primary" autoFocus onClick={() => void issue()}>
              Issue now
            </button>
            <button type="button" className="button" onClick={() => setConfirmingIssue(false)}>
              Keep editing
            </button>
          </div>
        </div>
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
        </p>
      )}
      <LetterDocument
        letter={view.letter}
        editing={
          draft
            ? {
                edits: view.edits,
                onSave: async (paragraphId, text) => setView(await api.saveLetterEdit({ letterId: id, paragraphId, text })),
              }
            : undefined
        }
      />
    </>
  );
}
