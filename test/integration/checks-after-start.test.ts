import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { backupsDirectory, listBackups } from '../../electron/core/db/backups';
import { CHECKED_BEFORE_OPENING_UP_TO_BYTES, databaseFile, DatabaseOpenError } from '../../electron/core/db/connection';
import { dispatchCall } from '../../electron/core/dispatch';
import { LOCAL_CALLER } from '../../shared/permissions';
import { makeTempFolder } from '../support/temp-folder';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => {
  folder = makeTempFolder();
});
afterEach(() => folder.remove());

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const NEW_FACILITY = { name: 'Written after start' };
const LIST_ALL = { search: '', state: '', facilityType: '', includeArchived: false, limit: 5 };

/** A registry with a profile, larger than the files checked before opening, closed cleanly (no WAL). */
async function largeRegistry(path: string): Promise<number> {
  const core = await openCore({ dataDirectory: path, appVersion: 'test' });
  await core.calls.saveProfile({ name: 'Dana Whitfield', role: 'administrator' });
  const insert = core.database.sqlite.prepare("INSERT INTO facilities (name, notes, created_at, updated_at) VALUES (?, ?, 'x', 'x')");
  const rows = Math.ceil((CHECKED_BEFORE_OPENING_UP_TO_BYTES * 1.5) / 400);
  core.database.sqlite.transaction(() => {
    for (let index = 0; index < rows; index++) insert.run(`Facility ${String(index).padStart(6, '0')} Harbor General`, 'n'.repeat(300));
  })();
  await core.close();
  expect(statSync(databaseFile(path)).size).toBeGreaterThan(CHECKED_BEFORE_OPENING_UP_TO_BYTES);
  expect(existsSync(`${databaseFile(path)}-wal`)).toBe(false);
  return rows;
}

/**
 * Changes one facility's name inside a leaf page of the name index only. Every page stays well
 * formed, so SQLite's quick_check passes; only the full check, which compares each index with
 * its table, sees that the row is missing from the index.
 */
function damageNameIndex(file: string): void {
  const probe = new BetterSqlite3(file, { readonly: true });
  const page = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'facilities_by_name' AND pagetype = 'leaf' LIMIT 1 OFFSET 10").pluck().get() as number;
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  probe.close();
  const bytes = readFileSync(file);
  const leaf = bytes.subarray((page - 1) * pageSize, page * pageSize);
  expect(leaf[0]).toBe(0x0a); // a leaf page of an index b-tree
  const cell = leaf.readUInt16BE(8 + 2 * 5); // the sixth cell, through the page's cell pointer array
  const name = leaf.indexOf('Harbor General', cell);
  leaf[name + 'Harbor Genera'.length] = 'm'.charCodeAt(0); // "General" → "Generam": same place in the order
  writeFileSync(file, bytes);

  const check = new BetterSqlite3(file, { readonly: true });
  expect(check.pragma('quick_check', { simple: true })).toBe('ok');
  expect(check.pragma('integrity_check', { simple: true })).toMatch(/missing from index facilities_by_name/);
  check.close();
}

