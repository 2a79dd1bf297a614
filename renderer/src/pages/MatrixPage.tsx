import { useVirtualizer } from '@tanstack/react-virtual';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../../shared/calendar';
import {
  describeLimitation,
  filterAndSortMatrix,
  matrixCsv,
  unpackMatrix,
  type MatrixCell,
  type MatrixFilter,
  type MatrixSortColumn,
} from '../../../shared/capability-matrix';
import {
  CAPABILITY_IDS,
  CAPABILITY_STATUS_LABELS,
  CURRENT_QUESTIONNAIRE,
  type CapabilityId,
  type CapabilityStatus,
} from '../../../shared/questionnaire';
import { api, earlyAnswer } from '../api';
import { callQuery, readState, useCall } from '../calls/cache';
import { STATUS_ICONS } from '../components/StatusBadge';
import { Updating } from '../components/Updating';
import { downloadText } from '../download';

const NAMES = Object.fromEntries(CURRENT_QUESTIONNAIRE.capabilities.map((c) => [c.id, c.name])) as Record<CapabilityId, string>;
/** Short enough for a matrix column; the cell's accessible name and tooltip carry the full wording. */
const SHORT_LABELS: Record<CapabilityStatus, string> = { on_site: 'On site', via_partner: 'Partner', not_available: 'None', unknown: 'Unknown' };
const ROW_HEIGHT = 44;
const COLUMNS = 2 + CAPABILITY_IDS.length;

type StatusChoice = '' | 'on_site' | 'covered' | 'limited' | 'not_available' | 'unknown';
const CHOICE_STATUSES: Record<Exclude<StatusChoice, '' | 'limited'>, CapabilityStatus[]> = {
  on_site: ['on_site'],
  covered: ['on_site', 'via_partner'],
  not_available: ['not_available'],
  unknown: ['unknown'],
};
/** Visible under the status, so the cell reads "On site — details against" without hovering. */
const LIMIT_NOTES = { gap: 'details against', uncertain: 'details not sure' } as const;
const LIMIT_MARKS = { gap: '⚠', uncertain: '?' } as const;

function describeCell(id: CapabilityId, cell: MatrixCell | undefined): string {
  if (!cell) return `${NAMES[id]}: not assessed`;
  const status = `${NAMES[id]}: ${CAPABILITY_STATUS_LABELS[cell.status]}${cell.verifiedOn ? `, verified ${formatDate(cell.verifiedOn)}` : ''}${cell.stale && cell.status !== 'unknown' ? ', stale' : ''}`;
  return cell.limitation ? `${status}. ${describeLimitation(id, cell.limitation)}` : status;
}

const EVERY_ROW: MatrixFilter = {
  search: '',
  state: '',
  facilityType: '',
  ownership: '',
  statuses: {},
  verifiedSince: null,
  staleOnly: false,
  detailsMustPass: true,
  limitedAt: [],
  includeUnassessed: true,
  sort: { column: 'name', direction: 'asc' },
};

/**
 * Every row once; each filter change is then worked out here, so typing never waits on the core.
 * The first read takes the answer public/first-call.js started before the app loaded, if any.
 */
const everyRowQuery = {
  ...callQuery('capabilityMatrix', EVERY_ROW),
  queryFn: () => earlyAnswer('capabilityMatrix', () => api.capabilityMatrix(EVERY_ROW)),
};
const NO_FACETS = { states: [], facilityTypes: [] };

