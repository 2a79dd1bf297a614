import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeDetailValue } from '../../../shared/assessment';
import { formatDate } from '../../../shared/calendar';
import type { ComparedFacility } from '../../../shared/contract';
import { CURRENT_QUESTIONNAIRE, VERIFICATION_METHOD_LABELS, type CapabilityId } from '../../../shared/questionnaire';
import { useCall } from '../calls/cache';
import { useDebounced } from '../calls/debounced';
import { StatusBadge } from '../components/StatusBadge';
import { Updating } from '../components/Updating';

export function ComparePage() {
  const [params, setParams] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').map(Number).filter((id) => Number.isInteger(id) && id > 0);
  const comparison = useCall('compareFacilities', { facilityIds: ids }, { enabled: ids.length >= 2, keepPrevious: true });
  const compared = ids.length >= 2 ? (comparison.data ?? null) : null;
  const error = comparison.errorMessage;
  const [search, setSearch] = useState('');
  const typed = useDebounced(search.trim());
  const found = useCall('listFacilities', { search: typed, limit: 8 }, { enabled: typed !== '' });
  // A failed search offers nothing to add; the box stays as typed.
  const matches = search.trim() && typed ? (found.data?.items ?? []) : [];

  const setIds = (next: number[]) => setParams(next.length ? { ids: next.join(',') } : {});

  return (
    <div className="page--wide">
      <header className="page-header">
        <div>
          <h1>Compare facilities</h1>
          <p className="muted">Two to five facilities side by side: status, details, evidence and who verified each answer. Rows that differ are marked.</p>
        </div>
        {compared && (
          <button type="button" className="button no-print" onClick={() => window.print()}>
            Print
          </button>
        )}
      </header>
      <section className="card no-print" aria-labelledby="pick-heading">
        <h2 id="pick-heading">Facilities ({ids.length} of 5)</h2>
        <ul className="chips">
          {ids.map((id) => {
            const name = compared?.find((entry) => entry.facility.id === id)?.facility.name ?? `Facility ${id}`;
            return (
              <li key={id}>
                {name}
                <button type="button" className="button button--small button--quiet" onClick={() => setIds(ids.filter((other) => other !== id))}>
                  Remove<span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {ids.length < 5 && (
          <div className="field">
            <label htmlFor="compare-search">Add a facility</label>
            <input id="compare-search" type="search" placeholder="Name, city or CCN" value={search} onChange={(event) => setSearch(event.target.value)} />
            {matches.length > 0 && (
              <ul className="pick-list">
                {matches
                  .filter((facility) => !ids.includes(facility.id))
                  .map((facility) => (
                    <li key={facility.id}>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setIds([...ids, facility.id]);
                          setSearch('');
                        }}
                      >
                        Add<span className="visually-hidden"> {facility.name}</span>
                      </button>{' '}
                      {facility.name} <span className="muted small">{[facility.city, facility.state].filter(Boolean).join(', ')}</span>
                    </li>
                  ))}
              </ul>
            )}
          </div>
        )}
        {ids.length < 2 && <p className="muted">Choose at least two facilities.</p>}
      </section>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={comparison.updating} />
      {compared && <ComparisonTable compared={compared} />}
    </div>
  );
}

function ComparisonTable({ compared }: { compared: ComparedFacility[] }) {
  const row = (label: string, values: string[], differs: boolean, render?: (index: number) => React.ReactNode) => (
    <tr className={differs ? 'row--differs' : undefined}>
      <th scope="row">
        {label}
        {differs && <span className="differs-tag"> differs</span>}
      </th>
      {values.map((value, index) => (
        <td key={index}>{render ? render(index) : value || '—'}</td>
      ))}
    </tr>
  );
  const differ = (values: string[]) => new Set(values).size > 1;

  return (
    <section className="card card--flush compare" aria-label="Comparison">
      <table className="table compare-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Capability</span>
            </th>
            {compared.map(({ facility, assessment }) => (
              <th scope="col" key={facility.id}>
                <Link to={`/facilities/${facility.id}`}>{facility.name}</Link>
                <span className="muted small block">
                  {assessment ? `Revision ${assessment.revision}, finalized ${formatDate(assessment.finalizedAt)}` : 'Not assessed'}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        {CURRENT_QUESTIONNAIRE.capabilities.map((question) => {
          const answers = compared.map(({ assessment }) => assessment?.answers[question.id as CapabilityId] ?? null);
          const profileCells = compared.map(({ profile }) => profile?.capabilities.find((c) => c.capabilityId === question.id) ?? null);
          const statuses = answers.map((answer) => answer?.status ?? '');
          const verified = answers.map((answer) =>
            answer?.verifiedOn
              ? `${[answer.verifiedByName, answer.verifiedByRole].filter(Boolean).join(', ')}${answer.verificationMethod ? ` · ${VERIFICATION_METHOD_LABELS[answer.verificationMethod]}` : ''} · ${formatDate(answer.verifiedOn)}`
              : '',
          );
          return (
            <tbody key={question.id}>
              <tr className="compare-table__group">
                <th scope="rowgroup" colSpan={compared.length + 1}>
                  {question.number}. {question.name}
                </th>
              </tr>
              {row('Status', statuses, differ(statuses), (index) =>
                answers[index] ? <StatusBadge status={answers[index]!.status} stale={profileCells[index]?.stale ?? false} /> : '—',
              )}
              {question.details.map((detail) => {
                const values = answers.map((answer) => (answer ? describeDetailValue(answer.details[detail.id]) : '—'));
                return <DetailRow key={detail.id} label={detail.label} values={values} differs={differ(values)} />;
              })}
              {row('Evidence', answers.map((answer) => answer?.evidence ?? ''), false)}
              {row('Verified', verified, false)}
            </tbody>
          );
        })}
      </table>
    </section>
  );
}

function DetailRow({ label, values, differs }: { label: string; values: string[]; differs: boolean }) {
  return (
    <tr className={differs ? 'row--differs' : undefined}>
      <th scope="row" className="compare-table__detail">
        {label}
        {differs && <span className="differs-tag"> differs</span>}
      </th>
      {values.map((value, index) => (
        <td key={index}>{value}</td>
      ))}
    </tr>
  );
}
