import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { facilityRecordSchema, type Facility, type FacilityRecord } from '../../shared/facility';
import {
  CMS_MAPPINGS,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
  type ImportFormat,
  type ImportPlanSummary,
  type RejectedRow,
} from '../../shared/facility-import';
import type { UserProfile } from '../../shared/profile';
import { toAuditRow } from './audit';
import type { AppDatabase } from './db/connection';
import type { DatabaseSchema } from './db/schema';
import { DomainError } from './errors';
import { facilityColumns, toFacility } from './facilities';

interface CsvRow {
  line: number;
  cells: string[];
}

interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
}

export function parseFacilityCsv(text: string): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new DomainError('invalid_input', `The file could not be read as CSV: ${(error as Error).message}. Check the quoting on that line.`, [
      { field: 'csv', message: (error as Error).message },
    ]);
  }
  const [header, ...body] = records;
  if (!header) throw new DomainError('invalid_input', 'The file has no rows. Choose a CSV file with a header row and at least one facility.', [{ field: 'csv', message: 'The file has no rows.' }]);
  return {
    headers: header.record.map((cell) => cell.trim()),
    rows: body.map(({ record, info }) => ({ line: info.lines, cells: record })),
  };
}

const GUESSES: Record<ImportField, string[]> = {
  name: ['name', 'facility name', 'hospital name', 'hospital', 'facility'],
  ccn: ['ccn', 'cms certification number', 'provider id', 'facility id', 'provider number'],
  address: ['address', 'street address', 'address 1', 'street'],
  city: ['city', 'city/town', 'town'],
  state: ['state', 'st'],
  zip: ['zip', 'zip code', 'zipcode', 'postal code'],
  county: ['county', 'county name', 'county/parish'],
  phone: ['phone', 'phone number', 'telephone', 'telephone number'],
  facilityType: ['type', 'facility type', 'hospital type'],
  ownership: ['ownership', 'hospital ownership'],
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lon', 'lng', 'long'],
};

export function detectFormat(headers: string[]): { format: ImportFormat; mapping: ColumnMapping } {
  const present = new Set(headers);
  for (const format of ['cms-newer', 'cms-older'] as const) {
    const mapping = CMS_MAPPINGS[format];
    if (present.has(mapping.ccn!) && present.has(mapping.name!)) {
      return { format, mapping: Object.fromEntries(IMPORT_FIELDS.map((field) => [field, mapping[field] && present.has(mapping[field]) ? mapping[field] : null])) };
    }
  }
  const byNormalized = new Map(headers.map((header) => [header.toLowerCase(), header]));
  const mapping = Object.fromEntries(
    IMPORT_FIELDS.map((field) => [field, GUESSES[field].map((guess) => byNormalized.get(guess)).find(Boolean) ?? null]),
  );
  return { format: 'custom', mapping };
}

interface PlannedAdd {
  line: number;
  record: FacilityRecord;
}

interface PlannedUpdate extends PlannedAdd {
  before: Facility;
}

export interface ImportPlan {
  summary: ImportPlanSummary;
  adds: PlannedAdd[];
  updates: PlannedUpdate[];
}

function recordOf(facility: Facility): Record<string, unknown> {
  const { id: _id, archived: _archived, createdAt: _created, updatedAt: _updated, ...record } = facility;
  return record;
}

function sameRecord(a: FacilityRecord, b: FacilityRecord): boolean {
  return IMPORT_FIELDS.every((field) => a[field] === b[field]);
}

function cellValue(field: ImportField, raw: string): string | number | null {
  const value = raw.trim();
  if (field !== 'latitude' && field !== 'longitude') return value;
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : Number.NaN;
}

