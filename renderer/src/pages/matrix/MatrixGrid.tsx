import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../../../shared/calendar';
import { describeLimitation, type MatrixCell, type MatrixFilter, type MatrixRow, type MatrixSortColumn } from '../../../../shared/capability-matrix';
import { CAPABILITY_IDS, CAPABILITY_STATUS_LABELS, type CapabilityId, type CapabilityStatus } from '../../../../shared/questionnaire';
import { STATUS_ICONS } from '../../components/StatusBadge';
import { CAPABILITY_NAMES } from '../../capability-names';

/** Short enough for a matrix column; the cell's accessible name and tooltip carry the full wording. */
const SHORT_LABELS: Record<CapabilityStatus, string> = { on_site: 'On site', via_partner: 'Partner', not_available: 'None', unknown: 'Unknown' };
const ROW_HEIGHT = 44;
const COLUMNS = 2 + CAPABILITY_IDS.length;
/** Visible under the status, so the cell reads "On site — details against" without hovering. */
const LIMIT_NOTES = { gap: 'details against', uncertain: 'details not sure' } as const;
const LIMIT_MARKS = { gap: '⚠', uncertain: '?' } as const;
const HEADER: { column: MatrixSortColumn; label: string }[] = [
  { column: 'name', label: 'Facility' },
  { column: 'assessedAt', label: 'Assessed' },
  ...CAPABILITY_IDS.map((id) => ({ column: id, label: CAPABILITY_NAMES[id] })),
];

function describeCell(id: CapabilityId, cell: MatrixCell | undefined): string {
  if (!cell) return `${CAPABILITY_NAMES[id]}: not assessed`;
  const status = `${CAPABILITY_NAMES[id]}: ${CAPABILITY_STATUS_LABELS[cell.status]}${cell.verifiedOn ? `, verified ${formatDate(cell.verifiedOn)}` : ''}${cell.stale && cell.status !== 'unknown' ? ', stale' : ''}`;
  return cell.limitation ? `${status}. ${describeLimitation(id, cell.limitation)}` : status;
}

/**
 * Thousands of facilities as a grid read with the keyboard (arrows, Page Up/Down, Home/End, Enter
 * opens the facility); only the rows in view are in the page.
 */
export function MatrixGrid({
  rows,
  rowCount,
  sort,
  onSort,
}: {
  /** The rows in hand, in order: all of them, or the first rows while the rest are read. */
  rows: MatrixRow[] | null;
  /** How many rows the grid has in all, so its height and scroll bar do not jump when the rest come in. */
  rowCount: number;
  sort: MatrixFilter['sort'];
  onSort(column: MatrixSortColumn): void;
}) {
  const navigate = useNavigate();
  const [focus, setFocus] = useState({ row: 0, column: 0 });
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The list's height as styles.css sets it (.matrix__body; change both together), so the first render already holds
    // the rows in view: measured only after it, the grid was drawn with none in view, measured,
    // then drawn again, twice the work before the first row could be painted.
    initialRect: { width: 0, height: Math.min(window.innerHeight * 0.62, 640) },
  });
  const focusCell = useCallback((row: number, column: number) => setFocus({ row, column }), []);

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

  const sortLabel = (column: MatrixSortColumn) => (sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');

  return (
    <div className="matrix" role="grid" aria-label="Capability matrix" aria-rowcount={rowCount + 1} aria-colcount={COLUMNS} onKeyDown={onGridKey}>
      <div className="matrix__header" role="row" aria-rowindex={1}>
        {HEADER.map((column, index) => (
          <div
            key={column.column}
            role="columnheader"
            aria-colindex={index + 1}
            aria-sort={sortLabel(column.column)}
            className={`matrix__cell matrix__cell--${index === 0 ? 'name' : index === 1 ? 'date' : 'status'}`}
          >
            <button type="button" className="matrix__sort" onClick={() => onSort(column.column)}>
              {column.label}
              <span aria-hidden="true">{sort.column === column.column ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          </div>
        ))}
      </div>
      <div className="matrix__body" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows &&
            virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return row ? (
                <MatrixGridRow
                  key={row.facilityId}
                  row={row}
                  index={item.index}
                  start={item.start}
                  focusedColumn={focus.row === item.index ? focus.column : null}
                  onFocusCell={focusCell}
                />
              ) : (
                <MatrixLoadingRow key={`loading-${item.index}`} index={item.index} start={item.start} />
              );
            })}
        </div>
      </div>
    </div>
  );
}

/** A row past the first rows, scrolled to before the rest of the matrix is in. */
function MatrixLoadingRow({ index, start }: { index: number; start: number }) {
  return (
    <div role="row" aria-rowindex={index + 2} className="matrix__row" style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}>
      <div role="gridcell" aria-colindex={1} className="matrix__cell matrix__cell--name muted">
        Loading…
      </div>
    </div>
  );
}

/**
 * One facility's row. Memoized: a refetch, the facets arriving or the focus moving elsewhere leave
 * the rows in view as they are instead of rendering every cell again.
 */
const MatrixGridRow = memo(function MatrixGridRow({
  row,
  index,
  start,
  focusedColumn,
  onFocusCell,
}: {
  row: MatrixRow;
  index: number;
  start: number;
  /** The column holding the grid's one tab stop, when it is in this row. */
  focusedColumn: number | null;
  onFocusCell(row: number, column: number): void;
}) {
  const cellProps = (column: number) => ({
    role: 'gridcell' as const,
    'aria-colindex': column + 1,
    'data-cell': `${index}-${column}`,
    tabIndex: focusedColumn === column ? 0 : -1,
    onFocus: () => onFocusCell(index, column),
  });
  return (
    <div role="row" aria-rowindex={index + 2} className="matrix__row" style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}>
      <div className="matrix__cell matrix__cell--name" {...cellProps(0)}>
        <Link to={`/facilities/${row.facilityId}`} tabIndex={-1}>
          {row.name}
        </Link>
        <span className="muted small"> {[row.city, row.state].filter(Boolean).join(', ')}</span>
      </div>
      <div className="matrix__cell matrix__cell--date" {...cellProps(1)}>
        {row.assessedAt ? formatDate(row.assessedAt) : <span className="muted">Not assessed</span>}
      </div>
      {CAPABILITY_IDS.map((id, column) => {
        const cell = row.cells?.[id];
        const description = describeCell(id, cell);
        const stale = cell?.stale && cell.status !== 'unknown';
        return (
          <div key={id} className={`matrix__cell matrix__cell--status${cell?.limitation ? ' matrix__cell--limited' : ''}`} title={description} aria-label={description} {...cellProps(column + 2)}>
            {cell ? (
              <span className={`status status--${cell.status}${stale ? ' status--stale-cell' : ''}${cell.limitation ? ' status--limited' : ''}`}>
                <span aria-hidden="true" className="status__icon">
                  {STATUS_ICONS[cell.status]}
                </span>
                {SHORT_LABELS[cell.status]}
                {stale && <span aria-hidden="true"> !</span>}
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
});
