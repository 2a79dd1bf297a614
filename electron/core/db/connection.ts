import { accessSync, constants, existsSync, mkdirSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { backupsDirectory, listBackups, takeBackup } from './backups';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { DatabaseSchema } from './schema';

export const DATABASE_FILE_NAME = 'transferready.sqlite';

export type DatabaseProblem = 'not_a_database' | 'damaged' | 'from_newer_version' | 'read_only' | 'disk_full' | 'cannot_open';

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
  /** Set when the database opened but something about its storage needs the user's attention. */
  storageWarning: string | null;
  /**
   * Runs a query built with the query builder and returns its rows as arrays of values: the
   * cheap form for wide reads of thousands of rows (objects that wide cost five times as much).
   */
  selectRows(query: CompiledQuery): Promise<unknown[][]>;
  /**
   * Bulk writes: `work` runs at once inside one transaction, each statement (SQL compiled by the
   * query builder) prepared once and reused for every row. Holds the builder's connection, so no
   * other call's transaction can interleave.
   */
  bulkWrite<T>(work: (run: (sql: string, parameters: readonly unknown[]) => { insertedId: number }) => T): Promise<T>;
  close(): Promise<void>;
}

/**
 * The driver-specific half of selectRows and bulkWrite, kept here with the rest of the connection
 * setup. Statements are prepared once per SQL text; the texts come from a handful of queries.
 */
function preparedStatements(sqlite: BetterSqlite3.Database) {
  const reads = new Map<string, BetterSqlite3.Statement>();
  const writes = new Map<string, BetterSqlite3.Statement>();
  const cached = (cache: Map<string, BetterSqlite3.Statement>, sql: string, prepare: () => BetterSqlite3.Statement) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= 64) cache.clear();
      statement = prepare();
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    read: (sql: string) => cached(reads, sql, () => sqlite.prepare(sql).raw(true)),
    write: (sql: string) => cached(writes, sql, () => sqlite.prepare(sql)),
  };
}

/**
 * SQLite rolls a transaction back by itself after SQLITE_FULL and some I/O errors. Kysely would
 * then roll back again and throw "no transaction is active", hiding the error people need to see.
 */
class SqliteDialectKeepingErrors extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const { sqlite } = this;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: sqlite });
  }
}

/** Words for a storage failure while the app runs (a write refused), or null if it is not one. */
export function describeStorageFailure(error: unknown): { code: 'storage_full' | 'storage_read_only' | 'storage_error'; message: string } | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return {
      code: 'storage_full',
      message: "The disk that holds TransferReady's data is full, so this change was not saved. Free some space on it, then try again; what you entered is still on screen.",
    };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return {
      code: 'storage_read_only',
      message: "TransferReady's data folder has become read-only, so this change was not saved. Make it writable again, then try again; what you entered is still on screen.",
    };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return {
      code: 'storage_error',
      message: "The disk that holds TransferReady's data reported an error, so this change was not saved. Check the disk, then try again; what you entered is still on screen.",
    };
  }
  return null;
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
  const file = databaseFile(dataDirectory);
  try {
    ensureWritableFolder(dataDirectory);
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  }
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

  const storageWarning = await takeDailyBackup(sqlite, dataDirectory);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialectKeepingErrors(sqlite) });
  const statements = preparedStatements(sqlite);
  return {
    file,
    dataDirectory,
    sqlite,
    db,
    storageWarning,
    selectRows: (query) => db.connection().execute(async () => statements.read(query.sql).all(...query.parameters) as unknown[][]),
    bulkWrite: (work) =>
      db.connection().execute(async () =>
        sqlite.transaction(() => work((sql, parameters) => ({ insertedId: Number(statements.write(sql).run(...parameters).lastInsertRowid) })))(),
      ),
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

/** SQLite creates its -wal and -shm files beside the database, so the folder itself must be writable. */
function ensureWritableFolder(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    // A recursive mkdir refused by a read-only disk reports ENOENT; ask the nearest existing folder why.
    let existing = directory;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    accessSync(existing, constants.W_OK);
    throw error;
  }
  accessSync(directory, constants.W_OK);
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
      await takeBackup(probe, dataDirectory, { kind: 'before-schema', schemaVersion: LATEST_SCHEMA_VERSION });
    }
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  } finally {
    probe?.close();
  }
}

/**
 * The first open of each calendar day keeps a copy; the backups folder holds the last 14. A
 * copy that cannot be written does not keep people from their data: it becomes a warning.
 */
async function takeDailyBackup(sqlite: BetterSqlite3.Database, dataDirectory: string, now: Date = new Date()): Promise<string | null> {
  const today = now.toISOString().slice(0, 10);
  const hasData = (sqlite.prepare('SELECT count(*) FROM facilities').pluck().get() as number) > 0;
  if (!hasData || listBackups(dataDirectory).some((backup) => backup.name.startsWith(`transferready-${today}`) && backup.name.includes('-daily'))) return null;
  try {
    await takeBackup(sqlite, dataDirectory, { kind: 'daily' }, now);
    return null;
  } catch (error) {
    const storage = describeStorageFailure(error);
    if (storage?.code === 'storage_full') {
      return "Today's backup could not be taken because the disk that holds TransferReady's data is full. Free some space on it: until then, changes may not save.";
    }
    return `Today's backup could not be taken (${error instanceof Error ? error.message : String(error)}). Check the backups folder ${backupsDirectory(dataDirectory)}.`;
  }
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

/** SQLite reports a disk too full to create its shared-memory file as a plain I/O error. */
function nearlyFull(directory: string): boolean {
  try {
    const stats = statfsSync(directory);
    return stats.bavail * stats.bsize < 1024 * 1024;
  } catch {
    return false;
  }
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
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) {
    return new DatabaseOpenError(
      'read_only',
      file,
      backups,
      `TransferReady cannot write to its data folder ${dataDirectory}: the folder is read-only, so nothing was opened or changed. ` +
        'Make the folder writable for your account (or move the data to a folder that is), then start TransferReady again.',
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code.startsWith('SQLITE_IOERR') && nearlyFull(dataDirectory))) {
    return new DatabaseOpenError(
      'disk_full',
      file,
      backups,
      `The disk that holds ${dataDirectory} is full, so TransferReady could not open its database safely; nothing was changed. ` +
        'Free some space on that disk, then start TransferReady again.',
    );
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
