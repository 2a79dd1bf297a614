import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core/db/connection';
import { exportJsonBackup, openJsonBackupFile, parseJsonBackup, RestoreRefused, restoreJsonBackup, writeJsonBackupFile } from '../../electron/core/db/json-backup';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { generateScaleData } from '../../electron/core/scale-data';
import { CoreHarness } from '../support/core-harness';
import { makeTempFolder } from '../support/temp-folder';

let harness: CoreHarness;
let other: ReturnType<typeof makeTempFolder>;

beforeEach(async () => {
  harness = await new CoreHarness().open();
  other = makeTempFolder();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  await generateScaleData(harness.core.database.db, { facilities: 30, assessments: 120, seed: 5, today: new Date('2026-11-23T00:00:00Z') });
  const facility = await harness.value('createFacility', { name: 'Harbor "Quoted", General', ccn: '050454', zip: '02114' });
  await harness.value('createCase', {
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'M-1', insurer: 'Plan', memberId: 'X-1' },
    gad65: 'positive',
    stage: 'acute',
    flags: ['baclofenPump'],
    referringFacilityId: facility.id,
    physician: { name: 'Dr. Alan Reyes', npi: '1234567893', phone: '555-0100' },
  });
});
afterEach(async () => {
  await harness.dispose();
  other.remove();
});

describe('JSON backup and restore', () => {
  it('round-trips the whole database row for row, and finalized answers stay frozen', async () => {
    const backup = exportJsonBackup(harness.core.database.sqlite);
    expect(backup.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.tables.assessments!.length).toBeGreaterThanOrEqual(120);

    const { rows, safetyCopy } = await restoreJsonBackup(parseJsonBackup(JSON.stringify(backup)), other.path);
    expect(safetyCopy).toBeNull();
    expect(rows).toBe(Object.values(backup.tables).reduce((sum, table) => sum + table.length, 0));

    const restored = await new CoreHarness(other).open();
    const again = exportJsonBackup(restored.core.database.sqlite);
    expect(again.tables).toEqual(backup.tables);
    expect(() => restored.core.database.sqlite.prepare("UPDATE assessment_answers SET status = 'on_site'").run()).toThrow(/read-only/);
    expect(() => restored.core.database.sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    await restored.core.close();
  });

  it('keeps a copy of the current database before replacing it', async () => {
    const backup = exportJsonBackup(harness.core.database.sqlite);
    await restoreJsonBackup(backup, other.path);
    const second = await restoreJsonBackup(backup, other.path);
    expect(second.safetyCopy).toMatch(/before-restore\.sqlite$/);
  });

  it('refuses a backup from a newer schema, or a file that is not a backup, and changes nothing', async () => {
    const backup = exportJsonBackup(harness.core.database.sqlite);
    await restoreJsonBackup(backup, other.path);
    const before = readFileSync(databaseFile(other.path));
    expect(() => parseJsonBackup(JSON.stringify({ ...backup, schemaVersion: LATEST_SCHEMA_VERSION + 1 }))).toThrow(/newer version of TransferReady/);
    expect(() => parseJsonBackup('{"hello": "world"}')).toThrow(RestoreRefused);
    expect(() => parseJsonBackup('not json')).toThrow(/not valid JSON/);
    expect(readFileSync(databaseFile(other.path)).equals(before)).toBe(true);
  });

  it('writes a large registry a row per line and reads it back the same way, equal row for row', async () => {
    await generateScaleData(harness.core.database.db, { facilities: 200, assessments: 3000, seed: 9, today: new Date('2026-11-23T00:00:00Z') });
    const file = join(other.path, 'registry.json');
    const { rows } = writeJsonBackupFile(harness.core.database.sqlite, file);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // The opening line, one line per row, and each table's opening and closing lines.
    expect(lines).toHaveLength(1 + rows + 2 * 9);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(exportJsonBackup(harness.core.database.sqlite, new Date(JSON.parse(readFileSync(file, 'utf8')).exportedAt)))));

    const target = join(other.path, 'restored');
    const restored = await restoreJsonBackup(openJsonBackupFile(file), target);
    expect(restored.rows).toBe(rows);
    const reopened = await new CoreHarness({ path: target, remove: () => undefined }).open();
    expect(exportJsonBackup(reopened.core.database.sqlite).tables).toEqual(exportJsonBackup(harness.core.database.sqlite).tables);
    expect(reopened.rows('SELECT * FROM standing_profiles ORDER BY facility_id')).toEqual(harness.rows('SELECT * FROM standing_profiles ORDER BY facility_id'));
    await reopened.core.close();
  });

  it('still reads a backup written as one line (the first format), and refuses a damaged file line by line, changing nothing', async () => {
    const oneLine = join(other.path, 'one-line.json');
    writeFileSync(oneLine, JSON.stringify(exportJsonBackup(harness.core.database.sqlite)));
    await restoreJsonBackup(openJsonBackupFile(oneLine), other.path);
    const before = readFileSync(databaseFile(other.path));

    const good = join(other.path, 'good.json');
    writeJsonBackupFile(harness.core.database.sqlite, good);
    const lines = readFileSync(good, 'utf8').split('\n');
    const firstRow = lines.findIndex((line) => line.startsWith('{"id":'));
    const damaged = (name: string, edit: (copy: string[]) => void) => {
      const copy = [...lines];
      edit(copy);
      const file = join(other.path, name);
      writeFileSync(file, copy.join('\n'));
      return file;
    };
    const cases: [string, RegExp][] = [
      [damaged('cut.json', (copy) => (copy[firstRow] = copy[firstRow]!.slice(0, 20))), new RegExp(`^Line ${firstRow + 1} of the backup is damaged\\. Nothing was changed\\.$`)],
      [damaged('table.json', (copy) => (copy[1] = '"patients":[')), /names a table this version does not know \(patients\)/],
      [damaged('column.json', (copy) => (copy[firstRow] = copy[firstRow]!.replace('{"id":', '{"id) VALUES (1); --":'))), /a column this version does not know/],
      [damaged('newer.json', (copy) => (copy[0] = copy[0]!.replace(/"schemaVersion":\d+/, `"schemaVersion":${LATEST_SCHEMA_VERSION + 1}`))), /newer version of TransferReady/],
    ];
    for (const [file, message] of cases) {
      await expect(Promise.resolve().then(() => restoreJsonBackup(openJsonBackupFile(file), other.path))).rejects.toThrow(message);
    }
    expect(readFileSync(databaseFile(other.path)).equals(before)).toBe(true);
  });
});
