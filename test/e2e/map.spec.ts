import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { cellLimitation } from '../../shared/capability-matrix';
import { completeFirstStart, expect, expectAccessible, test } from './host';

const CLI = join(__dirname, '..', '..', 'out', 'electron', 'cli.js');

test('the map answers "who can take a patient needing plasma exchange and a neuro ICU" by mouse and by keyboard', async ({ page, app }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, [CLI, 'seed', '--data-dir', app.dataDirectory, '--facilities', '300', '--assessments', '1500', '--seed', '7']);
  const db = new BetterSqlite3(join(app.dataDirectory, 'transferready.sqlite'), { readonly: true });
  const state = db.prepare('SELECT state FROM facilities GROUP BY state ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
  const count = (sql: string) => db.prepare(sql).pluck().get(state) as number;
  const inState = count('SELECT count(*) FROM facilities WHERE state = ? AND archived = 0');
  // On site by status, then only where the details every patient needs pass, as the map judges them.
  const onSiteRows = (
    db
      .prepare(
        `SELECT f.id, f.name, sp.plasmapheresis_details_json AS plasma, sp.neuro_icu_details_json AS icu FROM facilities f JOIN standing_profiles sp ON sp.facility_id = f.id
          WHERE f.state = ? AND f.archived = 0 AND sp.plasmapheresis_status = 'on_site' AND sp.neuro_icu_status = 'on_site' ORDER BY f.name`,
      )
      .all(state) as { id: number; name: string; plasma: string; icu: string }[]
  ).filter((row) => !cellLimitation('plasmapheresis', 'on_site', JSON.parse(row.plasma), 1) && !cellLimitation('neuro_icu', 'on_site', JSON.parse(row.icu), 1));
  const onSite = onSiteRows.length;
  const firstOnSite = onSiteRows[0]!;
  db.close();
  expect(onSite, 'the seeded state has facilities that cover both').toBeGreaterThan(0);

  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page, 'Grace Okafor', 'Quality team');
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Facility map', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Plasma exchange')).toBeChecked();
  await expect(page.getByLabel('Neurologic ICU')).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'of 300 facilities have Plasma exchange and Neurologic ICU on site' })).toBeVisible();
  await expect(page.locator('svg.map path.map__state')).toHaveCount(51);
  await expectAccessible(page);

  await page.getByLabel('State').selectOption(state);
  await expect(page.getByRole('status').filter({ hasText: `${onSite} of ${inState} facilities in ${state} have` })).toBeVisible();

  // Only the facilities that can take the patient: hide the other three kinds.
  for (const kind of ['Has every one, some through a partner', 'Missing, unknown or not verified recently', 'Not assessed yet']) {
    await page.getByRole('button', { name: new RegExp(`^${kind}`) }).click();
  }
  const list = page.getByRole('listbox', { name: 'Facilities on the map' });
  await expect(list.getByRole('option')).toHaveCount(Math.min(onSite, 20));
  await expect(page.locator('svg.map .map__markers path')).toHaveCount(onSite);
  await expectAccessible(page);

  // Keyboard: focus the list, move, and open with Enter.
  await list.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await expect(list.getByRole('option', { selected: true })).toContainText(firstOnSite.name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: firstOnSite.name, level: 1 })).toBeVisible();

  // Mouse: a marker opens its facility.
  await page.goBack();
  await page.getByLabel('Plasma exchange').uncheck();
  await page.getByLabel('Neurologic ICU').uncheck();
  await expect(page.getByText('Choose at least one capability to map.')).toBeVisible();
  await page.getByLabel('Neurologic ICU').check();
  // The last marker drawn is the one on top wherever markers overlap.
  const marker = page.locator('svg.map .map__markers path').last();
  const title = (await marker.locator('title').textContent()) ?? '';
  await marker.click({ force: true });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title.split(',')[0]!);
});
