import type { MatrixFilter } from '../../../../shared/capability-matrix';
import { api, earlyAnswer } from '../../api';
import { callQuery } from '../../calls/cache';

/** How long the matrix read by a navigation counts as current for the page that then mounts. */
const MATRIX_JUST_READ_MS = 5_000;

/**
 * How many rows the page draws before the whole matrix is in: more than a tall window shows with
 * the grid's overscan. public/first-call.js asks for the same number; change both together.
 */
export const FIRST_ROWS = 50;

/** The matrix's default filter: every row, by name. */
export const EVERY_ROW: MatrixFilter = {
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

/** Whether a filter is the default view the first rows were read for (sorting back to it or clearing the search returns to it). */
export function isEveryRow(filter: MatrixFilter): boolean {
  return JSON.stringify(filter) === JSON.stringify(EVERY_ROW);
}

/**
 * Every row once; each filter change is then worked out on the page, so typing never waits on the
 * core. Read once the first rows are drawn (MatrixPage): on a large registry it is a megabyte to
 * parse and unpack, which would otherwise stand between opening the page and its first screen.
 */
export const everyRowQuery = {
  ...callQuery('capabilityMatrix', EVERY_ROW),
  // What the navigation read a moment ago is not read again when the page mounts; a write
  // elsewhere still refetches it at once (invalidation ignores this).
  staleTime: MATRIX_JUST_READ_MS,
};

/**
 * The first screen's rows and the count of all of them: a few kilobytes whatever the registry's
 * size. The first read takes the answer public/first-call.js started before the app loaded, if
 * any. Outside the page's chunk: the route starts this read while the page's code is loading.
 */
export const firstRowsQuery = {
  ...callQuery('capabilityMatrixFirstRows', { ...EVERY_ROW, firstRows: FIRST_ROWS }),
  queryFn: () => earlyAnswer('capabilityMatrixFirstRows', () => api.capabilityMatrixFirstRows({ ...EVERY_ROW, firstRows: FIRST_ROWS })),
  staleTime: MATRIX_JUST_READ_MS,
};
