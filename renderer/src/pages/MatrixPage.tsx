import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { filterAndSortMatrix, matrixCsv, unpackMatrix, type MatrixFilter, type MatrixFirstRows, type MatrixSortColumn } from '../../../shared/capability-matrix';
import { formatCount } from '../../../shared/counts';
import { readState, useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { downloadText } from '../download';
import { CAPABILITY_NAMES } from '../capability-names';
import { MatrixFilters } from './matrix/MatrixFilters';
import { everyRowQuery, EVERY_ROW, firstRowsQuery, isEveryRow, wholeMatrixCached } from './matrix/every-row';
import { MatrixGrid } from './matrix/MatrixGrid';

const NO_FACETS = { states: [], facilityTypes: [] };

function unpackFirstRows({ table, total }: MatrixFirstRows) {
  return { rows: unpackMatrix(table), total };
}

/** "6,000 facilities shown", or "First 50 of 6,000 facilities shown" when only the first rows could be read. */
function countText(inHand: number, total: number, cut: boolean): string {
  const shown = cut ? inHand : total;
  return `${cut ? `First ${formatCount(inHand)} of ${formatCount(total)}` : formatCount(total)} facilit${shown === 1 ? 'y' : 'ies'} shown`;
}

export function MatrixPage() {
  const facets = useCall('facilityFacets', {}).data ?? NO_FACETS;
  const [filter, setFilter] = useState<MatrixFilter>(EVERY_ROW);
  // Read before in this window: no need for the first rows.
  const wholeCached = wholeMatrixCached(useQueryClient());
  const first = useQuery({ ...firstRowsQuery, select: unpackFirstRows, enabled: !wholeCached });
  // The whole matrix is read once the first rows are drawn (or could not be read), so its parsing
  // and unpacking come after the first screen, not before it.
  // unpackMatrix is one stable function, so Query unpacks each answer once, not on every render.
  const matrix = useQuery({ ...everyRowQuery, select: unpackMatrix, enabled: wholeCached || first.status !== 'pending' });
  const allRows = matrix.data ?? null;
  // A failed first read is not shown: the whole read follows it, and says why if it fails too.
  const { errorMessage: error, updating } = readState(matrix);

  const filtered = useMemo(() => (allRows ? filterAndSortMatrix(allRows, filter) : null), [allRows, filter]);
  // Until the whole matrix is in, the first rows stand for the default view; any other filter
  // waits for it ("Loading…"), keeping what was typed or chosen. If the whole read failed, the
  // grid ends with the first rows instead of promising more.
  const firstOnly = !filtered && isEveryRow(filter) ? (first.data ?? null) : null;
  const rows = filtered ?? firstOnly?.rows ?? null;
  const total = filtered?.length ?? firstOnly?.total ?? 0;
  const cut = firstOnly !== null && matrix.isError;
  const sortBy = useCallback(
    (column: MatrixSortColumn) =>
      setFilter((current) => ({ ...current, sort: { column, direction: current.sort.column === column && current.sort.direction === 'asc' ? 'desc' : 'asc' } })),
    [],
  );

  function exportCsv() {
    if (filtered) downloadText(`capability-matrix-${new Date().toISOString().slice(0, 10)}.csv`, matrixCsv(filtered, CAPABILITY_NAMES));
  }

  return (
    <div className="page--wide">
      <header className="page-header">
        <div>
          <h1>Capability matrix</h1>
          <p className="muted">Every active facility against the six SPS transfer capabilities, from its standing assessment.</p>
        </div>
        <button type="button" className="button" onClick={exportCsv} disabled={!filtered || filtered.length === 0}>
          Export these rows to CSV
        </button>
      </header>

      <MatrixFilters filter={filter} facets={facets} onChange={setFilter} />

      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />
      <p className="matrix-count" role="status" aria-live="polite">
        {rows === null ? 'Loading…' : countText(rows.length, total, cut)}
      </p>
      <MatrixGrid rows={rows} rowCount={cut ? rows!.length : total} sort={filter.sort} onSort={sortBy} />
      <p className="muted small">
        Arrow keys move between cells, Enter opens the facility. “Partner” means through a partner, “None” not available; “!”
        marks a verification older than the expiry period. “⚠ details against” marks a capability offered whose answer to a
        detail every patient needs counts against it (an ICU used mostly for cardiac care, say), “? details not sure” one
        answered “not sure”; hover over or move to the cell to read which details.
      </p>
    </div>
  );
}