/** Works out what an import would do, writing nothing. */
export async function planFacilityImport(
  db: Kysely<DatabaseSchema>,
  csv: string,
  requestedMapping: ColumnMapping | null,
): Promise<ImportPlan> {
  const { headers, rows } = parseFacilityCsv(csv);
  const detected = detectFormat(headers);
  const mapping: ColumnMapping = requestedMapping ?? detected.mapping;
  const missing = Object.entries(mapping).filter(([, header]) => header && !headers.includes(header));
  if (missing.length > 0) {
    throw new DomainError('invalid_input', `The file has no column named "${missing[0]![1]}". Choose another column for ${IMPORT_FIELD_LABELS[missing[0]![0] as ImportField]}.`, [
      { field: `mapping.${missing[0]![0]}`, message: 'That column is not in the file.' },
    ]);
  }
  if (!mapping.name) {
    throw new DomainError('invalid_input', 'Choose the column that holds the facility name.', [
      { field: 'mapping.name', message: 'Choose the column that holds the facility name.' },
    ]);
  }
  const columnIndex = Object.fromEntries(
    IMPORT_FIELDS.flatMap((field) => (mapping[field] ? [[field, headers.indexOf(mapping[field]!)]] : [])),
  ) as Partial<Record<ImportField, number>>;

  const candidates: { line: number; record: FacilityRecord; mapped: Partial<Record<ImportField, unknown>> }[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOfCcn = new Map<string, number>();
  for (const row of rows) {
    const mapped: Partial<Record<ImportField, unknown>> = {};
    for (const [field, index] of Object.entries(columnIndex) as [ImportField, number][]) {
      mapped[field] = cellValue(field, row.cells[index] ?? '');
    }
    if (Number.isNaN(mapped.latitude) || Number.isNaN(mapped.longitude)) {
      rejected.push({ line: row.line, reason: 'Latitude and longitude must be numbers, e.g. 33.5186 and -86.8104.' });
      continue;
    }
    const parsed = facilityRecordSchema.safeParse(mapped);
    if (!parsed.success) {
      rejected.push({ line: row.line, reason: [...new Set(parsed.error.issues.map((issue) => issue.message))].join(' ') });
      continue;
    }
    const { ccn } = parsed.data;
    if (ccn) {
      const first = firstLineOfCcn.get(ccn);
      if (first !== undefined) {
        rejected.push({ line: row.line, reason: `CCN ${ccn} appears again (first on line ${first}); only the first row is imported.` });
        continue;
      }
      firstLineOfCcn.set(ccn, row.line);
    }
    candidates.push({ line: row.line, record: parsed.data, mapped });
  }

  const existing = new Map<string, Facility>();
  const ccns = [...firstLineOfCcn.keys()];
  for (let start = 0; start < ccns.length; start += 500) {
    const found = await db.selectFrom('facilities').selectAll().where('ccn', 'in', ccns.slice(start, start + 500)).execute();
    for (const row of found) existing.set(row.ccn!, toFacility(row));
  }

  const adds: PlannedAdd[] = [];
  const updates: PlannedUpdate[] = [];
  let unchanged = 0;
  const sample: ImportPlanSummary['sample'] = [];
  for (const candidate of candidates) {
    const before = candidate.record.ccn ? existing.get(candidate.record.ccn) : undefined;
    let action: 'add' | 'update' | 'unchanged' = 'add';
    let record = candidate.record;
    if (before) {
      // Columns the file does not map keep what the registry already holds (notes included).
      const merged = facilityRecordSchema.parse({ ...recordOf(before), ...candidate.mapped });
      record = merged;
      action = sameRecord(merged, facilityRecordSchema.parse(recordOf(before))) ? 'unchanged' : 'update';
    }
    if (action === 'add') adds.push({ line: candidate.line, record });
    else if (action === 'update') updates.push({ line: candidate.line, record, before: before! });
    else unchanged += 1;
    if (sample.length < 8) {
      sample.push({ line: candidate.line, ccn: record.ccn, name: record.name, city: record.city, state: record.state, zip: record.zip, action });
    }
  }

  return {
    summary: {
      format: requestedMapping ? 'custom' : detected.format,
      headers,
      mapping,
      rows: rows.length,
      added: adds.length,
      updated: updates.length,
      unchanged,
      rejected,
      sample,
    },
    adds,
    updates,
  };
}

/**
 * The SQL for one facility row and one audit row, built by the query builder from sample values
 * (only the text is kept; its placeholders take each row's values in the same column order).
 */
function importStatements(db: Kysely<DatabaseSchema>, actor: UserProfile, at: Date) {
  const sample = { ...facilityColumns(facilityRecordSchema.parse({ name: 'sample' })), created_at: '', updated_at: '' };
  const columns = Object.keys(sample) as (keyof typeof sample)[];
  const auditSample = toAuditRow({ actor, entityType: 'facility', entityId: 0, action: 'import', before: null, after: null, at });
  const auditColumns = Object.keys(auditSample) as (keyof typeof auditSample)[];
  return {
    insert: db.insertInto('facilities').values(sample).compile().sql,
    update: db.updateTable('facilities').set(sample).where('id', '=', 0).compile().sql,
    audit: db.insertInto('audit_events').values(auditSample).compile().sql,
    facilityValues: (values: typeof sample) => columns.map((column) => values[column]),
    auditValues: (values: typeof auditSample) => auditColumns.map((column) => values[column]),
  };
}

/** Writes a plan: every valid row and its audit event in one transaction, statements prepared once. */
export async function executeFacilityImport(
  database: Pick<AppDatabase, 'db' | 'bulkWrite'>,
  actor: UserProfile,
  plan: ImportPlan,
  at: Date,
): Promise<ImportPlanSummary> {
  const stamp = at.toISOString();
  const sql = importStatements(database.db, actor, at);
  await database.bulkWrite((run) => {
    for (const { record } of plan.adds) {
      const columns = { ...facilityColumns(record), created_at: stamp, updated_at: stamp };
      const { insertedId: id } = run(sql.insert, sql.facilityValues(columns));
      const after = toFacility({ id, ...columns, archived: 0 });
      run(sql.audit, sql.auditValues(toAuditRow({ actor, entityType: 'facility', entityId: id, action: 'import', before: undefined, after, at })));
    }
    for (const { record, before } of plan.updates) {
      const columns = { ...facilityColumns(record), created_at: before.createdAt, updated_at: stamp };
      run(sql.update, [...sql.facilityValues(columns), before.id]);
      const after = toFacility({ id: before.id, ...columns, archived: before.archived ? 1 : 0 });
      run(sql.audit, sql.auditValues(toAuditRow({ actor, entityType: 'facility', entityId: before.id, action: 'import-update', before, after, at })));
    }
  });
  return plan.summary;
}
