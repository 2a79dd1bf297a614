import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TABLE_KEYS, TABLES } from '../../electron/core/db/backup-format';
import { databaseFile } from '../../electron/core/db/connection';
import {
  backupSource,
  exportJsonBackup,
  openJsonBackupFile,
  parseJsonBackup,
  RestoreRefused,
  restoreJsonBackup,
  writeJsonBackupFile,
  type BackupSource,
  type JsonBackup,
} from '../../electron/core/db/json-backup';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import type { SharedRegistry } from '../../electron/core/db/postgresql-registry';
import { registryDigest } from '../../electron/core/db/registry-digest';
import { restoreIntoSharedRegistry } from '../../electron/core/db/shared-registry-backup';
import { generateScaleData } from '../../electron/core/scale-data';
import { CoreHarness, TEST_ENGINE, type RegistryEngine } from '../support/core-harness';
import { makeTempFolder } from '../support/temp-folder';

let harness: CoreHarness;
/** Backup files made by the tests. */
let other: ReturnType<typeof makeTempFolder>;
/** Registries opened by a test beside the harness, disposed after it. */
let opened: { dispose(): Promise<void> }[];

/** Another registry for a backup to go into: a new data folder, or a new, empty shared database. */
interface RestoreTarget {
  /** Puts the backup in: replaces the data folder's file (keeping the old one), or fills the empty shared registry. */
  restore(backup: JsonBackup | BackupSource): Promise<{ rows: number; safetyCopy: string | null }>;
  /** What "nothing was changed" compares: the SQLite file's bytes, or the shared registry's digest. */
  fingerprint(): Promise<unknown>;
  /** A harness on what was restored (on SQLite, opened once, after the restores). */
  open(): Promise<CoreHarness>;
}

async function restoreTarget(engine: RegistryEngine = TEST_ENGINE): Promise<RestoreTarget> {
  if (engine === 'sqlite') {
    const folder = makeTempFolder();
    let restored: CoreHarness | null = null;
    opened.push({ dispose: async () => (restored ? restored.dispose() : folder.remove()) });
    return {
      restore: (backup) => restoreJsonBackup(backup, folder.path),
      fingerprint: async () => readFileSync(databaseFile(folder.path)),
      open: async () => (restored ??= await new CoreHarness(folder, 'sqlite').open()),
    };
  }
  const restored = await new CoreHarness(undefined, 'postgresql').open();
  opened.push(restored);
  return {
    restore: async (backup) => ({ ...(await restoreIntoSharedRegistry(sharedRegistryOf(restored), 'tables' in backup ? backupSource(backup) : backup)), safetyCopy: null }),
    fingerprint: () => registryDigest(restored.core.database),
    open: async () => restored,
  };
}

function sharedRegistryOf(h: CoreHarness): SharedRegistry {
  const registry = h.core.database;
  if (registry.backend !== 'postgresql') throw new Error('This harness is not on the shared registry.');
  return registry;
}

/**
 * Each table's rows in the order of its key: the shared registry writes them in key order, a
 * desktop in the order they were stored, so tables from the two engines compare this way.
 */
function rowsByKey(backup: JsonBackup): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(
    TABLES.map((table) => {
      const keyOf = (row: Record<string, unknown>) => JSON.stringify(TABLE_KEYS[table].map((column) => row[column]));
      return [table, [...(backup.tables[table] ?? [])].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))];
    }),
  );
}

const rowCount = (backup: JsonBackup) => Object.values(backup.tables).reduce((sum, table) => sum + table.length, 0);

/** A registry with facilities, assessments through many revisions, a case and an issued letter. */
async function seed(h: CoreHarness, seedNumber: number): Promise<void> {
  await h.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  await generateScaleData(h.core.database.db, { facilities: 30, assessments: 120, seed: seedNumber, today: new Date('2026-11-23T00:00:00Z') });
  const facility = await h.value('createFacility', { name: 'Harbor "Quoted", General', ccn: '050454', zip: '02114' });
  const transferCase = await h.value('createCase', {
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'M-1', insurer: 'Plan', memberId: 'X-1' },
    gad65: 'positive',
    stage: 'acute',
    flags: ['baclofenPump'],
    referringFacilityId: facility.id,
    physician: { name: 'Dr. Alan Reyes', npi: '1234567893', phone: '555-0100' },
  });
  const letter = await h.value('openLetterDraft', { caseId: transferCase.id, audience: 'family' });
  await h.value('issueLetter', { letterId: letter.id });
}

