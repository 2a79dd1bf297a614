import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeBackup } from '../../electron/core/db/backups';
import { exportJsonBackup } from '../../electron/core/db/json-backup';
import { generateScaleData } from '../../electron/core/scale-data';
import { CoreHarness } from '../support/core-harness';

let harness: CoreHarness;
const names = async () => (await harness.value('listFacilities', {})).items.map((facility) => facility.name).sort();

beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  await harness.value('createFacility', { name: 'Harbor General', ccn: '050454' });
});
afterEach(() => harness.dispose());

describe('restoring while the app is running', () => {
  it('puts a listed backup back, keeps the current data as a backup, records who did it, and can be undone', async () => {
    const backupFile = await takeBackup(harness.sqlite, harness.folder.path, { kind: 'daily' }, new Date('2026-03-04T08:00:00Z'));
    const backupName = backupFile.split('/').pop()!;
    await harness.value('createFacility', { name: 'Lakeside Medical Center', ccn: '140010' });

    const outcome = await harness.value('restoreBackup', { name: backupName });
    expect(outcome.restoredFrom).toBe(backupName);
    expect(outcome.safetyCopy).toMatch(/before-restore\.sqlite$/);
    expect(await names()).toEqual(['Harbor General']);
    const audit = await harness.rows<{ actor_name: string; action: string; after_json: string }>("SELECT actor_name, action, after_json FROM audit_events WHERE entity_type = 'database'");
    expect(audit).toEqual([{ actor_name: 'Dana Whitfield', action: 'restore', after_json: JSON.stringify({ restoredFrom: backupName, replacedCopySavedAs: outcome.safetyCopy }) }]);
    expect(harness.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    await harness.value('restoreBackup', { name: outcome.safetyCopy! });
    expect(await names()).toEqual(['Harbor General', 'Lakeside Medical Center']);
  });

  it('lets calls that arrive during a restore wait for it instead of meeting a closed database', async () => {
    const backupName = (await takeBackup(harness.sqlite, harness.folder.path, { kind: 'daily' })).split('/').pop()!;
    const restoring = harness.call('restoreBackup', { name: backupName });
    const meanwhile = await Promise.all([harness.call('listFacilities', {}), harness.call('createFacility', { name: 'Prairie Clinic' }), harness.call('getSession', {})]);
    expect((await restoring).ok).toBe(true);
    for (const result of meanwhile) expect(result.ok).toBe(true);
    expect(await names()).toEqual(['Harbor General', 'Prairie Clinic']);
  });

  it('refuses names that are not listed backups, and changes nothing', async () => {
    expect(await harness.call('restoreBackup', { name: '../transferready.sqlite' })).toMatchObject({ ok: false, error: { fields: [{ field: 'name', message: 'Choose one of the listed backups.' }] } });
    expect(await harness.call('restoreBackup', { name: 'transferready-2026-01-01T00-00-00-000Z-daily.sqlite' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await names()).toEqual(['Harbor General']);
  });

  it('exports and restores one JSON file, and refuses a wrong file without touching the data', async () => {
    const { fileName, json } = await harness.value('exportJsonBackup', {});
    expect(fileName).toBe('transferready-backup-2026-03-04.json');
    const before = (await exportJsonBackup(harness.core.database)).tables;
    await harness.value('createFacility', { name: 'Lakeside Medical Center' });

    const refusals = [
      ['{"hello": 1}', 'This file is not a TransferReady backup.'],
      [' '.repeat(30 * 1024 * 1024 + 1), 'too large to restore from here. Restore it from a terminal with "npm run cli -- restore FILE"'],
      ['not json', 'not valid JSON'],
      [JSON.stringify({ ...JSON.parse(json), schemaVersion: 99 }), 'newer version of TransferReady'],
    ] as const;
    for (const [text, message] of refusals) {
      const result = await harness.call('restoreJsonBackup', { json: text });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.fields[0]).toMatchObject({ field: 'json', message: expect.stringContaining(message) });
    }
    expect(await names()).toEqual(['Harbor General', 'Lakeside Medical Center']);

    const outcome = await harness.value('restoreJsonBackup', { json });
    expect(outcome).toMatchObject({ restoredFrom: 'JSON backup', safetyCopy: expect.stringMatching(/before-restore\.sqlite$/) });
    const after = (await exportJsonBackup(harness.core.database)).tables;
    // Equal row for row, plus the one audit event that records the restore itself.
    expect({ ...after, audit_events: after.audit_events!.slice(0, -1) }).toEqual(before);
    expect(after.audit_events!.at(-1)).toMatchObject({ entity_type: 'database', action: 'restore' });
  });

  it('sends a registry too large for one download to the command line instead of holding it all in memory', async () => {
    await generateScaleData(harness.core.database.db, { facilities: 300, assessments: 17_000, seed: 3, today: new Date('2026-11-23T00:00:00Z') });
    const result = await harness.call('exportJsonBackup', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^This registry holds 1\d\d,\d{3} rows, too many to download as one file from here\. Make the file from a terminal instead with "npm run cli -- backup --out FILE"/);
    }
  });
});
