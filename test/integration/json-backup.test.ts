import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core/db/connection';
import { exportJsonBackup, parseJsonBackup, RestoreRefused, restoreJsonBackup } from '../../electron/core/db/json-backup';
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
});