beforeEach(async () => {
  opened = [];
  harness = await new CoreHarness().open();
  other = makeTempFolder();
  await seed(harness, 5);
});
afterEach(async () => {
  for (const registry of opened) await registry.dispose();
  await harness.dispose();
  other.remove();
});

/**
 * A test about one engine's restore (a desktop's safety copy; a shared registry that only fills
 * while empty, and the move between the two) is registered only in that engine's project: the
 * config runs this file once per engine, so each test runs where it applies and none is skipped.
 */
const onEngine = (engine: RegistryEngine): typeof it => (TEST_ENGINE === engine ? it : (((() => undefined) as unknown) as typeof it));

describe('JSON backup and restore', () => {
  it('round-trips the whole registry row for row, and finalized answers, the audit trail and issued letters stay frozen', async () => {
    const backup = await exportJsonBackup(harness.core.database);
    expect(backup.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.tables.assessments!.length).toBeGreaterThanOrEqual(120);
    expect(backup.tables.letters).toMatchObject([{ state: 'issued' }]);

    const target = await restoreTarget();
    const { rows, safetyCopy } = await target.restore(parseJsonBackup(JSON.stringify(backup)));
    expect(safetyCopy).toBeNull();
    expect(rows).toBe(rowCount(backup));

    const restored = await target.open();
    expect(rowsByKey(await exportJsonBackup(restored.core.database))).toEqual(rowsByKey(backup));
    const digest = await registryDigest(harness.core.database);
    expect(await registryDigest(restored.core.database)).toEqual(digest);

    await expect(restored.rows("UPDATE assessment_answers SET status = 'on_site'")).rejects.toThrow(/read-only/);
    await expect(restored.rows('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(restored.rows("UPDATE letters SET content_json = '{}' WHERE state = 'issued'")).rejects.toThrow(/immutable/);
    expect(await registryDigest(restored.core.database)).toEqual(digest);

    // The restored registry goes on from there: new rows get ids after the restored ones.
    const { id } = await restored.value('createFacility', { name: 'Opened after the restore' });
    expect(id).toBeGreaterThan(Math.max(...backup.tables.facilities!.map((row) => row.id as number)));
  });

  onEngine('sqlite')('keeps a copy of the current database before replacing it', async () => {
    const backup = await exportJsonBackup(harness.core.database);
    const target = await restoreTarget();
    await target.restore(backup);
    const second = await target.restore(backup);
    expect(second.safetyCopy).toMatch(/before-restore\.sqlite$/);
  });

  onEngine('postgresql')('loads a backup into a shared registry only while it is empty, and says so otherwise, changing nothing', async () => {
    // The in-app export of the shared registry, loaded into another, empty one.
    const { json } = await harness.value('exportJsonBackup', {});
    const target = await restoreTarget();
    const first = await target.restore(parseJsonBackup(json));
    expect(first.rows).toBe(rowCount(parseJsonBackup(json)));
    const loaded = await target.fingerprint();
    expect(loaded).toEqual(await registryDigest(harness.core.database));

    const refusal = /^The shared registry at postgresql:\/\/.+ already holds [\d,]+ rows, so the backup was not loaded: .+ Nothing was changed\.$/;
    await expect(target.restore(parseJsonBackup(json))).rejects.toThrow(RestoreRefused);
    await expect(target.restore(parseJsonBackup(json))).rejects.toThrow(refusal);
    expect(await target.fingerprint()).toEqual(loaded);

    // Through the call: the app points to the terminal, where a backup goes into a new, empty database.
    const before = await registryDigest(harness.core.database);
    const call = await harness.call('restoreJsonBackup', { json });
    expect(call).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ field: 'json', message: expect.stringMatching(/from a terminal, into a new, empty database: npm run cli -- restore FILE --database .* Nothing was changed\.$/) }] },
    });
    expect(await registryDigest(harness.core.database)).toEqual(before);

    // A backup from a newer version is refused even by an empty registry, which stays empty.
    const empty = await restoreTarget();
    const nothing = await empty.fingerprint();
    await expect(empty.restore({ ...parseJsonBackup(json), schemaVersion: LATEST_SCHEMA_VERSION + 1 })).rejects.toThrow(/newer version of TransferReady.*Nothing was changed\./);
    expect(await empty.fingerprint()).toEqual(nothing);
  });

  it('refuses a backup from a newer schema, or a file that is not a backup, and changes nothing', async () => {
    const backup = await exportJsonBackup(harness.core.database);
    const target = await restoreTarget();
    await target.restore(backup);
    const before = await target.fingerprint();
    expect(() => parseJsonBackup(JSON.stringify({ ...backup, schemaVersion: LATEST_SCHEMA_VERSION + 1 }))).toThrow(/newer version of TransferReady/);
    expect(() => parseJsonBackup('{"hello": "world"}')).toThrow(RestoreRefused);
    expect(() => parseJsonBackup('not json')).toThrow(/not valid JSON/);
    expect(await target.fingerprint()).toEqual(before);
  });

  it('writes a large registry a row per line and reads it back the same way, equal row for row', async () => {
    await generateScaleData(harness.core.database.db, { facilities: 200, assessments: 3000, seed: 9, today: new Date('2026-11-23T00:00:00Z') });
    const file = join(other.path, 'registry.json');
    const { rows } = await writeJsonBackupFile(harness.core.database, file);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    // The opening line, one line per row, and each table's opening and closing lines.
    expect(lines).toHaveLength(1 + rows + 2 * TABLES.length);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(await exportJsonBackup(harness.core.database, new Date(JSON.parse(text).exportedAt)))));

    const target = await restoreTarget();
    const restored = await target.restore(openJsonBackupFile(file));
    expect(restored.rows).toBe(rows);
    const reopened = await target.open();
    expect(rowsByKey(await exportJsonBackup(reopened.core.database))).toEqual(rowsByKey(await exportJsonBackup(harness.core.database)));
    expect(await reopened.rows('SELECT * FROM standing_profiles ORDER BY facility_id')).toEqual(await harness.rows('SELECT * FROM standing_profiles ORDER BY facility_id'));
  }, 90_000);

  it('still reads a backup written as one line (the first format), and refuses a damaged file line by line, changing nothing', async () => {
    const oneLine = join(other.path, 'one-line.json');
    writeFileSync(oneLine, JSON.stringify(await exportJsonBackup(harness.core.database)));
    const loaded = await restoreTarget();
    await loaded.restore(openJsonBackupFile(oneLine));
    // A desktop's restore replaces its file whatever it holds; the shared registry only takes a
    // backup while empty, so there the damaged files go to an empty one.
    const into = TEST_ENGINE === 'sqlite' ? loaded : await restoreTarget();
    const before = await into.fingerprint();

    const good = join(other.path, 'good.json');
    await writeJsonBackupFile(harness.core.database, good);
    const lines = readFileSync(good, 'utf8').split('\n');
    const firstRow = lines.findIndex((line) => line.startsWith('{"id":'));
    const lastRow = lines.findLastIndex((line) => line.startsWith('{'));
    expect(lastRow).toBeGreaterThan(firstRow + 100);
    const damaged = (name: string, edit: (copy: string[]) => void) => {
      const copy = [...lines];
      edit(copy);
      const file = join(other.path, name);
      writeFileSync(file, copy.join('\n'));
      return file;
    };
    const cases: [string, RegExp][] = [
      [damaged('cut.json', (copy) => (copy[firstRow] = copy[firstRow]!.slice(0, 20))), new RegExp(`^Line ${firstRow + 1} of the backup is damaged\\. Nothing was changed\\.$`)],
      // Damage at the very end, after every other row has gone in.
      [damaged('cut-last.json', (copy) => (copy[lastRow] = copy[lastRow]!.slice(0, 20))), new RegExp(`^Line ${lastRow + 1} of the backup is damaged\\. Nothing was changed\\.$`)],
      [damaged('table.json', (copy) => (copy[1] = '"patients":[')), /names a table this version does not know \(patients\)/],
      [damaged('column.json', (copy) => (copy[firstRow] = copy[firstRow]!.replace('{"id":', '{"id) VALUES (1); --":'))), /a column this version does not know/],
      [damaged('newer.json', (copy) => (copy[0] = copy[0]!.replace(/"schemaVersion":\d+/, `"schemaVersion":${LATEST_SCHEMA_VERSION + 1}`))), /newer version of TransferReady/],
    ];
    for (const [file, message] of cases) {
      await expect(Promise.resolve().then(() => into.restore(openJsonBackupFile(file)))).rejects.toThrow(message);
    }
    expect(await into.fingerprint()).toEqual(before);

    const restored = await loaded.open();
    expect(await registryDigest(restored.core.database)).toEqual(await registryDigest(harness.core.database));
  });

  onEngine('postgresql')(
    'moves a desktop registry into the shared one and back, equal table by table at each step, audit trail included',
    async () => {
      const desktop = await new CoreHarness(undefined, 'sqlite').open();
      opened.push(desktop);
      await seed(desktop, 7);
      // Migration 7's people and roles travel too.
      const [facility] = (await desktop.value('listFacilities', {})).items;
      await desktop.value('grantRole', { email: 'ari@example.org', role: 'assessor', facilityId: facility!.id });
      const desktopDigest = await registryDigest(desktop.core.database);
      for (const table of TABLES) expect(desktopDigest.find((digest) => digest.table === table)!.rows, table).toBeGreaterThan(0);
      // The digest tells registries apart: the harness's, seeded otherwise, differs.
      expect(await registryDigest(harness.core.database)).not.toEqual(desktopDigest);

      // Desktop → JSON → shared registry, as `npm run cli -- restore FILE --database …` does.
      const fromDesktop = join(other.path, 'desktop.json');
      const written = await writeJsonBackupFile(desktop.core.database, fromDesktop);
      const shared = await restoreTarget('postgresql');
      expect((await shared.restore(openJsonBackupFile(fromDesktop))).rows).toBe(written.rows);
      const sharedHarness = await shared.open();
      expect(await registryDigest(sharedHarness.core.database)).toEqual(desktopDigest);
      expect(rowsByKey(await exportJsonBackup(sharedHarness.core.database))).toEqual(rowsByKey(await exportJsonBackup(desktop.core.database)));
      const standing = 'SELECT * FROM standing_profiles ORDER BY facility_id';
      expect(await sharedHarness.rows(standing)).toEqual(await desktop.rows(standing));

      // The shared registry's own guarantees hold over the moved rows.
      await expect(sharedHarness.rows("UPDATE assessment_answers SET evidence = 'changed'")).rejects.toThrow(/read-only/);
      await expect(sharedHarness.rows('DELETE FROM audit_events WHERE id = 1')).rejects.toThrow(/append-only/);
      await expect(sharedHarness.rows('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
      await expect(sharedHarness.rows("DELETE FROM letters WHERE state = 'issued'")).rejects.toThrow(/immutable/);
      expect(await registryDigest(sharedHarness.core.database)).toEqual(desktopDigest);

      // Shared registry → JSON → a desktop again.
      const fromShared = join(other.path, 'shared.json');
      await writeJsonBackupFile(sharedHarness.core.database, fromShared);
      const back = await restoreTarget('sqlite');
      await back.restore(openJsonBackupFile(fromShared));
      const backHarness = await back.open();
      expect(await registryDigest(backHarness.core.database)).toEqual(desktopDigest);
      expect(rowsByKey(await exportJsonBackup(backHarness.core.database))).toEqual(rowsByKey(await exportJsonBackup(desktop.core.database)));
      expect(await backHarness.rows(standing)).toEqual(await desktop.rows(standing));
      expect(backHarness.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    },
    60_000,
  );
});
