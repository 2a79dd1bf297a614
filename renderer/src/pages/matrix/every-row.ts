import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { MatrixFilter } from '../../../../shared/capability-matrix';
import { api, earlyAnswer } from '../../api';
import { callQuery } from '../../calls/cache';

/** How long a matrix read counts as current for a page mounted again soon after. */
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

const EVERY_ROW_KEY = hashKey([EVERY_ROW]);

/** Whether a filter is the default view the first rows were read for (sorting back to it or clearing the search returns to it). */
export function isEveryRow(filter: MatrixFilter): boolean {
  return hashKey([filter]) === EVERY_ROW_KEY;
}

/**
 * Every row once; each filter change is then worked out on the page, so typing never waits on the
 * core. Read once the first rows are drawn (MatrixPage): on a large registry it is a megabyte to
 * parse and unpack, which would otherwise stand between opening the page and its first screen.
 */
export const everyRowQuery = {
  ...callQuery('capabilityMatrix', EVERY_ROW),
  // Not read again when the page is opened again a moment later; a write elsewhere still
  // refetches it at once (invalidation ignores this).
  staleTime: MATRIX_JUST_READ_MS,
};

/** Whether the whole matrix is cached in this window: then neither the route nor the page needs the first rows. */
export function wholeMatrixCached(client: QueryClient): boolean {
  return client.getQueryData(everyRowQuery.queryKey) !== undefined;
}

const FIRST_ROWS_INPUT = { ...EVERY_ROW, firstRows: FIRST_ROWS };

/**
 * The first screen's rows and the count of all of them: a few kilobytes whatever the registry's
 * size. The first read takes the answer public/first-call.js started before the app loaded, if
 * any. Outside the page's chunk: the route starts this read while the page's code is loading.
 */
export const firstRowsQuery = {
  ...callQuery('capabilityMatrixFirstRows', FIRST_ROWS_INPUT),
  queryFn: () => earlyAnswer('capabilityMatrixFirstRows', () => api.capabilityMatrixFirstRows(FIRST_ROWS_INPUT)),
  staleTime: MATRIX_JUST_READ_MS,
};
