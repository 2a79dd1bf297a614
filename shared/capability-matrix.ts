import type { MatrixFilter } from './matrix-filter';
import { describeDetailValue, type CapabilityProfile, type DetailValue } from './assessment';
import { ANY_PATIENT, judgeCapability } from './capability-judgement';
import { csvCell } from './csv';
import type { IsoDate } from './calendar';
import {
  CAPABILITY_IDS,
  CAPABILITY_STATUS_LABELS,
  CURRENT_QUESTIONNAIRE,
  QUESTIONNAIRES,
  type CapabilityId,
  type CapabilityStatus,
} from './questionnaire';

/**
 * A capability offered on site or through a partner whose own details speak against it for every
 * patient (the details the questionnaire requires `always`): `gap` when one was answered against
 * it, `uncertain` when one was answered "not sure". The workup and letters judge it the same way.
 */
export interface CellLimitation {
  provision: 'gap' | 'uncertain';
  /** The details that decided it, with the answers given. */
  details: { id: string; answer: DetailValue }[];
}

export interface MatrixCell {
  status: CapabilityStatus;
  verifiedOn: IsoDate | null;
  stale: boolean;
  /** Null when the details raise nothing against the capability, or it is not offered at all. */
  limitation: CellLimitation | null;
}

/**
 * Judges one cell's details with judgeCapability for any patient, so the matrix, the map and the
 * coverage summary agree with the workup. Nothing about the facility but the answer matters here;
 * the caller may remember results by the details' JSON.
 */
export function cellLimitation(
  capabilityId: CapabilityId,
  status: CapabilityStatus,
  details: Record<string, DetailValue>,
  questionnaireVersion: number,
): CellLimitation | null {
  if (status !== 'on_site' && status !== 'via_partner') return null;
  const profile: CapabilityProfile = {
    facilityId: 0,
    assessmentId: 0,
    revision: 0,
    finalizedAt: '',
    assessorName: '',
    questionnaireVersion,
    capabilities: [
      { capabilityId, status, verifiedOn: null, verifiedByName: '', verifiedByRole: '', verificationMethod: null, stale: false, details, partner: null },
    ],
  };
  const { provision, findings } = judgeCapability(capabilityId, profile, ANY_PATIENT, 'here');
  if (provision !== 'gap' && provision !== 'uncertain') return null;
  const deciding = provision === 'gap' ? findings.filter((finding) => finding.outcome === 'unfavourable') : findings;
  if (deciding.length === 0) return null;
  return { provision, details: deciding.map((finding) => ({ id: finding.detailId, answer: details[finding.detailId] ?? 'unknown' })) };
}

/** A detail's wording as the questionnaire asks it today, or as an older version asked it. */
function detailLabel(capabilityId: CapabilityId, detailId: string): string {
  for (const questionnaire of [CURRENT_QUESTIONNAIRE, ...Object.values(QUESTIONNAIRES)]) {
    const detail = questionnaire.capabilities.find((question) => question.id === capabilityId)?.details.find((entry) => entry.id === detailId);
    if (detail) return detail.label;
  }
  return detailId;
}

/** "“ICU mostly does cardiac, respiratory or end-of-life care” answered Yes", one per deciding detail. */
export function limitationDetails(capabilityId: CapabilityId, limitation: CellLimitation): string[] {
  return limitation.details.map((detail) => `“${detailLabel(capabilityId, detail.id)}” answered ${describeDetailValue(detail.answer)}`);
}

/** One sentence for a cell's tooltip and the CSV: which details count against the capability. */
export function describeLimitation(capabilityId: CapabilityId, limitation: CellLimitation): string {
  return `${limitation.provision === 'gap' ? 'Details against it' : 'Details not sure'}: ${limitationDetails(capabilityId, limitation).join('; ')}`;
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

// Type only: the schema stays out of the matrix page's code (see matrix-filter.ts).
export type { MatrixFilter } from './matrix-filter';

const STATUS_RANK: Record<CapabilityStatus, number> = { on_site: 0, via_partner: 1, unknown: 2, not_available: 3 };

/** Sorting a capability column orders cells by how surely they provide it: details not sure sit just after the clear ones, details against just before "none". */
function cellRank(cell: MatrixCell): number {
  if (!cell.limitation) return STATUS_RANK[cell.status];
  return cell.limitation.provision === 'gap' ? 2.5 : 1.5;
}

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
    if (!row.cells) return filter.includeUnassessed && required.length === 0 && filter.limitedAt.length === 0 && !filter.staleOnly && !filter.verifiedSince;
    for (const [capability, statuses] of required) {
      const cell = row.cells[capability];
      if (!statuses.includes(cell.status)) return false;
      if (filter.detailsMustPass && cell.limitation) return false;
    }
    for (const capability of filter.limitedAt) if (!row.cells[capability].limitation) return false;
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
    return row.cells ? cellRank(row.cells[column]) : 9;
  };
  // Keys worked out once per row, not once per comparison: this runs on every keystroke.
  const keyed = kept.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * sign || a.row.name.localeCompare(b.row.name) || a.row.facilityId - b.row.facilityId);
  return keyed.map(({ row }) => row);
}


