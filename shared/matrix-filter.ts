import { z } from 'zod';
import { isIsoDate } from './calendar';
import { MATRIX_SORT_COLUMNS } from './capability-matrix';
import { CAPABILITY_IDS, CAPABILITY_STATUSES } from './questionnaire';

/**
 * The matrix's filter as the core checks it. Apart from shared/capability-matrix.ts, which the
 * matrix page runs, so that page does not load zod: it builds its filters itself, already valid.
 */
export const matrixFilterSchema = z.object({
  search: z.string().trim().max(200).default(''),
  state: z.string().trim().max(2).default(''),
  facilityType: z.string().trim().max(120).default(''),
  ownership: z.string().trim().max(120).default(''),
  /** Capability → statuses a row must have there (any of them). */
  statuses: z.partialRecord(z.enum(CAPABILITY_IDS), z.array(z.enum(CAPABILITY_STATUSES)).max(4)).default({}),
  /** Those capabilities must also have been verified on or after this date. */
  verifiedSince: z
    .string()
    .refine(isIsoDate, 'Enter the date as YYYY-MM-DD.')
    .nullable()
    .default(null),
  staleOnly: z.boolean().default(false),
  /**
   * "On site" and "on site or partner" leave out cells whose required details are answered against
   * them or "not sure" (see CellLimitation): the rest of the app calls those cells a gap or
   * unknown, and an analyst filtering for on-site care is looking for facilities that provide it.
   * False shows the statuses as attested, for auditing what facilities claimed.
   */
  detailsMustPass: z.boolean().default(true),
  /** Capabilities whose cells must have details against them or "not sure", to follow them up. */
  limitedAt: z.array(z.enum(CAPABILITY_IDS)).max(CAPABILITY_IDS.length).default([]),
  includeUnassessed: z.boolean().default(true),
  sort: z
    .object({ column: z.enum(MATRIX_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
    .default({ column: 'name', direction: 'asc' }),
});
export type MatrixFilter = z.output<typeof matrixFilterSchema>;

/** The first rows of the matrix under a filter: the page's first screen (MatrixFirstRows). */
export const matrixFirstRowsSchema = matrixFilterSchema.extend({
  firstRows: z.number().int().min(1, 'Ask for at least one row.').max(200, 'Ask for at most 200 rows; read the whole matrix for more.'),
});
