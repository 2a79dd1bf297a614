/** What a JSON backup is and how it is laid out, shared by both engines' writers and restores. */

/** Every table of record, parents before children, so a restore can insert in this order; derived tables are rebuilt. */
export const TABLES = ['settings', 'facilities', 'assessments', 'assessment_answers', 'transfer_cases', 'letters', 'audit_events', 'users', 'role_grants'] as const;
export type BackupTable = (typeof TABLES)[number];
/** Each table's key, by which its rows are read a page at a time. */
export const TABLE_KEYS: Record<BackupTable, readonly string[]> = {
  settings: ['key'],
  facilities: ['id'],
  assessments: ['id'],
  assessment_answers: ['assessment_id', 'capability_id'],
  transfer_cases: ['id'],
  letters: ['id'],
  audit_events: ['id'],
  users: ['id'],
  role_grants: ['id'],
};

/** Where patient data lives; a backup made for someone who does not treat the patient leaves these empty. */
const PATIENT_TABLES: ReadonlySet<BackupTable> = new Set(['transfer_cases', 'letters']);

export const BACKUP_FORMAT = 'transferready-backup';

/*
 * The file layout, still one JSON document, puts every row on a line of its own so that a
 * registry of millions of rows is written and read a line at a time, never as one string:
 *   {"format":"transferready-backup",…,"exportedAt":"…","tables":{
 *   "facilities":[
 *   {…row…},
 *   {…row…}
 *   ],
 *   …
 *   ]}}
 */
export const TABLES_OPENING = ',"tables":{';

/**
 * Writes the pieces of that layout in order: the header, then each table's rows. A backup
 * without patient data says so in its header and leaves the cases and letters empty.
 */
export function backupLayout(write: (text: string) => void, schemaVersion: number, now: Date, patientData: boolean, registryId: string | null) {
  let rows = 0;
  let tableIndex = -1;
  let first = true;
  const closeTable = () => write(`${first ? '' : '\n'}]${tableIndex < TABLES.length - 1 ? ',' : '}}'}\n`);
  const header = { format: BACKUP_FORMAT, formatVersion: 1, schemaVersion, exportedAt: now.toISOString(), patientData, ...(registryId ? { registryId } : {}) };
  write(`${JSON.stringify(header).slice(0, -1)}${TABLES_OPENING}\n`);
  return {
    /** Whether the rows of `table` go in this backup. */
    holds: (table: BackupTable) => patientData || !PATIENT_TABLES.has(table),
    /** Opens the next table of TABLES; every table is opened, in that order. */
    table(table: BackupTable) {
      if (tableIndex >= 0) closeTable();
      tableIndex = TABLES.indexOf(table);
      first = true;
      write(`${JSON.stringify(table)}:[\n`);
    },
    row(row: Record<string, unknown>) {
      write(`${first ? '' : ',\n'}${JSON.stringify(row)}`);
      first = false;
      rows += 1;
    },
    /** Closes the last table and the document; returns the rows written. */
    end(): number {
      closeTable();
      return rows;
    },
  };
}


/** What a restore reads: the schema version, then every row, table by table, parents first. */
export interface BackupSource {
  schemaVersion: number;
  /**
   * Which registry the rows came from (schema 9 and later). A restore keeps it, so desktops that
   * follow the registry see the same registry gone back in time and rebuild their copies.
   */
  registryId?: string | undefined;
  rows(): Iterable<[table: string, row: Record<string, unknown>]>;
}

/** A backup the restore will not put back; the message says why, and that nothing was changed. */
export class RestoreRefused extends Error {}
