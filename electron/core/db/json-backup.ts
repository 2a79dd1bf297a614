import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { replaceDatabaseFile } from './backups';
import { BACKUP_FORMAT, backupLayout, RestoreRefused, TABLES, TABLES_OPENING, type BackupSource } from './backup-format';
import { databaseFile, type AppDatabase } from './connection';
import type { RegistryDatabase } from './registry-database';
import { writeSharedRegistryBackup } from './shared-registry-backup';
import type { SharedRegistry } from './postgresql-registry';
import { FEED_TRIGGERS, FROZEN_ANSWER_TRIGGERS, withTriggersLifted } from './lifted-triggers';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, REBUILD_REGISTRY_CHANGES_SQLITE, REBUILD_STANDING_PROFILES_SQL } from './migrations';

export { RestoreRefused, type BackupSource };

export interface JsonBackup {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  schemaVersion: number;
  exportedAt: string;
  /** False when made on a shared host for someone who may not see patients: cases and letters are empty. */
  patientData?: boolean;
  registryId?: string;
  tables: Record<string, Record<string, unknown>[]>;
}

const headerFields = {
  format: z.literal(BACKUP_FORMAT, { error: 'This file is not a TransferReady backup.' }),
  formatVersion: z.literal(1, { error: 'This backup format is not one this version reads.' }),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string(),
  /** Absent in backups made before it was recorded; those hold everything. */
  patientData: z.boolean().optional(),
  /** Absent in backups made before schema 9. */
  registryId: z.string().min(1).max(100).optional(),
};
const backupHeaderSchema = z.object({ ...headerFields, tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))) });
const streamedHeaderSchema = z.object(headerFields);

/** Writes an SQLite registry's backup through `write`, reading one consistent snapshot. */
function writeSqliteBackup(sqlite: BetterSqlite3.Database, now: Date, write: (text: string) => void, withPatientData: boolean): number {
  return sqlite.transaction(() => {
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const registryId = schemaVersion >= 9 ? (sqlite.prepare('SELECT registry_id FROM registry_feed').pluck().get() as string) : null;
    const layout = backupLayout(write, schemaVersion, now, withPatientData, registryId);
    for (const table of TABLES) {
      layout.table(table);
      if (!layout.holds(table)) continue;
      for (const row of sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate()) layout.row(row as Record<string, unknown>);
    }
    return layout.end();
  })();
}

/** Writes any registry's backup through `write`: the SQLite file's own snapshot, or the shared database's. */
function writeBackup(database: RegistryDatabase, now: Date, write: (text: string) => void, withPatientData: boolean): Promise<number> {
  return database.backend === 'sqlite'
    ? Promise.resolve(writeSqliteBackup((database as AppDatabase).sqlite, now, write, withPatientData))
    : writeSharedRegistryBackup(database as SharedRegistry, now, write, withPatientData);
}

/** Rows a backup would hold, to tell in advance whether it can travel in one piece. */
export async function countBackupRows(database: RegistryDatabase): Promise<number> {
  let total = 0;
  for (const table of TABLES) total += Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return total;
}

/** The whole backup as one JSON text: for a registry small enough to hand over in one piece. */
export async function jsonBackupText(database: RegistryDatabase, now: Date = new Date(), withPatientData = true): Promise<string> {
  const parts: string[] = [];
  await writeBackup(database, now, (text) => parts.push(text), withPatientData);
  return parts.join('');
}

