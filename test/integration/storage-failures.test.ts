import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { DatabaseOpenError } from '../../electron/core/db/connection';
import { CoreHarness } from '../support/core-harness';

/**
 * A read-only folder and a full disk, made for real with small tmpfs mounts. Root ignores file
 * permissions, so a read-only *mount* is the only honest read-only folder when tests run as root.
 * Mounting needs CAP_SYS_ADMIN; where that is missing these tests are skipped, saying why.
 */
const mountProblem = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'transferready-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();
if (mountProblem) console.warn(`Skipping the read-only folder and full disk tests: ${mountProblem}.`);

const mounts: string[] = [];
function tmpfs(sizeKb: number): string {
  const point = mkdtempSync(join(tmpdir(), 'transferready-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', point]);
  mounts.push(point);
  return point;
}
const remountReadOnly = (point: string) => execFileSync('mount', ['-o', 'remount,ro', point]);
const remountWritable = (point: string) => execFileSync('mount', ['-o', 'remount,rw', point]);
/** A core with a profile on a fresh tmpfs of `sizeKb`, its data folder inside the mount. */
async function coreOnTmpfs(sizeKb: number): Promise<{ point: string; folder: string; harness: CoreHarness }> {
  const point = tmpfs(sizeKb);
  const folder = join(point, 'data');
  const harness = await new CoreHarness({ path: folder, remove: () => undefined }).open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  return { point, folder, harness };
}

/** Fills the mount with one file until only `leaveBytes` are free; returns that file. */
function fillDiskLeaving(point: string, leaveBytes: number, name = 'filler.bin'): string {
  const free = Number(execFileSync('df', ['--output=avail', '-B1', point], { encoding: 'utf8' }).split('\n')[1]);
  const file = join(point, name);
  writeFileSync(file, Buffer.alloc(Math.max(0, free - leaveBytes)));
  return file;
}
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

afterEach(() => {
  for (const point of mounts.splice(0)) {
    execFileSync('umount', ['-l', point]);
    rmSync(point, { recursive: true, force: true });
  }
});

describe.skipIf(mountProblem !== null)('storage that will not take writes', () => {
  it('refuses a read-only data folder with a message saying what to do, and leaves the database byte-identical', async () => {
    const { point, folder, harness } = await coreOnTmpfs(8192);
    await harness.value('createFacility', { name: 'Harbor General', ccn: '050454' });
    await harness.core.close();
    const before = sha256(join(folder, 'transferready.sqlite'));

    remountReadOnly(point);
    const refused = await openCore({ dataDirectory: folder, appVersion: 'test' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseOpenError);
    expect((refused as DatabaseOpenError).problem).toBe('read_only');
    expect((refused as Error).message).toBe(
      `TransferReady cannot write to its data folder ${folder}: the folder is read-only, so nothing was opened or changed. ` +
        'Make the folder writable for your account (or move the data to a folder that is), then start TransferReady again.',
    );
    expect(sha256(join(folder, 'transferready.sqlite'))).toBe(before);

    // A folder that does not exist yet, on a read-only disk, gets the same plain message.
    const missing = join(point, 'not-yet');
    await expect(openCore({ dataDirectory: missing, appVersion: 'test' })).rejects.toMatchObject({ problem: 'read_only' });

    remountWritable(point);
    const reopened = await openCore({ dataDirectory: folder, appVersion: 'test' });
    expect((await reopened.calls.listFacilities({ search: '', state: '', facilityType: '', includeArchived: false, limit: 50 })).items.map((f) => f.name)).toEqual(['Harbor General']);
    await reopened.close();
  });

  it('answers a full disk with a plain message, keeps every write it acknowledged, and works again once space is freed', async () => {
    const { point, folder, harness } = await coreOnTmpfs(4096);
    // Leave a little room, then write until the disk says no.
    const filler = fillDiskLeaving(point, 160 * 1024);

    const acknowledged: string[] = [];
    let refusal: { code: string; message: string } | null = null;
    for (let index = 0; index < 5000 && !refusal; index++) {
      const name = `Facility ${index} ${'with a long enough name to fill pages '.repeat(4)}`.slice(0, 200);
      const result = await harness.call('createFacility', { name, notes: 'x'.repeat(4000) });
      if (result.ok) acknowledged.push(result.value.name);
      else refusal = result.error;
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refusal).toEqual({
      code: 'storage_full',
      message: 'The disk that holds TransferReady\'s data is full, so this change was not saved. Free some space on it, then try again; what you entered is still on screen.',
      fields: [],
    });

    rmSync(filler);
    const again = await harness.call('createFacility', { name: 'After space was freed' });
    expect(again.ok).toBe(true);
    await harness.core.close();

    const reopened = await openCore({ dataDirectory: folder, appVersion: 'test' });
    expect(reopened.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set((reopened.database.sqlite.prepare('SELECT name FROM facilities').pluck().all() as string[]));
    for (const name of [...acknowledged, 'After space was freed']) expect(stored.has(name)).toBe(true);
    await reopened.close();
  });

  it('still opens on a full disk when the daily backup cannot be written, says so, and leaves no partial copy', async () => {
    const { point, folder, harness } = await coreOnTmpfs(8192);
    for (let index = 0; index < 60; index++) await harness.value('createFacility', { name: `Harbor General ${index}`, notes: 'y'.repeat(4000) });
    await harness.core.close();
    rmSync(join(folder, 'backups'), { recursive: true, force: true });
    const before = sha256(join(folder, 'transferready.sqlite'));
    fillDiskLeaving(point, 64 * 1024);

    const core = await openCore({ dataDirectory: folder, appVersion: 'test' });
    // The day's copy is taken after start; its failure becomes the warning the session carries.
    await core.database.afterStart;
    const session = await core.calls.getSession({});
    expect(session.checkingStorage).toBe(false);
    expect(session.storageWarning).toBe(
      'Today\'s backup could not be taken because the disk that holds TransferReady\'s data is full. Free some space on it: until then, changes may not save.',
    );
    expect(readFileSync(join(folder, 'transferready.sqlite')).length).toBeGreaterThan(0);
    expect((await core.calls.listFacilities({ search: '', state: '', facilityType: '', includeArchived: false, limit: 100 })).total).toBe(60);
    await core.close();
    expect(sha256(join(folder, 'transferready.sqlite'))).toBe(before);
    mkdirSync(join(folder, 'backups'), { recursive: true });
    expect(execFileSync('ls', [join(folder, 'backups')], { encoding: 'utf8' }).trim()).toBe('');

    // Fuller still: no room even for SQLite's shared-memory file. Refused plainly, file untouched.
    fillDiskLeaving(point, 4096, 'filler-2.bin');
    const refused = await openCore({ dataDirectory: folder, appVersion: 'test' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      problem: 'disk_full',
      message: `The disk that holds ${folder} is full, so TransferReady could not open its database safely; nothing was changed. Free some space on that disk, then start TransferReady again.`,
    });
    expect(sha256(join(folder, 'transferready.sqlite'))).toBe(before);
  });
});
