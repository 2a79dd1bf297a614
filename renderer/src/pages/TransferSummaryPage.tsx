import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { LetterDocument } from '../components/LetterDocument';
import { LetterPrintActions } from '../components/LetterPrintActions';

/**
 * The one-page hand-over for the receiving team, composed from the case as it stands. It is not
 * stored or issued: printing it again after a change to the case prints the change.
 */
export function TransferSummaryPage() {
  const { caseId } = useParams();
  const id = Number(caseId);
  const { data: summary, errorMessage: loadError, updating } = useCall('getTransferSummary', { caseId: id });
  const [printError, setError] = useState<string | null>(null);
  const error = printError ?? loadError;

  if (!summary) return error ? <p className="banner banner--error" role="alert">{error}</p> : <p className="loading">Composing the transfer summary…</p>;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Transfer cases</Link> <span aria-hidden="true">›</span> <Link to={`/cases/${id}`}>Case</Link> <span aria-hidden="true">›</span>{' '}
        <span>Transfer summary</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>Transfer summary</h1>
          <p className="muted">
            For the receiving team and the transport crew: urgency, acceptance, transport and the medicines that must not stop. Composed from
            the case as it stands now; <Link to={`/cases/${id}/edit`}>edit the case</Link> to change it.
          </p>
        </div>
        <div className="actions letter-toolbar">
          <LetterPrintActions onError={setError} onSaved={() => undefined} />
        </div>
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />
      <LetterDocument letter={summary} />
    </>
  );
}
