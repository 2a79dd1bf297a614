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
import type BetterSqlite3 from 'better-sqlite3';
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

const FACILITY_COLUMNS = ['ccn', 'name', 'facility_type', 'ownership', 'address', 'city', 'state', 'zip', 'county', 'phone', 'latitude', 'longitude', 'notes'] as const;

interface ImportStatements {
  insert: BetterSqlite3.Statement;
  update: BetterSqlite3.Statement;
  audit: BetterSqlite3.Statement;
}

/**
 * The import writes thousands of rows; prepared once per database and reused, one row per
 * step, is what SQLite does fastest (see npm run bench). SQLite-specific on purpose: this is
 * the one bulk path, and the rest of the core stays on the portable query builder.
 */
const statementsByDatabase = new WeakMap<BetterSqlite3.Database, ImportStatements>();

function importStatements(sqlite: BetterSqlite3.Database): ImportStatements {
  let statements = statementsByDatabase.get(sqlite);
  if (!statements) {
    statements = {
      insert: sqlite.prepare(
        `INSERT INTO facilities (${FACILITY_COLUMNS.join(', ')}, created_at, updated_at) VALUES (${FACILITY_COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
      ),
      update: sqlite.prepare(`UPDATE facilities SET ${FACILITY_COLUMNS.map((column) => `${column} = ?`).join(', ')}, updated_at = ? WHERE id = ?`),
      audit: sqlite.prepare(
        `INSERT INTO audit_events (occurred_at, actor_name, actor_role, entity_type, entity_id, action, before_json, after_json)
         VALUES (@occurred_at, @actor_name, @actor_role, @entity_type, @entity_id, @action, @before_json, @after_json)`,
      ),
    };
    statementsByDatabase.set(sqlite, statements);
  }
  return statements;
}

/** Writes a plan: every valid row and its audit event in one transaction. */
export async function executeFacilityImport(
  database: Pick<AppDatabase, 'db' | 'sqlite'>,
  actor: UserProfile,
  plan: ImportPlan,
  at: Date,
): Promise<ImportPlanSummary> {
  const stamp = at.toISOString();
  const { insert, update, audit } = importStatements(database.sqlite);
  const write = database.sqlite.transaction(() => {
    for (const { record } of plan.adds) {
      const columns = facilityColumns(record);
      const id = Number(insert.run(...FACILITY_COLUMNS.map((column) => columns[column]), stamp, stamp).lastInsertRowid);
      const after = toFacility({ id, ...columns, archived: 0, created_at: stamp, updated_at: stamp });
      audit.run(toAuditRow({ actor, entityType: 'facility', entityId: id, action: 'import', before: undefined, after, at }));
    }
    for (const { record, before } of plan.updates) {
      const columns = facilityColumns(record);
      update.run(...FACILITY_COLUMNS.map((column) => columns[column]), stamp, before.id);
      const after = toFacility({ id: before.id, ...columns, archived: before.archived ? 1 : 0, created_at: before.createdAt, updated_at: stamp });
      audit.run(toAuditRow({ actor, entityType: 'facility', entityId: before.id, action: 'import-update', before, after, at }));
    }
  });
  // Holding the query builder's one connection keeps any other call's transaction from
  // interleaving with this synchronous one.
  await database.db.connection().execute(async () => write());
  return plan.summary;
}
