import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, DatabaseOpenError, openAppDatabase } from '../../electron/core/db/connection';
import { BACKUPS_KEPT, backupsDirectory, listBackups, restoreBackupFile, takeBackup } from '../../electron/core/db/backups';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { makeTempFolder } from '../support/temp-folder';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => {
  folder = makeTempFolder();
});
afterEach(() => folder.remove());

async function expectRefused(problem: DatabaseOpenError['problem']): Promise<DatabaseOpenError> {
  const error = await openAppDatabase(folder.path).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DatabaseOpenError);
  expect((error as DatabaseOpenError).problem).toBe(problem);
  return error as DatabaseOpenError;
}

describe('opening the database', () => {
  it('creates and migrates a new file to the latest schema with WAL and foreign keys', async () => {
    const database = await openAppDatabase(folder.path);
    expect(database.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = database.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['audit_events', 'facilities', 'settings']));
    await database.close();
  });

  it('keeps what was written when reopened', async () => {
    const first = await openAppDatabase(folder.path);
    await first.db
      .insertInto('facilities')
      .values({ name: 'Harbor General', ccn: '050454', created_at: 'x', updated_at: 'x' })
      .execute();
    await first.close();

    const second = await openAppDatabase(folder.path);
    const row = await second.db.selectFrom('facilities').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Harbor General', ccn: '050454' });
    await second.close();
  });

  it('refuses a file that is not a database and leaves it byte-identical', async () => {
    const bytes = Buffer.from('These are notes, not a database.\n'.repeat(200));
    writeFileSync(databaseFile(folder.path), bytes);
    const error = await expectRefused('not_a_database');
    expect(error.message).toContain('not a TransferReady database');
    expect(readFileSync(databaseFile(folder.path)).equals(bytes)).toBe(true);
  });

  it('refuses a damaged database, names the backups folder, and leaves it byte-identical', async () => {
    const seed = new BetterSqlite3(databaseFile(folder.path));
    seed.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX notes_body ON notes (body);');
    const insert = seed.prepare('INSERT INTO notes (body) VALUES (?)');
    seed.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${'x'.repeat(40)}`);
    })();
    seed.close();
    const original = readFileSync(databaseFile(folder.path));
    const damaged = Buffer.from(original);
    // Overwrite the middle pages (index and table b-tree pages) with garbage, keeping the header.
    damaged.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(databaseFile(folder.path), damaged);

    const error = await expectRefused('damaged');
    expect(error.message).toContain('backups');
    expect(error.backupsDirectory).toContain(folder.path);
    expect(readFileSync(databaseFile(folder.path)).equals(damaged)).toBe(true);
  });

  it('refuses a database written by a newer version and leaves it byte-identical', async () => {
    const newer = new BetterSqlite3(databaseFile(folder.path));
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    newer.close();
    const before = readFileSync(databaseFile(folder.path));
    const error = await expectRefused('from_newer_version');
    expect(error.message).toContain('newer version');
    expect(readFileSync(databaseFile(folder.path)).equals(before)).toBe(true);
  });

  it('backs up an older database before migrating it, and keeps its data', async () => {
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThan(1);
    const older = new BetterSqlite3(databaseFile(folder.path));
    older.exec(MIGRATIONS[0]!.sql);
    older.pragma('user_version = 1');
    older.prepare("INSERT INTO facilities (name, ccn, created_at, updated_at) VALUES ('Harbor General', '050454', 'x', 'x')").run();
    older.close();
    expect(listBackups(folder.path)).toEqual([]);

    const database = await openAppDatabase(folder.path);
    expect(database.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(database.sqlite.prepare('SELECT ccn FROM facilities').pluck().all()).toEqual(['050454']);
    await database.close();

    const backups = listBackups(folder.path).filter((backup) => backup.name.includes('-before-schema-'));
    expect(backups).toHaveLength(1);
    expect(backups[0]!.name).toMatch(/^transferready-.*-before-schema-\d+\.sqlite$/);
    expect(backups[0]!.reason).toEqual({ kind: 'before-schema', schemaVersion: LATEST_SCHEMA_VERSION });
    const copy = new BetterSqlite3(backups[0]!.file, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT name FROM facilities').pluck().all()).toEqual(['Harbor General']);
    copy.close();
  });

  it('takes no backup when the database is already current', async () => {
    await (await openAppDatabase(folder.path)).close();
    await (await openAppDatabase(folder.path)).close();
    expect(listBackups(folder.path)).toEqual([]);
  });

  it('takes one daily backup once there is data, and keeps only the last 14 backups', async () => {
    const first = await openAppDatabase(folder.path);
    first.sqlite.prepare("INSERT INTO facilities (name, created_at, updated_at) VALUES ('Harbor General', 'x', 'x')").run();
    await first.close();
    expect(listBackups(folder.path)).toEqual([]);
    // The copy is taken after start; closing first abandons it and leaves nothing behind.
    await (await openAppDatabase(folder.path)).close();
    const backupsFolder = backupsDirectory(folder.path);
    expect(existsSync(backupsFolder) ? readdirSync(backupsFolder) : []).toEqual([]);
    const taking = await openAppDatabase(folder.path);
    await taking.afterStart;
    await taking.close();
    const again = await openAppDatabase(folder.path);
    await again.afterStart;
    await again.close();
    expect(listBackups(folder.path).map((backup) => backup.name)).toEqual([expect.stringMatching(/-daily\.sqlite$/)]);
    expect(listBackups(folder.path)[0]!.reason).toEqual({ kind: 'daily' });

    const database = await openAppDatabase(folder.path);
    for (let day = 1; day <= 20; day++) await takeBackup(database.sqlite, folder.path, { kind: 'daily' }, new Date(Date.UTC(2026, 0, day)));
    await database.close();
    expect(listBackups(folder.path)).toHaveLength(BACKUPS_KEPT);
  });

  it('restores a chosen backup after copying the current database aside', async () => {
    const database = await openAppDatabase(folder.path);
    database.sqlite.prepare("INSERT INTO facilities (name, created_at, updated_at) VALUES ('Kept in the backup', 'x', 'x')").run();
    const backup = await takeBackup(database.sqlite, folder.path, { kind: 'daily' });
    database.sqlite.prepare("INSERT INTO facilities (name, created_at, updated_at) VALUES ('Added after the backup', 'x', 'x')").run();
    await database.close();

    const name = backup.split('/').pop()!;
    const { safetyCopy } = await restoreBackupFile(folder.path, name, databaseFile(folder.path));
    expect(safetyCopy).toMatch(/before-restore\.sqlite$/);
    const reopened = await openAppDatabase(folder.path);
    expect(reopened.sqlite.prepare('SELECT name FROM facilities ORDER BY id').pluck().all()).toEqual(['Kept in the backup']);
    await reopened.close();
    const aside = new BetterSqlite3(safetyCopy!, { readonly: true });
    expect(aside.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(2);
    aside.close();
    await expect(restoreBackupFile(folder.path, 'no-such-backup.sqlite', databaseFile(folder.path))).rejects.toThrow(/no backup named/);
  });

  it('keeps the audit trail append-only at the database level', async () => {
    const database = await openAppDatabase(folder.path);
    database.sqlite
      .prepare(
        `INSERT INTO audit_events (occurred_at, actor_name, actor_role, entity_type, entity_id, action)
         VALUES ('2026-01-01T00:00:00.000Z', 'A', 'administrator', 'facility', '1', 'create')`,
      )
      .run();
    expect(() => database.sqlite.prepare("UPDATE audit_events SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => database.sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(database.sqlite.prepare('SELECT action FROM audit_events').pluck().all()).toEqual(['create']);
    await database.close();
  });
});
