import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { backupsDirectory, listBackups, takeBackup } from './backups';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { DatabaseSchema } from './schema';

export const DATABASE_FILE_NAME = 'transferready.sqlite';

export type DatabaseProblem = 'not_a_database' | 'damaged' | 'from_newer_version' | 'cannot_open';

/** Raised before anything is written: the file on disk is exactly as it was found. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    readonly file: string,
    readonly backupsDirectory: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface AppDatabase {
  file: string;
  dataDirectory: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<DatabaseSchema>;
  close(): Promise<void>;
}

export function databaseFile(dataDirectory: string): string {
  return join(dataDirectory, DATABASE_FILE_NAME);
}

/**
 * Opens (creating if need be) the data folder's database: checks an existing file read-only
 * first, refuses damaged, foreign or newer files without touching them, backs up before
 * migrating, then migrates to the latest schema.
 */
export async function openAppDatabase(dataDirectory: string): Promise<AppDatabase> {
  mkdirSync(dataDirectory, { recursive: true });
  const file = databaseFile(dataDirectory);
  if (existsSync(file)) await checkAndBackUpExisting(file, dataDirectory);

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    migrate(sqlite);
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  }

  await takeDailyBackup(sqlite, dataDirectory);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    file,
    dataDirectory,
    sqlite,
    db,
    async close() {
      if (!sqlite.open) return;
      sqlite.pragma('optimize');
      // Fold the WAL into the main file so a cleanly closed database is one self-contained file.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      // Kysely's destroy leaves a connection it was handed open; close it ourselves.
      await db.destroy();
      sqlite.close();
    },
  };
}

async function checkAndBackUpExisting(file: string, dataDirectory: string): Promise<void> {
  let probe: BetterSqlite3.Database | undefined;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const rows = probe.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
      throw new DatabaseOpenError(
        'damaged',
        file,
        backupsDirectory(dataDirectory),
        damagedMessage(file, dataDirectory),
      );
    }
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DatabaseOpenError(
        'from_newer_version',
        file,
        backupsDirectory(dataDirectory),
        `The database ${file} was written by a newer version of TransferReady (schema ${version}; ` +
          `this version understands up to ${LATEST_SCHEMA_VERSION}). Install the newer version to open it. ` +
          'The file has not been changed.',
      );
    }
    if (version > 0 && version < LATEST_SCHEMA_VERSION) {
      await takeBackup(probe, dataDirectory, `before-schema-${LATEST_SCHEMA_VERSION}`);
    }
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  } finally {
    probe?.close();
  }
}

/** The first open of each calendar day keeps a copy; the backups folder holds the last 14. */
async function takeDailyBackup(sqlite: BetterSqlite3.Database, dataDirectory: string, now: Date = new Date()): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const hasData = (sqlite.prepare('SELECT count(*) FROM facilities').pluck().get() as number) > 0;
  if (!hasData || listBackups(dataDirectory).some((backup) => backup.name.startsWith(`transferready-${today}`) && backup.name.includes('-daily'))) return;
  await takeBackup(sqlite, dataDirectory, 'daily', now);
}

function migrate(sqlite: BetterSqlite3.Database): void {
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    sqlite.transaction(() => {
      sqlite.exec(migration.sql);
      sqlite.pragma(`user_version = ${migration.version}`);
    })();
  }
}

function damagedMessage(file: string, dataDirectory: string): string {
  return (
    `The database ${file} is damaged, so TransferReady has not opened or changed it. ` +
    `Restore a backup from ${backupsDirectory(dataDirectory)} (copy it over ${DATABASE_FILE_NAME} ` +
    'while the app is closed), or move the damaged file aside to start with an empty database.'
  );
}

function asOpenError(error: unknown, file: string, dataDirectory: string): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const code = (error as { code?: string }).code ?? '';
  const backups = backupsDirectory(dataDirectory);
  if (code === 'SQLITE_NOTADB') {
    return new DatabaseOpenError(
      'not_a_database',
      file,
      backups,
      `${file} is not a TransferReady database (it is not an SQLite file), so it has not been opened or changed. ` +
        `Move it aside, or start with another data folder (--data-dir). Backups, if any, are in ${backups}.`,
    );
  }
  if (code === 'SQLITE_CORRUPT') {
    return new DatabaseOpenError('damaged', file, backups, damagedMessage(file, dataDirectory));
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new DatabaseOpenError(
    'cannot_open',
    file,
    backups,
    `TransferReady could not open ${file}: ${reason}. Check that the folder exists, is writable ` +
      `and has free space. Backups, if any, are in ${backups}.`,
  );
}