/** Streams the backup to `file` (via a temporary name, so a failed write leaves no half file). */
export async function writeJsonBackupFile(database: RegistryDatabase, file: string, now: Date = new Date()): Promise<{ rows: number; bytes: number }> {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let pending = '';
  let bytes = 0;
  const flush = () => {
    bytes += writeSync(fd, pending);
    pending = '';
  };
  try {
    const rows = await writeBackup(
      database,
      now,
      (text) => {
        pending += text;
        if (pending.length > 1 << 20) flush();
      },
      true,
    );
    flush();
    closeSync(fd);
    renameSync(partial, file);
    return { rows, bytes };
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Lines of a file, read a megabyte at a time. */
function* linesOf(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      rest += decoder.write(buffer.subarray(0, read));
      let start = 0;
      for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
        yield rest.slice(start, end);
        start = end + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** The header checked: a TransferReady backup, in a format and schema this version reads. */
function checkedHeader<T extends { schemaVersion: number }>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new RestoreRefused(`${parsed.error.issues[0]?.message ?? 'This file is not a TransferReady backup.'} Nothing was changed.`);
  if (parsed.data.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new RestoreRefused(
      `This backup was made by a newer version of TransferReady (schema ${parsed.data.schemaVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'Install the newer version to restore it. Nothing was changed.',
    );
  }
  return parsed.data;
}

/** A backup already in memory, as a restore reads it. */
export function backupSource(backup: JsonBackup): BackupSource {
  return {
    schemaVersion: backup.schemaVersion,
    registryId: backup.registryId,
    *rows() {
      for (const table of TABLES) for (const row of backup.tables[table] ?? []) yield [table, row];
    },
  };
}

/**
 * A backup file, read a line at a time when it has the layout above; any other JSON backup
 * (an older single-line file) is read whole.
 */
export function openJsonBackupFile(file: string): BackupSource {
  const lines = linesOf(file);
  const first = lines.next();
  lines.return(undefined);
  const opening = first.done ? '' : first.value;
  if (!opening.endsWith(TABLES_OPENING)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new RestoreRefused(`The file could not be read (${(error as Error).message}). Nothing was changed.`);
    }
    return backupSource(parseJsonBackup(text));
  }
  let header: unknown;
  try {
    header = JSON.parse(`${opening.slice(0, -TABLES_OPENING.length)}}`);
  } catch {
    throw new RestoreRefused('This file is not a TransferReady backup. Nothing was changed.');
  }
  const { schemaVersion, registryId } = checkedHeader(streamedHeaderSchema, header);
  return {
    schemaVersion,
    registryId,
    *rows() {
      let table: string | null = null;
      let lineNumber = 0;
      for (const line of linesOf(file)) {
        lineNumber += 1;
        if (lineNumber === 1 || line === '') continue;
        const opened = /^"(\w+)":\[$/.exec(line);
        if (opened) {
          if (!(TABLES as readonly string[]).includes(opened[1]!)) throw new RestoreRefused(`Line ${lineNumber} names a table this version does not know (${opened[1]}). Nothing was changed.`);
          table = opened[1]!;
        } else if (/^\](,|\}\})$/.test(line)) {
          table = null;
        } else {
          let row: unknown;
          try {
            row = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
          } catch {
            row = null;
          }
          if (!table || !row || typeof row !== 'object' || Array.isArray(row)) throw new RestoreRefused(`Line ${lineNumber} of the backup is damaged. Nothing was changed.`);
          yield [table, row as Record<string, unknown>];
        }
      }
    },
  };
}

/** Every row of every table as one object (small registries and tests), from the same writer as the file. */
export async function exportJsonBackup(database: RegistryDatabase, now: Date = new Date()): Promise<JsonBackup> {
  return parseJsonBackup(await jsonBackupText(database, now));
}

export function parseJsonBackup(text: string): JsonBackup {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RestoreRefused('This file is not valid JSON, so it is not a TransferReady backup. Nothing was changed.');
  }
  return checkedHeader(backupHeaderSchema, raw) as JsonBackup;
}

/**
 * Builds a complete database from the backup in a new file, checks it, backs up the current
 * database, then swaps the new file in. The app must not be running on this data folder.
 */
export async function restoreJsonBackup(from: JsonBackup | BackupSource, dataDirectory: string): Promise<{ rows: number; safetyCopy: string | null }> {
  const backup = 'tables' in from ? backupSource(from) : from;
  mkdirSync(dataDirectory, { recursive: true });
  const target = databaseFile(dataDirectory);
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  const fresh = new BetterSqlite3(staging);
  let rows = 0;
  try {
    fresh.pragma('foreign_keys = ON');
    fresh.transaction(() => {
      for (const migration of MIGRATIONS.filter((m) => m.version <= backup.schemaVersion)) fresh.exec(migration.sql);
      // Triggers that freeze finalized answers would refuse the historical rows being put back, and
      // the feed's would note every row only for the rebuild below to number them afresh: both
      // lifted for this one transaction on a file nobody else has open.
      withTriggersLifted(fresh, [FROZEN_ANSWER_TRIGGERS, FEED_TRIGGERS], () => {
        const inserts = new Map<string, { columns: string[]; statement: BetterSqlite3.Statement }>();
        for (const [table, row] of backup.rows()) {
          let insert = inserts.get(table);
          if (!insert) {
            // Every row of a table has the columns its first row has (SELECT * wrote them).
            const columns = Object.keys(row);
            const odd = columns.find((column) => !/^[a-z_][a-z0-9_]*$/.test(column));
            if (odd !== undefined) throw new RestoreRefused(`The backup has a column this version does not know (${odd.slice(0, 40)} in ${table}). Nothing was changed.`);
            insert = { columns, statement: fresh.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`) };
            inserts.set(table, insert);
          }
          insert.statement.run(...insert.columns.map((column) => row[column] ?? null));
          rows += 1;
        }
      });
      if (backup.schemaVersion >= 4) fresh.exec(REBUILD_STANDING_PROFILES_SQL);
      // The feed table was made by this file's migrations with a new feed id; number it afresh.
      if (backup.schemaVersion >= 9) {
        fresh.exec(REBUILD_REGISTRY_CHANGES_SQLITE);
        if (backup.registryId) fresh.prepare('UPDATE registry_feed SET registry_id = ?').run(backup.registryId);
      }
      fresh.pragma(`user_version = ${backup.schemaVersion}`);
    })();
    const check = fresh.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new RestoreRefused(`The restored data failed SQLite's integrity check (${String(check)}). Nothing was changed.`);
    const violations = fresh.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new RestoreRefused('The backup refers to rows it does not contain (foreign keys). Nothing was changed.');
  } catch (error) {
    fresh.close();
    rmSync(staging, { force: true });
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`The backup could not be restored: ${(error as Error).message}. Nothing was changed.`);
  }
  fresh.close();

  return { rows, safetyCopy: await replaceDatabaseFile(dataDirectory, target, staging) };
}