describe('checks after start on a large registry', () => {
  it('opens before the whole-file check is done, serves reads meanwhile, holds a write back until it passes, then takes the day\'s backup', async () => {
    const rows = await largeRegistry(folder.path);
    const core = await openCore({ dataDirectory: folder.path, appVersion: 'test' });
    expect(core.database.integrity).toBe('checking');
    expect((await core.calls.getSession({})).checkingStorage).toBe(true);
    const write = dispatchCall(core.calls, 'createFacility', NEW_FACILITY, LOCAL_CALLER);
    const read = await dispatchCall(core.calls, 'listFacilities', LIST_ALL, LOCAL_CALLER);
    expect(read).toMatchObject({ ok: true, value: { total: rows } });

    expect(await write).toMatchObject({ ok: true, value: { name: NEW_FACILITY.name } });
    expect(core.database.integrity).toBe('intact');
    await core.database.afterStart;
    const session = await core.calls.getSession({});
    expect(session).toMatchObject({ checkingStorage: false, storageWarning: null });
    await core.close();

    const daily = listBackups(folder.path).filter((backup) => backup.reason.kind === 'daily');
    expect(daily).toHaveLength(1);
    const copy = new BetterSqlite3(daily[0]!.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM facilities').pluck().get()).toBeGreaterThanOrEqual(rows);
    copy.close();
  });

  it('stops writes when the check after start finds damage only it can find, leaves the file byte-identical, and says where the good backup is', async () => {
    const rows = await largeRegistry(folder.path);
    // Yesterday's good copy: this start checks the file, finds it whole and backs it up.
    const first = await openCore({ dataDirectory: folder.path, appVersion: 'test' });
    await first.database.afterStart;
    await first.close();
    const [goodBackup] = listBackups(folder.path);
    expect(goodBackup?.reason).toEqual({ kind: 'daily' });
    const file = databaseFile(folder.path);
    damageNameIndex(file);
    const damaged = sha256(file);

    const core = await openCore({ dataDirectory: folder.path, appVersion: 'test' });
    expect(core.database.integrity).toBe('checking');
    const earlyWrite = dispatchCall(core.calls, 'createFacility', NEW_FACILITY, LOCAL_CALLER);
    await core.database.afterStart;
    expect(core.database.integrity).toBe('damaged');

    const message =
      `The database ${file} is damaged, so TransferReady has stopped saving changes and will not change the file. ` +
      `What it can still read stays on screen. Put a backup back in Settings, or restore one from ${backupsDirectory(folder.path)} ` +
      `(copy it over transferready.sqlite while the app is closed). The newest backup that passes the same check is ${goodBackup!.name}.`;
    expect(await earlyWrite).toEqual({ ok: false, error: { code: 'storage_error', message, fields: [] } });
    expect(await dispatchCall(core.calls, 'saveProfile', { name: 'Dana Whitfield', role: 'physician' }, LOCAL_CALLER)).toMatchObject({ ok: false, error: { code: 'storage_error', message } });
    expect(await core.calls.getSession({})).toMatchObject({ checkingStorage: false, storageWarning: message, profile: { role: 'administrator' } });
    // What can be read is still there to read.
    expect(await dispatchCall(core.calls, 'listFacilities', LIST_ALL, LOCAL_CALLER)).toMatchObject({ ok: true, value: { total: rows } });
    await core.close();

    expect(sha256(file)).toBe(damaged);
    // No daily copy of a damaged file pushes a good one out.
    expect(listBackups(folder.path).map((backup) => backup.name)).toEqual([goodBackup!.name]);

    // A start refused by a command-line job says the same as before; the file is still untouched.
    const refused = await openCore({ dataDirectory: folder.path, appVersion: 'test', waitForChecks: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseOpenError);
    expect(refused).toMatchObject({ problem: 'damaged', message: expect.stringContaining(backupsDirectory(folder.path)) });
    expect(sha256(file)).toBe(damaged);
  });

  it('takes writes again once the good backup the message names is put back from Settings', async () => {
    await largeRegistry(folder.path);
    const first = await openCore({ dataDirectory: folder.path, appVersion: 'test' });
    await first.database.afterStart;
    await first.close();
    const [goodBackup] = listBackups(folder.path);
    damageNameIndex(databaseFile(folder.path));

    const core = await openCore({ dataDirectory: folder.path, appVersion: 'test' });
    await core.database.afterStart;
    expect(core.database.integrity).toBe('damaged');
    expect(await dispatchCall(core.calls, 'restoreBackup', { name: goodBackup!.name }, LOCAL_CALLER)).toMatchObject({ ok: true, value: { restoredFrom: goodBackup!.name } });
    await core.database.afterStart;
    expect(core.database.integrity).toBe('intact');
    expect(await dispatchCall(core.calls, 'createFacility', NEW_FACILITY, LOCAL_CALLER)).toMatchObject({ ok: true });
    expect((await core.calls.getSession({})).storageWarning).toBeNull();
    await core.close();
  });
});