export function MatrixPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const facets = useCall('facilityFacets', {}).data ?? NO_FACETS;
  const [filter, setFilter] = useState<MatrixFilter>(EVERY_ROW);
  const [choices, setChoices] = useState<Partial<Record<CapabilityId, StatusChoice>>>({});
  // unpackMatrix is one stable function, so Query unpacks each answer once, not on every render.
  const matrix = useQuery({ ...everyRowQuery, select: unpackMatrix });
  const allRows = matrix.data ?? null;
  const { errorMessage: error, updating } = readState(matrix);
  const [focus, setFocus] = useState({ row: 0, column: 0 });
  const scroller = useRef<HTMLDivElement>(null);

  // A layout effect so the request leaves before the first paint of the empty page, not after it.
  useLayoutEffect(() => {
    // The query itself would start in a passive effect, after the paint; this one joins it.
    void queryClient.prefetchQuery(everyRowQuery);
  }, [queryClient]);

  const rows = useMemo(() => (allRows ? filterAndSortMatrix(allRows, filter) : null), [allRows, filter]);

  const virtualizer = useVirtualizer({
    count: rows?.length ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  function chooseStatus(capability: CapabilityId, choice: StatusChoice) {
    const nextChoices = { ...choices, [capability]: choice };
    setChoices(nextChoices);
    const statuses = Object.fromEntries(
      Object.entries(nextChoices).flatMap(([id, value]) => (value && value !== 'limited' ? [[id, CHOICE_STATUSES[value]]] : [])),
    );
    const limitedAt = CAPABILITY_IDS.filter((id) => nextChoices[id] === 'limited');
    setFilter({ ...filter, statuses, limitedAt });
  }

  function sortBy(column: MatrixSortColumn) {
    const direction = filter.sort.column === column && filter.sort.direction === 'asc' ? 'desc' : 'asc';
    setFilter({ ...filter, sort: { column, direction } });
  }

  function exportCsv() {
    if (rows) downloadText(`capability-matrix-${new Date().toISOString().slice(0, 10)}.csv`, matrixCsv(rows, NAMES));
  }

  function moveFocus(row: number, column: number) {
    if (!rows || rows.length === 0) return;
    const next = { row: Math.max(0, Math.min(rows.length - 1, row)), column: Math.max(0, Math.min(COLUMNS - 1, column)) };
    setFocus(next);
    virtualizer.scrollToIndex(next.row, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-cell="${next.row}-${next.column}"]`)?.focus());
  }

  function onGridKey(event: KeyboardEvent) {
    const page = Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT);
    const moves: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      ArrowRight: [0, 1],
      ArrowLeft: [0, -1],
      PageDown: [page, 0],
      PageUp: [-page, 0],
    };
    if (event.key in moves) {
      event.preventDefault();
      const [dr, dc] = moves[event.key]!;
      moveFocus(focus.row + dr, focus.column + dc);
    } else if (event.key === 'Home') {
      event.preventDefault();
      moveFocus(event.ctrlKey ? 0 : focus.row, 0);
    } else if (event.key === 'End') {
      event.preventDefault();
      moveFocus(event.ctrlKey ? (rows?.length ?? 1) - 1 : focus.row, COLUMNS - 1);
    } else if (event.key === 'Enter' && rows?.[focus.row]) {
      navigate(`/facilities/${rows[focus.row]!.facilityId}`);
    }
  }

  const sortLabel = (column: MatrixSortColumn) =>
    filter.sort.column === column ? (filter.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const header = useMemo(
    () => [
      { column: 'name' as const, label: 'Facility' },
      { column: 'assessedAt' as const, label: 'Assessed' },
      ...CAPABILITY_IDS.map((id) => ({ column: id, label: NAMES[id] })),
    ],
    [],
  );

  return (
    <div className="page--wide">
      <header className="page-header">
        <div>
          <h1>Capability matrix</h1>
          <p className="muted">Every active facility against the six SPS transfer capabilities, from its standing assessment.</p>
        </div>
        <button type="button" className="button" onClick={exportCsv} disabled={!rows || rows.length === 0}>
          Export these rows to CSV
        </button>
      </header>

      <section className="card matrix-filters" aria-label="Filters">
        <div className="matrix-filters__row">
          <div className="field">
            <label htmlFor="matrix-search">Search</label>
            <input id="matrix-search" type="search" value={filter.search} placeholder="Name, city or CCN" onChange={(event) => setFilter({ ...filter, search: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="matrix-state">State</label>
            <select id="matrix-state" value={filter.state} onChange={(event) => setFilter({ ...filter, state: event.target.value })}>
              <option value="">All states</option>
              {facets.states.map((state) => (
                <option key={state}>{state}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="matrix-type">Type</label>
            <select id="matrix-type" value={filter.facilityType} onChange={(event) => setFilter({ ...filter, facilityType: event.target.value })}>
              <option value="">All types</option>
              {facets.facilityTypes.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="matrix-since">Verified since</label>
            <input id="matrix-since" type="date" value={filter.verifiedSince ?? ''} onChange={(event) => setFilter({ ...filter, verifiedSince: event.target.value || null })} />
          </div>
          <label className="checkbox matrix-filters__check">
            <input type="checkbox" checked={filter.staleOnly} onChange={(event) => setFilter({ ...filter, staleOnly: event.target.checked })} />
            Stale only
          </label>
          <label className="checkbox matrix-filters__check">
            <input
              type="checkbox"
              checked={filter.detailsMustPass}
              aria-describedby="matrix-details-hint"
              onChange={(event) => setFilter({ ...filter, detailsMustPass: event.target.checked })}
            />
            Only where required details pass
          </label>
        </div>
        <div className="matrix-filters__row">
          {CAPABILITY_IDS.map((id) => (
            <div className="field" key={id}>
              <label htmlFor={`matrix-status-${id}`}>{NAMES[id]}</label>
              <select id={`matrix-status-${id}`} value={choices[id] ?? ''} onChange={(event) => chooseStatus(id, event.target.value as StatusChoice)}>
                <option value="">Any status</option>
                <option value="on_site">On site</option>
                <option value="covered">On site or partner</option>
                <option value="limited">Details against or not sure</option>
                <option value="not_available">Not available</option>
                <option value="unknown">Unknown</option>
              </select>
            </div>
          ))}
        </div>
        <p className="small muted" id="matrix-details-hint">
          {filter.detailsMustPass
            ? '“On site” and “On site or partner” leave out cells whose details every patient needs were answered against them or “not sure”, as transfer workups judge them. Untick to filter on the statuses as facilities attested them.'
            : '“On site” and “On site or partner” match the statuses as facilities attested them, whatever their details say.'}
        </p>
      </section>

      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />
      <p className="matrix-count" role="status" aria-live="polite">
        {rows === null ? 'Loading…' : `${rows.length.toLocaleString()} facilit${rows.length === 1 ? 'y' : 'ies'} shown`}
      </p>
      <div className="matrix" role="grid" aria-label="Capability matrix" aria-rowcount={(rows?.length ?? 0) + 1} aria-colcount={COLUMNS} onKeyDown={onGridKey}>
        <div className="matrix__header" role="row" aria-rowindex={1}>
          {header.map((column, index) => (
            <div key={column.column} role="columnheader" aria-colindex={index + 1} aria-sort={sortLabel(column.column)} className={`matrix__cell matrix__cell--${index === 0 ? 'name' : index === 1 ? 'date' : 'status'}`}>
              <button type="button" className="matrix__sort" onClick={() => sortBy(column.column)}>
                {column.label}
                <span aria-hidden="true">{filter.sort.column === column.column ? (filter.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
              </button>
            </div>
          ))}
        </div>
        <div className="matrix__body" ref={scroller}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {rows &&
              virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                const cellProps = (column: number) => ({
                  role: 'gridcell' as const,
                  'aria-colindex': column + 1,
                  'data-cell': `${item.index}-${column}`,
                  tabIndex: focus.row === item.index && focus.column === column ? 0 : -1,
                  onFocus: () => setFocus({ row: item.index, column }),
                });
                return (
                  <div
                    key={row.facilityId}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="matrix__row"
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  >
                    <div className="matrix__cell matrix__cell--name" {...cellProps(0)}>
                      <Link to={`/facilities/${row.facilityId}`} tabIndex={-1}>
                        {row.name}
                      </Link>
                      <span className="muted small"> {[row.city, row.state].filter(Boolean).join(', ')}</span>
                    </div>
                    <div className="matrix__cell matrix__cell--date" {...cellProps(1)}>
                      {row.assessedAt ? formatDate(row.assessedAt) : <span className="muted">Not assessed</span>}
                    </div>
                    {CAPABILITY_IDS.map((id, index) => {
                      const cell = row.cells?.[id];
                      const description = describeCell(id, cell);
                      return (
                        <div
                          key={id}
                          className={`matrix__cell matrix__cell--status${cell?.limitation ? ' matrix__cell--limited' : ''}`}
                          title={description}
                          aria-label={description}
                          {...cellProps(index + 2)}
                        >
                          {cell ? (
                            <span
                              className={`status status--${cell.status}${cell.stale && cell.status !== 'unknown' ? ' status--stale-cell' : ''}${cell.limitation ? ' status--limited' : ''}`}
                            >
                              <span aria-hidden="true" className="status__icon">
                                {STATUS_ICONS[cell.status]}
                              </span>
                              {SHORT_LABELS[cell.status]}
                              {cell.stale && cell.status !== 'unknown' && <span aria-hidden="true"> !</span>}
                            </span>
                          ) : (
                            <span className="muted">—</span>
                          )}
                          {cell?.limitation && (
                            <span aria-hidden="true" className={`matrix__limit matrix__limit--${cell.limitation.provision}`}>
                              {LIMIT_MARKS[cell.limitation.provision]} {LIMIT_NOTES[cell.limitation.provision]}
                            </span>
                          )}
                        </div>
                      );
                    })}
                  </div>
                );
              })}
          </div>
        </div>
      </div>
      <p className="muted small">
        Arrow keys move between cells, Enter opens the facility. “Partner” means through a partner, “None” not available; “!”
        marks a verification older than the expiry period. “⚠ details against” marks a capability offered whose answer to a
        detail every patient needs counts against it (an ICU used mostly for cardiac care, say), “? details not sure” one
        answered “not sure”; hover over or move to the cell to read which details.
      </p>
    </div>
  );
}
