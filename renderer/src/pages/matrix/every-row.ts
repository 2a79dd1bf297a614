import type { MatrixFilter } from '../../../../shared/capability-matrix';
import { api, earlyAnswer } from '../../api';
import { callQuery } from '../../calls/cache';

/** How long the matrix read by a navigation counts as current for the page that then mounts. */
const MATRIX_JUST_READ_MS = 5_000;

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

/**
 * Every row once; each filter change is then worked out on the page, so typing never waits on the
 * core. The first read takes the answer public/first-call.js started before the app loaded, if
 * any. Outside the page's chunk: the route starts this read while the page's code is loading.
 */
export const everyRowQuery = {
  ...callQuery('capabilityMatrix', EVERY_ROW),
  queryFn: () => earlyAnswer('capabilityMatrix', () => api.capabilityMatrix(EVERY_ROW)),
  // What the navigation read a moment ago is not read again when the page mounts; a write
  // elsewhere still refetches it at once (invalidation ignores this).
  staleTime: MATRIX_JUST_READ_MS,
};
