import { accessSync, constants, existsSync, mkdirSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import { BackupStopped, backupsDirectory, backupUnderWay, listBackups, removeAbandonedBackups, takeBackup } from './backups';
import { checkOffThread, checkWholeFile, type IntegrityReport, type OffThreadCheck } from './integrity-check';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { BulkStatement, RegistryDatabase } from './registry-database';
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

/**
 * Files up to this size (with their WAL) are checked in full before they open, as they always
 * were: at the ~4 ms per MB the check costs, that is a few tens of milliseconds. Larger files
 * open at once and are checked after start, off the thread that answers calls.
 */
export const CHECKED_BEFORE_OPENING_UP_TO_BYTES = 8 * 1024 * 1024;

/**
 * `checking` while the whole-file check runs after start: reads are served, writes wait.
 * `damaged` once it (or a read) found damage: writes are refused for good and the file is left as it is.
 */
export type IntegrityState = 'checking' | 'intact' | 'damaged';

/** A call refused because the database was found damaged after it opened; its message says what to do. */
export class DatabaseDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseDamagedError';
  }
}

export interface OpenOptions {
  /**
   * Wait for the whole-file check and the day's backup before returning, and refuse a damaged
   * file with a DatabaseOpenError as before: for command-line jobs, which have no screen to show
   * meanwhile and are over in one go.
   */
  waitForChecks?: boolean;
}

/** A registry in an SQLite file in the data folder: the desktop's own, and the default everywhere. */
export interface AppDatabase extends RegistryDatabase {
  readonly backend: 'sqlite';
  file: string;
  dataDirectory: string;
  sqlite: BetterSqlite3.Database;
  readonly integrity: IntegrityState;
  /** Settles when the work after start (the whole-file check, then the day's backup) is over (or stopped by close); never rejects. */
  readonly afterStart: Promise<void>;
  /**
   * Reads go ahead while the file is being checked; SQLite refuses a write then (query_only)
   * before anything of it is written, so the call runs again once the check has passed, or
   * fails with the damage message if it did not.
   */
  runCall<T>(work: () => Promise<T>): Promise<T>;
  /** Holds the builder's connection for the whole of `work`, so no other call's transaction can interleave. */
  bulkWrite<T>(work: (run: BulkStatement) => Promise<T>): Promise<T>;
}

/**
 * Counts this connection's writes to what the capability matrix reads (facilities, standing
 * profiles) with temporary triggers: they belong to this connection alone, never to the file or
 * its schema, and their count rolls back with the write. Other connections' commits (the CLI on
 * the same file) show in PRAGMA data_version, which standingVersion reads beside it.
 */
