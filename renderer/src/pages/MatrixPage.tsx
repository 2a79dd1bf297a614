import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { filterAndSortMatrix, matrixCsv, unpackMatrix, type MatrixFilter, type MatrixSortColumn } from '../../../shared/capability-matrix';
import { formatCount } from '../../../shared/counts';
import { readState, useCall } from '../calls/cache';
import { Updating } from '../components/Updating';
import { downloadText } from '../download';
import { CAPABILITY_NAMES } from '../capability-names';
import { MatrixFilters } from './matrix/MatrixFilters';
import { everyRowQuery, EVERY_ROW } from './matrix/every-row';
import { MatrixGrid } from './matrix/MatrixGrid';

const NO_FACETS = { states: [], facilityTypes: [] };

export function MatrixPage() {
  const facets = useCall('facilityFacets', {}).data ?? NO_FACETS;
  const [filter, setFilter] = useState<MatrixFilter>(EVERY_ROW);
  // unpackMatrix is one stable function, so Query unpacks each answer once, not on every render.
  const matrix = useQuery({ ...everyRowQuery, select: unpackMatrix });
  const allRows = matrix.data ?? null;
  const { errorMessage: error, updating } = readState(matrix);

  const rows = useMemo(() => (allRows ? filterAndSortMatrix(allRows, filter) : null), [allRows, filter]);
  const sortBy = useCallback(
    (column: MatrixSortColumn) =>
      setFilter((current) => ({ ...current, sort: { column, direction: current.sort.column === column && current.sort.direction === 'asc' ? 'desc' : 'asc' } })),
    [],
  );

  function exportCsv() {
    if (rows) downloadText(`capability-matrix-${new Date().toISOString().slice(0, 10)}.csv`, matrixCsv(rows, CAPABILITY_NAMES));
  }

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

      <MatrixFilters filter={filter} facets={facets} onChange={setFilter} />

      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <Updating updating={updating} />
      <p className="matrix-count" role="status" aria-live="polite">
        {rows === null ? 'Loading…' : `${formatCount(rows.length)} facilit${rows.length === 1 ? 'y' : 'ies'} shown`}
      </p>
      <MatrixGrid rows={rows} sort={filter.sort} onSort={sortBy} />
      <p className="muted small">
        Arrow keys move between cells, Enter opens the facility. “Partner” means through a partner, “None” not available; “!”
        marks a verification older than the expiry period. “⚠ details against” marks a capability offered whose answer to a
        detail every patient needs counts against it (an ICU used mostly for cardiac care, say), “? details not sure” one
        answered “not sure”; hover over or move to the cell to read which details.
      </p>
    </div>
  );
}
