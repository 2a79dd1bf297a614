import Papa from 'papaparse';
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
import type { RegistryDatabase } from './db/registry-database';
import type { DatabaseSchema } from './db/schema';
import { DomainError } from './errors';
import { facilityColumns, storedFacility, toFacility } from './facilities';

interface CsvRow {
  line: number;
  cells: string[];
}

interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
}

function unreadableCsv(reason: string): DomainError {
  return new DomainError('invalid_input', `The file could not be read as CSV: ${reason}`, [{ field: 'csv', message: reason }]);
}

/** Line breaks in text[from, to): the file is read with its line endings made "\n" first. */
function lineBreaksBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

const FIELD_SEPARATORS = [',', ';', '\t', '|'] as const;

/**
 * Commas unless the header row says otherwise: Excel writes semicolons where the decimal mark is a
 * comma, and tabs for "Text (tab delimited)". The separator used most outside quotes wins.
 */
function fieldSeparatorOf(headerLine: string): string {
  const counts = new Map<string, number>(FIELD_SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }
  let best: string = ',';
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/**
 * Rows with the line each starts on, blank lines skipped. Line endings become "\n" first: the
 * imported fields are single-line and trimmed, and a file stitched from CRLF and LF parts still
 * reads as one row per line.
 */
export function parseFacilityCsv(file: string): ParsedCsv {
  const text = (file.charCodeAt(0) === 0xfeff ? file.slice(1) : file).replace(/\r\n?/g, '\n');
  const records: CsvRow[] = [];
  let breaksBeforeCursor = 0;
  let cursor = 0;
  let quotingError: string | null = null;
  const headerLine = /^.*\S.*$/m.exec(text)?.[0] ?? '';
  Papa.parse<string[]>(text, {
    delimiter: fieldSeparatorOf(headerLine),
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const end = result.meta.cursor;
      breaksBeforeCursor += lineBreaksBetween(text, cursor, end);
      cursor = end;
      const cells = result.data;
      let breaksInside = 0;
      for (const cell of cells) if (cell.includes('\n')) breaksInside += lineBreaksBetween(cell, 0, cell.length);
      const lastLine = text.charCodeAt(end - 1) === 10 ? breaksBeforeCursor : breaksBeforeCursor + 1;
      const line = lastLine - breaksInside;
      if (result.errors.length > 0) {
        // An open quote runs on to the end of the file, so the row's own extent says little; the
        // parser knows where the quote is.
        const at = result.errors[0]!.index;
        const quoteLine = at === undefined ? line : lineBreaksBetween(text, 0, at) + 1;
        quotingError = `a quoted field on line ${quoteLine} is not closed properly. Check the quotes on that line (a quote inside a field is written twice: "").`;
        parser.abort();
        return;
      }
      records.push({ line, cells });
    },
  });
  if (quotingError) throw unreadableCsv(quotingError);
  const [header, ...rows] = records;
  if (!header) throw new DomainError('invalid_input', 'The file has no rows. Choose a CSV file with a header row and at least one facility.', [{ field: 'csv', message: 'The file has no rows.' }]);
  return { headers: header.cells.map((cell) => cell.trim()), rows };
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

  const mappedColumns = Object.entries(columnIndex) as [ImportField, number][];
  const candidates: { line: number; record: FacilityRecord; mapped: Partial<Record<ImportField, unknown>> }[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOfCcn = new Map<string, number>();
  for (const row of rows) {
    // Only mapped fields get a key, so an update keeps what the registry holds for the others.
    const mapped: Partial<Record<ImportField, unknown>> = {};
    for (const [field, index] of mappedColumns) mapped[field] = cellValue(field, row.cells[index] ?? '');
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
 * (only the text is kept; its placeholders take each row's values in the same column order, which
 * is the key order of facilityColumns and toAuditRow).
 */
function importStatements(db: Kysely<DatabaseSchema>, actor: UserProfile, at: Date) {
  const columns = facilityColumns(facilityRecordSchema.parse({ name: 'sample' }));
  const auditSample = toAuditRow({ actor, entityType: 'facility', entityId: 0, action: 'import', before: null, after: null, at });
  return {
    insert: db.insertInto('facilities').values({ ...columns, created_at: '', updated_at: '' }).returning('id').compile().sql,
    update: db.updateTable('facilities').set({ ...columns, updated_at: '' }).where('id', '=', 0).compile().sql,
    audit: db.insertInto('audit_events').values(auditSample).compile().sql,
  };
}

const columnValues = (facility: Facility) => Object.values(facilityColumns(facility));

/** Writes a plan: every valid row and its audit event in one transaction, statements prepared once. */
export async function executeFacilityImport(
  database: Pick<RegistryDatabase, 'db' | 'bulkWrite'>,
  actor: UserProfile,
  plan: ImportPlan,
  at: Date,
): Promise<ImportPlanSummary> {
  const stamp = at.toISOString();
  const sql = importStatements(database.db, actor, at);
  const audit = (entityId: number, action: string, before: Facility | undefined, after: Facility) =>
    Object.values(toAuditRow({ actor, entityType: 'facility', entityId, action, before, after, at }));
  await database.bulkWrite(async (run) => {
    for (const { record } of plan.adds) {
      const added = storedFacility(0, record, false, stamp, stamp);
      added.id = (await run(sql.insert, [...columnValues(added), stamp, stamp])).insertedId;
      await run(sql.audit, audit(added.id, 'import', undefined, added));
    }
    for (const { record, before } of plan.updates) {
      const after = storedFacility(before.id, record, before.archived, before.createdAt, stamp);
      await run(sql.update, [...columnValues(after), stamp, before.id]);
      await run(sql.audit, audit(before.id, 'import-update', before, after));
    }
  });
  return plan.summary;
}