function countStandingWrites(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  const triggers = ['facilities', 'standing_profiles'].flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (event) =>
        `CREATE TEMP TRIGGER IF NOT EXISTS standing_writes_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table} ` +
        'BEGIN UPDATE standing_writes SET n = n + 1; END;',
    ),
  );
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS standing_writes (n INTEGER NOT NULL);
    INSERT INTO standing_writes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM standing_writes);
    ${triggers.join('\n')}`);
  return sqlite.prepare('SELECT n FROM temp.standing_writes').pluck();
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
  if (error instanceof DatabaseDamagedError) return { code: 'storage_error', message: error.message };
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
 * Opens (creating if need be) the data folder's database. Before anything is written: the
 * header and schema version are read, and newer or unreadable files are refused untouched; a
 * file about to be migrated, or a small one, is checked in full and backed up first. A larger
 * file opens at once with writes held back, is checked in full on a worker thread, and only
 * then takes writes and the day's backup; damage found then stops writes for good.
 */
export async function openAppDatabase(dataDirectory: string, options: OpenOptions = {}): Promise<AppDatabase> {
  const file = databaseFile(dataDirectory);
  try {
    ensureWritableFolder(dataDirectory);
    removeAbandonedBackups(dataDirectory);
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  }
  const checkedInFull = existsSync(file) ? await inspectExisting(file, dataDirectory) : true;

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    // Before anything else on this connection: nothing is written to a file not yet checked.
    if (!checkedInFull) sqlite.pragma('query_only = ON');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Statement journals (which triggers with several statements open on every row) and sorts
    // stay in memory instead of a temp file each: the change-feed triggers made a 6,000-row
    // import ten times slower with them on disk.
    sqlite.pragma('temp_store = MEMORY');
    // A file with migrations due was checked in full above, so this never writes to an unchecked one.
    if (checkedInFull) migrate(sqlite);
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  }

  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialectKeepingErrors(sqlite) });
  const statements = preparedStatements(sqlite);
  const watch = watchAfterStart(sqlite, file, dataDirectory, checkedInFull);
  // data_version moves with other connections' commits, total_changes() with this one's.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  let standingWrites: Promise<BetterSqlite3.Statement> | null = null;
  const database: AppDatabase = {
    backend: 'sqlite',
    file,
    dataDirectory,
    sqlite,
    db,
    get storageWarning() {
      return watch.storageWarning;
    },
    get integrity() {
      return watch.integrity;
    },
    get checksRunning() {
      return watch.running;
    },
    afterStart: watch.done,
    runCall: (work) => watch.runCall(work),
    async standingVersion() {
      // While the start-up check holds the file read-only the counter cannot be set up (a temporary
      // table is a write too): until then every change of this connection's counts.
      if (!standingWrites && !sqlite.pragma('query_only', { simple: true })) {
        // Under the connection's lock, so the setup never joins another call's open transaction.
        standingWrites = db.connection().execute(async () => countStandingWrites(sqlite));
        standingWrites.catch(() => (standingWrites = null));
      }
      const counter = standingWrites ? await standingWrites : null;
      // Under the connection's lock too: read in the middle of another call's transaction, the
      // counters would already count its writes, and a rollback would then leave rows read before
      // them kept under a version that the next write brings back.
      return db
        .connection()
        .execute(async () => `${dataVersion.get() as number}:${counter ? `s${counter.get() as number}` : (totalChanges.get() as number)}`);
    },
    selectRows: (query) => db.connection().execute(async () => statements.read(query.sql).all(...query.parameters) as unknown[][]),
    bulkWrite: (work) =>
      db.connection().execute(async () => {
        sqlite.exec('BEGIN');
        try {
          const result = await work(async (sql, parameters) => {
            const statement = statements.write(sql);
            // INSERT … RETURNING id (the form PostgreSQL needs too) returns its row; anything else just runs.
            if (statement.reader) return { insertedId: Number((statement.get(...parameters) as { id?: number } | undefined)?.id ?? 0) };
            return { insertedId: Number(statement.run(...parameters).lastInsertRowid) };
          });
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      }),
    async close() {
      await watch.stop();
      if (!sqlite.open) return;
      if (watch.integrity === 'intact') {
        try {
          sqlite.pragma('optimize');
        } catch (error) {
          // It may ANALYZE a table just read, which writes; on a full disk that is only skipped.
          if (!describeStorageFailure(error)) throw error;
        }
        // Fold the WAL into the main file so a cleanly closed database is one self-contained file.
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      }
      // Kysely's destroy leaves a connection it was handed open; close it ourselves.
      await db.destroy();
      sqlite.close();
      watch.release();
    },
  };
  if (options.waitForChecks) {
    await watch.done;
    if (watch.integrity === 'damaged') {
      const { refusal, storageWarning } = watch;
      await database.close();
      throw new DatabaseOpenError(refusal, file, backupsDirectory(dataDirectory), refusal === 'damaged' ? damagedMessage(file, dataDirectory) : (storageWarning ?? ''));
    }
  }
  return database;
}

/**
 * What runs after the database opens: the whole-file check (when it was not done before
 * opening), then the day's backup; and the state the calls consult meanwhile.
 */
function watchAfterStart(sqlite: BetterSqlite3.Database, file: string, dataDirectory: string, checkedInFull: boolean) {
  let integrity: IntegrityState = checkedInFull ? 'intact' : 'checking';
  let storageWarning: string | null = null;
  let running = true;
  let stopping = false;
  let check: OffThreadCheck | null = null;
  let damageMessage: string | null = null;
  /** What a command-line open reports when the check after start stops writes. */
  let refusal: 'damaged' | 'cannot_open' = 'damaged';
  /**
   * Held open from the moment damage is found: the writer, then not the last connection to
   * close, leaves any WAL it found unfolded, and a read-only one never folds it, so the main
   * file stays byte for byte as it was.
   */
  let keeper: BetterSqlite3.Database | null = null;

  const isDamaged = () => integrity === 'damaged';
  const markDamaged = (message: string, problem: 'damaged' | 'cannot_open' = 'damaged') => {
    integrity = 'damaged';
    refusal = problem;
    damageMessage = message;
    storageWarning = message;
    if (!keeper) {
      try {
        keeper = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      } catch {
        // Without it the writer may fold a leftover WAL on close; writes stay refused regardless.
      }
    }
  };

  const writable: Promise<boolean> = (async () => {
    if (checkedInFull) return true;
    const report = await checkAfterStart();
    if (report === null) {
      if (!stopping) markDamaged(uncheckedMessage(file, dataDirectory), 'cannot_open');
      return false;
    }
    if (!report.intact) {
      markDamaged(damagedAfterStartMessage(file, dataDirectory, report.newestIntactBackup));
      return false;
    }
    // A read may have hit damage while the check ran: writes stay stopped then.
    if (isDamaged()) return false;
    sqlite.pragma('query_only = OFF');
    integrity = 'intact';
    return true;
  })();

  /** The check on a worker thread; on the main thread if no worker can run it (slower, still safe). */
  async function checkAfterStart(): Promise<IntegrityReport | null> {
    const backups = listBackups(dataDirectory).map(({ name, file: backupFile }) => ({ name, file: backupFile }));
    try {
      check = checkOffThread(file, backups);
      return await check.report;
    } catch (error) {
      if (stopping) return null;
      console.error('[transferready] the integrity check could not run on a worker thread; running it here:', error instanceof Error ? error.message : error);
    }
    let probe: BetterSqlite3.Database | undefined;
    try {
      probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      const { intact, problems } = checkWholeFile(probe);
      return { intact, problems, newestIntactBackup: null };
    } catch (error) {
      if (/^SQLITE_(CORRUPT|NOTADB)/.test(String((error as { code?: unknown }).code))) return { intact: false, problems: 1, newestIntactBackup: null };
      console.error('[transferready] the integrity check could not run:', error instanceof Error ? error.message : error);
      return null;
    } finally {
      probe?.close();
    }
  }

  const done = (async () => {
    try {
      if (!(await writable) || stopping) return;
      storageWarning = await takeDailyBackup(sqlite, dataDirectory, () => stopping);
    } catch (error) {
      console.error('[transferready] work after start failed:', error instanceof Error ? error.stack : error);
    } finally {
      running = false;
    }
  })();

  const damaged = () => new DatabaseDamagedError(damageMessage ?? damagedAfterStartMessage(file, dataDirectory, null));

  return {
    get integrity() {
      return integrity;
    },
    get storageWarning() {
      return storageWarning;
    },
    get running() {
      return running;
    },
    get refusal() {
      return refusal;
    },
    done,
    async runCall<T>(work: () => Promise<T>): Promise<T> {
      const heldBack = integrity !== 'intact';
      try {
        return await work();
      } catch (error) {
        const code = String((error as { code?: unknown } | null)?.code ?? '');
        if (code.startsWith('SQLITE_CORRUPT')) {
          if (!isDamaged()) markDamaged(damagedAfterStartMessage(file, dataDirectory, null));
          throw damaged();
        }
        if (code !== 'SQLITE_READONLY' || !heldBack) throw error;
        // Nothing of this call was written (SQLite refused its first write), so it can simply run again.
        if (await writable) return work();
        if (isDamaged()) throw damaged();
        throw error;
      }
    },
    async stop() {
      stopping = true;
      await check?.stop();
      await done;
    },
    release() {
      keeper?.close();
      keeper = null;
    },
  };
}

/** Header, schema version, and when the file is small or about to be migrated, the whole-file check. Returns whether that check ran. */
async function inspectExisting(file: string, dataDirectory: string): Promise<boolean> {
  let probe: BetterSqlite3.Database | undefined;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    // Reading the version reads the header (a foreign file fails here); counting the schema parses it.
    const version = probe.pragma('user_version', { simple: true }) as number;
    probe.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
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
    const migrating = version < LATEST_SCHEMA_VERSION;
    if (!migrating && sizeWithWal(file) > CHECKED_BEFORE_OPENING_UP_TO_BYTES) return false;
    if (!checkWholeFile(probe).intact) {
      throw new DatabaseOpenError('damaged', file, backupsDirectory(dataDirectory), damagedMessage(file, dataDirectory));
    }
    if (version > 0 && migrating) {
      await takeBackup(probe, dataDirectory, { kind: 'before-schema', schemaVersion: LATEST_SCHEMA_VERSION });
    }
    return true;
  } catch (error) {
    throw asOpenError(error, file, dataDirectory);
  } finally {
    probe?.close();
  }
}

function sizeWithWal(file: string): number {
  const wal = `${file}-wal`;
  return statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0);
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

/**
 * The first open of each calendar day keeps a copy; the backups folder holds the last 14. A
 * copy that cannot be written does not keep people from their data: it becomes a warning.
 */
async function takeDailyBackup(sqlite: BetterSqlite3.Database, dataDirectory: string, stop: () => boolean, now: Date = new Date()): Promise<string | null> {
  const today = now.toISOString().slice(0, 10);
  const hasData = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM facilities)').pluck().get() === 1;
  if (!hasData || listBackups(dataDirectory).some((backup) => backup.name.startsWith(`transferready-${today}`) && backup.reason.kind === 'daily')) return null;
  // Another process on this folder is taking today's copy right now.
  if (backupUnderWay(dataDirectory, `transferready-${today}`, { kind: 'daily' })) return null;
  try {
    await takeBackup(sqlite, dataDirectory, { kind: 'daily' }, now, stop);
    return null;
  } catch (error) {
    if (error instanceof BackupStopped) return null;
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

/** Where the backups are and how one is put back by hand. */
function copyOverAdvice(dataDirectory: string): string {
  return `from ${backupsDirectory(dataDirectory)} (copy it over ${DATABASE_FILE_NAME} while the app is closed)`;
}

function damagedMessage(file: string, dataDirectory: string): string {
  return (
    `The database ${file} is damaged, so TransferReady has not opened or changed it. ` +
    `Restore a backup ${copyOverAdvice(dataDirectory)}, or move the damaged file aside to start with an empty database.`
  );
}

/** The same advice when the check after start finds damage: the app stays open to read what it can. */
function damagedAfterStartMessage(file: string, dataDirectory: string, newestIntactBackup: string | null): string {
  return (
    `The database ${file} is damaged, so TransferReady has stopped saving changes and will not change the file. ` +
    `What it can still read stays on screen. Put a backup back in Settings, or restore one ${copyOverAdvice(dataDirectory)}.` +
    (newestIntactBackup ? ` The newest backup that passes the same check is ${newestIntactBackup}.` : '')
  );
}

function uncheckedMessage(file: string, dataDirectory: string): string {
  return (
    `TransferReady could not check the database ${file} for damage, so it is not saving changes to it. ` +
    `Close TransferReady and start it again; if this keeps happening, restore a backup ${copyOverAdvice(dataDirectory)}.`
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
