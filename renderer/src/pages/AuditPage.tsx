import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { auditActionLabel, auditChanges, auditEntityLabel, auditCsv, AUDIT_PAGE_MAX, type AuditEvent, type AuditQuery } from '../../../shared/audit-trail';
import { errorMessage } from '../api';
import { callQuery, useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { downloadText } from '../download';

const PAGE = 200;
const NO_FACETS = { actors: [], entityTypes: [], actions: [] };

const SHOWN_CHANGES = 6;

/** Pages an entity of the audit trail opens on, where it has one. */
const ENTITY_PAGES: Record<string, string> = {
  facility: '/facilities',
  assessment: '/assessments',
  case: '/cases',
  letter: '/letters',
};

function EntityCell({ event }: { event: AuditEvent }) {
  const page = ENTITY_PAGES[event.entityType];
  const label = auditEntityLabel(event.entityType);
  if (!page || !/^\d+$/.test(event.entityId)) return <>{label}</>;
  return <Link to={`${page}/${event.entityId}`}>{`${label} #${event.entityId}`}</Link>;
}

function prettyJson(json: string | null): string {
  if (json === null) return '—';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function ChangesCell({ event }: { event: AuditEvent }) {
  const changes = auditChanges(event);
  return (
    <>
      {changes.length === 0 ? (
        <span className="muted">No field changed</span>
      ) : (
        <ul className="audit-changes">
          {changes.slice(0, SHOWN_CHANGES).map((change) => (
            <li key={change.field}>
              <span className="audit-changes__field">{change.field}:</span>{' '}
              {change.before !== null && (
                <>
                  <del>{change.before}</del>
                  {' → '}
                </>
              )}
              {change.after === null ? <em className="muted">removed</em> : <ins>{change.after}</ins>}
            </li>
          ))}
          {changes.length > SHOWN_CHANGES && <li className="muted">and {changes.length - SHOWN_CHANGES} more in the full record</li>}
        </ul>
      )}
      <details className="audit-record">
        <summary>Full record</summary>
        <div className="audit-record__panes">
          <div>
            <h3>Before</h3>
            <pre>{prettyJson(event.before)}</pre>
          </div>
          <div>
            <h3>After</h3>
            <pre>{prettyJson(event.after)}</pre>
          </div>
        </div>
      </details>
    </>
  );
}

export function AuditPage() {
  const queryClient = useQueryClient();
  // Without facets the filters still work, offering "All" only.
  const facets = useCall('auditFacets', {}).data ?? NO_FACETS;
  // A link can open the trail on one entity: #/audit?entity=facility&id=12.
  const [searchParams] = useSearchParams();
  const [query, setQuery] = useState<AuditQuery>({
    actor: '',
    entityType: searchParams.get('entity') ?? '',
    entityId: searchParams.get('id') ?? '',
    action: '',
    from: null,
    to: null,
    limit: PAGE,
    offset: 0,
  });
  const events = useCall('listAuditEvents', query, { keepPrevious: true });
  const result = events.data;
  const [exportError, setExportError] = useState<string | null>(null);
  const error = events.errorMessage ?? exportError;

  const set = (patch: Partial<AuditQuery>) => setQuery({ ...query, ...patch, offset: 0 });

  async function exportCsv() {
    try {
      setExportError(null);
      const all = await queryClient.fetchQuery(callQuery('listAuditEvents', { ...query, limit: AUDIT_PAGE_MAX, offset: 0 }));
      downloadText(`audit-trail-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(all.events));
    } catch (failure) {
      setExportError(errorMessage(failure));
    }
  }

  const select = (id: string, label: string, value: string, options: string[], onChange: (value: string) => void, optionLabel: (option: string) => string = (option) => option) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="page--wide">
      <header className="page-header">
        <div>
          <h1>Audit trail</h1>
          <p className="muted">Every change, who made it and when, with the record before and after. Entries can never be edited or removed.</p>
        </div>
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={!result?.total}>
          Export to CSV
        </button>
      </header>
      <section className="card matrix-filters" aria-label="Filters">
        <div className="matrix-filters__row">
          {select('audit-actor', 'User', query.actor, facets.actors, (actor) => set({ actor }))}
          {select('audit-entity', 'Entity', query.entityType, facets.entityTypes, (entityType) => set({ entityType, entityId: entityType ? query.entityId : '' }), auditEntityLabel)}
          <div className="field">
            <label htmlFor="audit-entity-id">Entity number</label>
            <input
              id="audit-entity-id"
              inputMode="numeric"
              placeholder={query.entityType ? 'Any' : 'Choose an entity first'}
              disabled={!query.entityType}
              value={query.entityId}
              onChange={(event) => set({ entityId: event.target.value.trim().slice(0, 40) })}
            />
          </div>
          {select('audit-action', 'Action', query.action, facets.actions, (action) => set({ action }), auditActionLabel)}
          <div className="field">
            <label htmlFor="audit-from">From</label>
            <input id="audit-from" type="date" value={query.from ?? ''} onChange={(event) => set({ from: event.target.value || null })} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">To</label>
            <input id="audit-to" type="date" value={query.to ?? ''} onChange={(event) => set({ to: event.target.value || null })} />
          </div>
        </div>
      </section>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={events.updating} />
      <p className="matrix-count" role="status">
        {result ? `${result.total.toLocaleString()} event${result.total === 1 ? '' : 's'}` : 'Loading…'}
      </p>
      {result && result.events.length > 0 && (
        <section className="card card--flush">
          <table className="table audit-table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Entity</th>
                <th scope="col">Action</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{event.occurredAt.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {event.actorName}
                    <span className="muted small block">{event.actorRole}</span>
                    {event.actorEmail && (
                      <span className="muted small block" title={`Signed in at ${event.actorIssuer ?? ''} as ${event.actorSubject ?? ''}`}>
                        {event.actorEmail}
                      </span>
                    )}
                  </td>
                  <td className="nowrap">
                    <EntityCell event={event} />
                  </td>
                  <td>{auditActionLabel(event.action)}</td>
                  <td className="audit-change-cell">
                    <ChangesCell event={event} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" className="button button--small" disabled={query.offset === 0} onClick={() => setQuery({ ...query, offset: Math.max(0, query.offset - PAGE) })}>
              ← Newer
            </button>
            <span className="muted small">
              {query.offset + 1}–{Math.min(query.offset + PAGE, result.total)} of {result.total.toLocaleString()}
            </span>
            <button type="button" className="button button--small" disabled={query.offset + PAGE >= result.total} onClick={() => setQuery({ ...query, offset: query.offset + PAGE })}>
              Older →
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
