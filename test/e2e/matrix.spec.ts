import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { completeFirstStart, expect, expectAccessible, test } from './host';

const CLI = join(__dirname, '..', '..', 'out', 'electron', 'cli.js');

test('a quality analyst filters the matrix to one state, plasma exchange and neuro ICU on site, verified this year, and exports exactly those rows', async ({ page, app }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, [CLI, 'seed', '--data-dir', app.dataDirectory, '--facilities', '400', '--assessments', '4000', '--seed', '11']);
  const db = new BetterSqlite3(join(app.dataDirectory, 'transferready.sqlite'), { readonly: true });
  const state = db.prepare("SELECT state FROM facilities GROUP BY state ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
  const since = `${new Date().getFullYear()}-01-01`;
  const expected = (
    db
      .prepare(
        `SELECT f.name FROM facilities f JOIN assessments a ON a.facility_id = f.id AND a.state = 'finalized'
         JOIN assessment_answers p ON p.assessment_id = a.id AND p.capability_id = 'plasmapheresis'
         JOIN assessment_answers n ON n.assessment_id = a.id AND n.capability_id = 'neuro_icu'
         WHERE f.archived = 0 AND f.state = ? AND p.status = 'on_site' AND n.status = 'on_site' AND p.verified_on >= ? AND n.verified_on >= ?
         ORDER BY lower(f.name), f.id`,
      )
      .pluck()
      .all(state, since, since) as string[]
  ).sort((a, b) => a.localeCompare(b));
  db.close();
  expect(expected.length, 'the seeded data gives the filter several rows to find').toBeGreaterThan(1);

  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page, 'Grace Okafor', 'Quality team');
  await page.getByRole('link', { name: 'Matrix' }).click();
  await expect(page.getByText(/400 facilities shown/)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('State', { exact: true }).selectOption(state);
  await page.getByLabel('Plasma exchange', { exact: true }).selectOption('on_site');
  await page.getByLabel('Neurologic ICU', { exact: true }).selectOption('on_site');
  await page.getByLabel('Verified since').fill(since);
  await expect(page.getByText(new RegExp(`^${expected.length} facilit(y|ies) shown$`))).toBeVisible();

  // Keyboard: into the grid, down a row, across to a status cell that says what it is.
  await page.locator('[data-cell="0-0"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-cell="1-2"]')).toBeFocused();
  await expect(page.locator('[data-cell="1-2"]')).toHaveAttribute('aria-label', /^Plasma exchange: On site, verified/);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export these rows to CSV' }).click();
  const file = join(app.dataDirectory, 'matrix.csv');
  await (await download).saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toMatch(/^CCN,Facility,City,State,Type,Ownership,Assessed,Plasma exchange,/);
  const exported = lines.slice(1).map((line) => (line.match(/^[^,]*,("(?:[^"]|"")*"|[^,]*)/)![1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  expect([...exported].sort((a, b) => a.localeCompare(b))).toEqual(expected);
  for (const line of lines.slice(1)) expect(line).toContain(`,${state},`);
});
