import { useEffect, useState } from 'react';
import { auditCsv, AUDIT_PAGE_MAX, type AuditEvent, type AuditFacets, type AuditQuery } from '../../../shared/audit-trail';
import { api, errorMessage } from '../api';
import { downloadText } from '../download';

const PAGE = 200;

function summarize(json: string | null): string {
  if (!json) return '—';
  return json.length > 160 ? `${json.slice(0, 160)}…` : json;
}

export function AuditPage() {
  const [facets, setFacets] = useState<AuditFacets>({ actors: [], entityTypes: [], actions: [] });
  const [query, setQuery] = useState<AuditQuery>({ actor: '', entityType: '', entityId: '', action: '', from: null, to: null, limit: PAGE, offset: 0 });
  const [result, setResult] = useState<{ events: AuditEvent[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.auditFacets({}).then(setFacets, () => undefined);
  }, []);
  useEffect(() => {
    api.listAuditEvents(query).then(setResult, (failure: unknown) => setError(errorMessage(failure)));
  }, [query]);

  const set = (patch: Partial<AuditQuery>) => setQuery({ ...query, ...patch, offset: 0 });

  async function exportCsv() {
    try {
      const all = await api.listAuditEvents({ ...query, limit: AUDIT_PAGE_MAX, offset: 0 });
      downloadText(`audit-trail-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(all.events));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const select = (id: string, label: string, value: string, options: string[], onChange: (value: string) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
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
          {select('audit-entity', 'Entity', query.entityType, facets.entityTypes, (entityType) => set({ entityType }))}
          {select('audit-action', 'Action', query.action, facets.actions, (action) => set({ action }))}
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
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{event.occurredAt.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {event.actorName}
                    <span className="muted small block">{event.actorRole}</span>
                  </td>
                  <td className="nowrap">
                    {event.entityType} #{event.entityId}
                  </td>
                  <td>{event.action}</td>
                  <td className="audit-json" title={event.before ?? undefined}>
                    {summarize(event.before)}
                  </td>
                  <td className="audit-json" title={event.after ?? undefined}>
                    {summarize(event.after)}
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