/**
 * The matrix as it travels between core and page: one array per column instead of 6,000
 * objects, and each cell as a short code ("o2026-03-01!" = on site, verified 2026-03-01,
 * stale; "~g" or "~u" then `detail:answer` pairs = details against it or not sure). A third of
 * the size of plain JSON rows and far quicker to parse (npm run bench).
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

/**
 * The first rows of a matrix answer and how many rows it has in all: what the page draws first,
 * so its first screen waits for a few kilobytes, not for the whole registry (npm run bench -- start).
 */
export interface MatrixFirstRows {
  table: MatrixTable;
  total: number;
}

/** The first `count` rows of a packed matrix, in the same order. */
export function firstMatrixRows(table: MatrixTable, count: number): MatrixFirstRows {
  const first = <T>(column: T[]) => column.slice(0, count);
  return {
    table: {
      facilityId: first(table.facilityId),
      name: first(table.name),
      ccn: first(table.ccn),
      city: first(table.city),
      state: first(table.state),
      facilityType: first(table.facilityType),
      ownership: first(table.ownership),
      assessedAt: first(table.assessedAt),
      cells: Object.fromEntries(Object.entries(table.cells).map(([id, column]) => [id, first(column)])) as MatrixTable['cells'],
    },
    total: table.facilityId.length,
  };
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
          if (!cell) return null;
          const code = `${STATUS_CODES[cell.status]}${cell.verifiedOn ?? ''}${cell.stale ? '!' : ''}`;
          return cell.limitation ? `${code}~${cell.limitation.provision === 'gap' ? 'g' : 'u'}${cell.limitation.details.map((detail) => `${detail.id}:${detail.answer}`).join(',')}` : code;
        }),
      ]),
    ) as MatrixTable['cells'],
  };
}

function unpackLimitation(code: string): CellLimitation {
  return {
    provision: code[0] === 'g' ? 'gap' : 'uncertain',
    details: code
      .slice(1)
      .split(',')
      .map((pair) => {
        const [id, answer] = pair.split(':') as [string, string];
        return { id, answer: answer === 'yes' || answer === 'no' || answer === 'unknown' ? answer : Number(answer) };
      }),
  };
}

export function unpackMatrix(table: MatrixTable): MatrixRow[] {
  return table.facilityId.map((facilityId, index) => {
    let cells: Record<CapabilityId, MatrixCell> | null = null;
    if (table.cells[CAPABILITY_IDS[0]][index] !== null) {
      cells = {} as Record<CapabilityId, MatrixCell>;
      for (const id of CAPABILITY_IDS) {
        const full = table.cells[id][index]!;
        const split = full.indexOf('~');
        const code = split < 0 ? full : full.slice(0, split);
        const stale = code.endsWith('!');
        const verifiedOn = code.slice(1, stale ? -1 : undefined);
        cells[id] = { status: STATUS_BY_CODE[code[0]!]!, verifiedOn: verifiedOn === '' ? null : verifiedOn, stale, limitation: split < 0 ? null : unpackLimitation(full.slice(split + 1)) };
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

/**
 * The matrix as CSV: one row per facility shown; per capability its status, verification date,
 * staleness and any details that count against it for every patient.
 */
export function matrixCsv(rows: MatrixRow[], capabilityNames: Record<CapabilityId, string>): string {
  const header = [
    'CCN',
    'Facility',
    'City',
    'State',
    'Type',
    'Ownership',
    'Assessed',
    ...CAPABILITY_IDS.flatMap((id) => [capabilityNames[id], `${capabilityNames[id]} verified on`, `${capabilityNames[id]} stale`, `${capabilityNames[id]} details`]),
  ];
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
        if (!cell) return ['Not assessed', '', '', ''];
        return [CAPABILITY_STATUS_LABELS[cell.status], cell.verifiedOn ?? '', cell.stale ? 'yes' : 'no', cell.limitation ? describeLimitation(id, cell.limitation) : ''];
      }),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}
