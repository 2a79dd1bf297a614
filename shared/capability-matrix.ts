import { z } from 'zod';
import { csvCell } from './csv';
import { isIsoDate, type IsoDate } from './calendar';
import { CAPABILITY_IDS, CAPABILITY_STATUS_LABELS, CAPABILITY_STATUSES, type CapabilityId, type CapabilityStatus } from './questionnaire';

export interface MatrixCell {
  status: CapabilityStatus;
  verifiedOn: IsoDate | null;
  stale: boolean;
}

export interface MatrixRow {
  facilityId: number;
  name: string;
  ccn: string | null;
  city: string;
  state: string;
  facilityType: string;
  ownership: string;
  /** When the standing assessment was finalized; null for a facility never assessed. */
  assessedAt: string | null;
  cells: Record<CapabilityId, MatrixCell> | null;
}

export const MATRIX_SORT_COLUMNS = ['name', 'state', 'facilityType', 'assessedAt', ...CAPABILITY_IDS] as const;
export type MatrixSortColumn = (typeof MATRIX_SORT_COLUMNS)[number];

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
  includeUnassessed: z.boolean().default(true),
  sort: z
    .object({ column: z.enum(MATRIX_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
    .default({ column: 'name', direction: 'asc' }),
});
export type MatrixFilter = z.output<typeof matrixFilterSchema>;

const STATUS_RANK: Record<CapabilityStatus, number> = { on_site: 0, via_partner: 1, unknown: 2, not_available: 3 };

/** The rows a quality analyst asked for, in the order asked; pure so the core, the CLI and the page (filtering as you type) share it. */
export function filterAndSortMatrix(rows: MatrixRow[], filter: MatrixFilter): MatrixRow[] {
  const required = Object.entries(filter.statuses).filter(([, statuses]) => statuses && statuses.length > 0) as [CapabilityId, CapabilityStatus[]][];
  const needle = filter.search.toLowerCase();
  const state = filter.state.toUpperCase();
  const kept = rows.filter((row) => {
    if (state && row.state !== state) return false;
    if (filter.facilityType && row.facilityType !== filter.facilityType) return false;
    if (filter.ownership && row.ownership !== filter.ownership) return false;
    if (needle && !row.name.toLowerCase().includes(needle) && !row.city.toLowerCase().includes(needle) && row.ccn !== filter.search.toUpperCase()) return false;
    if (!row.cells) return filter.includeUnassessed && required.length === 0 && !filter.staleOnly && !filter.verifiedSince;
    for (const [capability, statuses] of required) if (!statuses.includes(row.cells[capability].status)) return false;
    if (filter.verifiedSince) {
      const checked = required.length > 0 ? required.map(([capability]) => capability) : CAPABILITY_IDS.filter((id) => row.cells![id].status !== 'unknown');
      if (checked.some((capability) => (row.cells![capability].verifiedOn ?? '') < filter.verifiedSince!)) return false;
    }
    if (filter.staleOnly && !CAPABILITY_IDS.some((id) => row.cells![id].stale && row.cells![id].status !== 'unknown')) return false;
    return true;
  });
  const { column, direction } = filter.sort;
  const sign = direction === 'asc' ? 1 : -1;
  const key = (row: MatrixRow): string | number => {
    if (column === 'name' || column === 'state' || column === 'facilityType') return row[column].toLowerCase();
    if (column === 'assessedAt') return row.assessedAt ?? '';
    return row.cells ? STATUS_RANK[row.cells[column].status] : 9;
  };
  // Keys worked out once per row, not once per comparison: this runs on every keystroke.
  const keyed = kept.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * sign || a.row.name.localeCompare(b.row.name) || a.row.facilityId - b.row.facilityId);
  return keyed.map(({ row }) => row);
}


/**
 * The matrix as it travels between core and page: one array per column instead of 6,000
 * objects, and each cell as a short code ("o2026-03-01!" = on site, verified 2026-03-01,
 * stale). A third of the size of plain JSON rows and far quicker to parse (npm run bench).
 */
export interface MatrixTable {
  facilityId: number[];
  name: string[];
  ccn: (string | null)[];
  city: string[];
  state: string[];
  facilityType: string[];
  ownership: string[];
  assessedAt: (string | null)[];
  /** Per capability, per row: the cell's code, or null for a facility never assessed. */
  cells: Record<CapabilityId, (string | null)[]>;
}

const STATUS_CODES: Record<CapabilityStatus, string> = { on_site: 'o', via_partner: 'p', not_available: 'n', unknown: 'u' };
const STATUS_BY_CODE = Object.fromEntries(Object.entries(STATUS_CODES).map(([status, code]) => [code, status])) as Record<string, CapabilityStatus>;

export function packMatrix(rows: readonly MatrixRow[]): MatrixTable {
  const column = <T>(pick: (row: MatrixRow) => T) => rows.map(pick);
  return {
    facilityId: column((row) => row.facilityId),
    name: column((row) => row.name),
    ccn: column((row) => row.ccn),
    city: column((row) => row.city),
    state: column((row) => row.state),
    facilityType: column((row) => row.facilityType),
    ownership: column((row) => row.ownership),
    assessedAt: column((row) => row.assessedAt),
    cells: Object.fromEntries(
      CAPABILITY_IDS.map((id) => [
        id,
        column((row) => {
          const cell = row.cells?.[id];
          return cell ? `${STATUS_CODES[cell.status]}${cell.verifiedOn ?? ''}${cell.stale ? '!' : ''}` : null;
        }),
      ]),
    ) as MatrixTable['cells'],
  };
}

export function unpackMatrix(table: MatrixTable): MatrixRow[] {
  return table.facilityId.map((facilityId, index) => {
    let cells: Record<CapabilityId, MatrixCell> | null = null;
    if (table.cells[CAPABILITY_IDS[0]][index] !== null) {
      cells = {} as Record<CapabilityId, MatrixCell>;
      for (const id of CAPABILITY_IDS) {
        const code = table.cells[id][index]!;
        const stale = code.endsWith('!');
        const verifiedOn = code.slice(1, stale ? -1 : undefined);
        cells[id] = { status: STATUS_BY_CODE[code[0]!]!, verifiedOn: verifiedOn === '' ? null : verifiedOn, stale };
      }
    }
    return {
      facilityId,
      name: table.name[index]!,
      ccn: table.ccn[index]!,
      city: table.city[index]!,
      state: table.state[index]!,
      facilityType: table.facilityType[index]!,
      ownership: table.ownership[index]!,
      assessedAt: table.assessedAt[index]!,
      cells,
    };
  });
}

/** The matrix as CSV: one row per facility shown, status and verification date per capability. */
export function matrixCsv(rows: MatrixRow[], capabilityNames: Record<CapabilityId, string>): string {
  const header = ['CCN', 'Facility', 'City', 'State', 'Type', 'Ownership', 'Assessed', ...CAPABILITY_IDS.flatMap((id) => [capabilityNames[id], `${capabilityNames[id]} verified on`, `${capabilityNames[id]} stale`])];
  const lines = rows.map((row) =>
    [
      row.ccn ?? '',
      row.name,
      row.city,
      row.state,
      row.facilityType,
      row.ownership,
      row.assessedAt?.slice(0, 10) ?? '',
      ...CAPABILITY_IDS.flatMap((id) => {
        const cell = row.cells?.[id];
        return cell ? [CAPABILITY_STATUS_LABELS[cell.status], cell.verifiedOn ?? '', cell.stale ? 'yes' : 'no'] : ['Not assessed', '', ''];
      }),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}
