import { Link } from 'react-router';
import { formatDate } from '../../../shared/calendar';
import { CASE_STAGE_LABELS } from '../../../shared/transfer-case';
import { useCall } from '../calls/cache';
import { Updating } from '../components/Updating';

export function CasesPage() {
  const { data: cases, errorMessage: error, updating } = useCall('listCases', {});

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Transfer cases</h1>
          <p className="muted">One patient each: needs, gaps at the referring facility, where to send them, and the letters.</p>
        </div>
        <Link className="button button--primary" to="/cases/new">
          New transfer case
        </Link>
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />
      <section className="card card--flush" aria-label="Transfer cases">
        {cases === undefined && !error && <p className="empty">Loading cases…</p>}
        {cases?.length === 0 && <p className="empty">No transfer cases yet. Start one when a patient may need to move.</p>}
        {cases && cases.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Stage</th>
                <th scope="col">Referring facility</th>
                <th scope="col">Receiving facility</th>
                <th scope="col">Letters issued</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((summary) => (
                <tr key={summary.id}>
                  <td>
                    <Link className="facility-name" to={`/cases/${summary.id}`}>
                      {summary.patientName}
                    </Link>
                  </td>
                  <td>{CASE_STAGE_LABELS[summary.stage]}</td>
                  <td>{summary.referringFacilityName}</td>
                  <td>{summary.receivingFacilityName ?? <span className="muted">Not chosen</span>}</td>
                  <td>{summary.issuedLetters}</td>
                  <td>{formatDate(summary.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
