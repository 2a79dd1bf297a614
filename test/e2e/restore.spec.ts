import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeFirstStart, expect, expectAccessible, test } from './host';
import type { Page } from '@playwright/test';

async function addFacility(page: Page, name: string) {
  await page.getByRole('link', { name: 'Facilities' }).click();
  await page.getByLabel('Facility name').fill(name);
  await page.getByRole('button', { name: 'Add facility' }).click();
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
}

async function expectFacilities(page: Page, present: string[], absent: string[]) {
  await page.getByRole('link', { name: 'Facilities' }).click();
  for (const name of present) await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  for (const name of absent) await expect(page.getByRole('cell', { name, exact: true })).toHaveCount(0);
}

test('an administrator puts yesterday\'s copy back from Settings, then undoes it; and round-trips a JSON backup file', async ({ page, app }) => {
  test.setTimeout(90_000);
  let host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await addFacility(page, 'Harbor General');
  // The daily copy is taken when the app starts on a day with data and no copy yet.
  await host.stop();
  host = await app.start();
  await page.goto(host.url);
  await addFacility(page, 'Lakeside Medical Center');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('cell', { name: 'Daily copy' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Restore the backup taken/ }).click();
  await expect(page.getByText('Replace all current data with this copy?')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Replace all current data with this copy?')).toHaveCount(0);
  await page.getByRole('button', { name: /^Restore the backup taken/ }).click();
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  const done = page.getByRole('status').filter({ hasText: /^Restored from/ });
  await expect(done).toContainText('The data as it was just before is kept as');
  await expectAccessible(page);
  await expectFacilities(page, ['Harbor General'], ['Lakeside Medical Center']);

  // Undo: the copy taken just before the restore is listed and brings the newer data back.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('row', { name: /Taken just before a restore/ }).getByRole('button', { name: /^Restore the backup taken/ }).click();
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Restored from/ })).toBeVisible();
  await expectFacilities(page, ['Harbor General', 'Lakeside Medical Center'], []);

  // One JSON file out, a change, the file back in.
  await page.getByRole('link', { name: 'Settings' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a JSON backup' }).click();
  const saved = join(app.dataDirectory, 'exported.json');
  await (await download).saveAs(saved);
  expect((await download).suggestedFilename()).toMatch(/^transferready-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ format: 'transferready-backup' });
  await addFacility(page, 'Prairie Clinic');

  await page.getByRole('link', { name: 'Settings' }).click();
  // From a file on disk: a 31 MB in-memory buffer is shipped to the browser over the protocol, which alone can take a minute on a busy machine.
  const huge = join(app.dataDirectory, 'huge.json');
  writeFileSync(huge, Buffer.alloc(31 * 1024 * 1024, 32));
  await page.getByLabel('Restore from a JSON backup').setInputFiles(huge);
  await page.getByRole('button', { name: 'Restore from huge.json…' }).click();
  await page.getByRole('button', { name: 'Restore this file' }).click();
  await expect(page.getByRole('alert')).toContainText('too large to restore from here. Restore it from a terminal with "npm run cli -- restore FILE"');

  await page.getByLabel('Restore from a JSON backup').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.getByRole('button', { name: 'Restore from notes.json…' }).click();
  await page.getByRole('button', { name: 'Restore this file' }).click();
  await expect(page.getByRole('alert')).toContainText('This file is not a TransferReady backup. Nothing was changed.');

  await page.getByLabel('Restore from a JSON backup').setInputFiles(saved);
  await page.getByRole('button', { name: 'Restore from exported.json…' }).click();
  await page.getByRole('button', { name: 'Restore this file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from the JSON backup file.' })).toBeVisible();
  await expectFacilities(page, ['Harbor General', 'Lakeside Medical Center'], ['Prairie Clinic']);
});
