import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { cellLimitation, unpackMatrix, type MatrixTable } from '../../shared/capability-matrix';
import type { CapabilityId } from '../../shared/questionnaire';
import { call, completeFirstStart, expect, expectAccessible, test } from './host';

const CLI = join(__dirname, '..', '..', 'out', 'electron', 'cli.js');

test('a quality analyst filters the matrix to one state, plasma exchange and neuro ICU on site, verified this year, and exports exactly those rows', async ({ page, app }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, [CLI, 'seed', '--data-dir', app.dataDirectory, '--facilities', '400', '--assessments', '4000', '--seed', '11']);
  const db = new BetterSqlite3(join(app.dataDirectory, 'transferready.sqlite'), { readonly: true });
  const state = db.prepare("SELECT state FROM facilities GROUP BY state ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
  const since = `${new Date().getFullYear()}-01-01`;
  const onSite = db
    .prepare(
      `SELECT f.name, p.details_json AS plasma, n.details_json AS icu FROM facilities f JOIN assessments a ON a.facility_id = f.id AND a.state = 'finalized'
       JOIN assessment_answers p ON p.assessment_id = a.id AND p.capability_id = 'plasmapheresis'
       JOIN assessment_answers n ON n.assessment_id = a.id AND n.capability_id = 'neuro_icu'
       WHERE f.archived = 0 AND f.state = ? AND p.status = 'on_site' AND n.status = 'on_site' AND p.verified_on >= ? AND n.verified_on >= ?
       ORDER BY lower(f.name), f.id`,
    )
    .all(state, since, since) as { name: string; plasma: string; icu: string }[];
  db.close();
  // "On site" leaves out cells whose required details speak against them, as the workup judges them.
  const passes = (id: CapabilityId, details: string) => cellLimitation(id, 'on_site', JSON.parse(details), 1) === null;
  const expected = onSite
    .filter((row) => passes('plasmapheresis', row.plasma) && passes('neuro_icu', row.icu))
    .map((row) => row.name)
    .sort((a, b) => a.localeCompare(b));
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


test('a neuro ICU that mostly does cardiac care reads “details against” in the matrix, and “On site” leaves it out unless asked for statuses as attested', async ({ page, request, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page, 'Grace Okafor', 'Quality team');
  for (const [name, icu] of [
    ['Harbor General', { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'yes' }],
    ['Lakeshore University Hospital', { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'no' }],
    ['Mercy County Hospital', { neuroCoverage: 'unknown', mostlyCardiacRespiratory: 'no' }],
  ] as const) {
    const facility = await call<{ id: number }>(request, host.url, 'createFacility', { name, state: 'MA' });
    const draft = await call<{ id: number }>(request, host.url, 'startAssessment', { facilityId: facility.id });
    for (const capabilityId of ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center']) {
      await call(request, host.url, 'saveAnswer', {
        assessmentId: draft.id,
        capabilityId,
        answer: {
          status: 'on_site',
          details: capabilityId === 'neuro_icu' ? icu : {},
          evidence: 'Asked the ICU director.',
          verifiedByName: 'Dr. Lena Ortiz',
          verifiedByRole: 'ICU director',
          verificationMethod: 'phone',
          verifiedOn: '2026-10-01',
        },
      });
    }
    await call(request, host.url, 'finalizeAssessment', { assessmentId: draft.id });
  }

  await page.getByRole('link', { name: 'Matrix' }).click();
  await expect(page.getByText(/^3 facilities shown$/)).toBeVisible();
  const harborIcu = page.getByRole('row', { name: /Harbor General/ }).getByRole('gridcell', { name: /^Neurologic ICU:/ });
  await expect(harborIcu).toContainText('On site');
  await expect(harborIcu).toContainText('details against');
  await expect(harborIcu).toHaveAttribute('aria-label', /^Neurologic ICU: On site, verified Oct 1, 2026\. Details against it: “ICU mostly does cardiac, respiratory or end-of-life care” answered Yes$/);
  const mercyIcu = page.getByRole('row', { name: /Mercy County Hospital/ }).getByRole('gridcell', { name: /^Neurologic ICU:/ });
  await expect(mercyIcu).toContainText('details not sure');
  await expectAccessible(page);

  await page.getByLabel('Neurologic ICU', { exact: true }).selectOption('on_site');
  await expect(page.getByText(/^1 facility shown$/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Lakeshore University Hospital/ })).toBeVisible();
  await page.getByLabel('Only where required details pass').uncheck();
  await expect(page.getByText(/^3 facilities shown$/)).toBeVisible();
  await page.getByLabel('Neurologic ICU', { exact: true }).selectOption('limited');
  await expect(page.getByText(/^2 facilities shown$/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export these rows to CSV' }).click();
  const file = join(app.dataDirectory, 'limited.csv');
  await (await download).saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toContain(',Neurologic ICU details,');
  expect(lines.find((line) => line.includes('Harbor General'))).toContain('"Details against it: “ICU mostly does cardiac, respiratory or end-of-life care” answered Yes"');
  expect(lines.find((line) => line.includes('Mercy County Hospital'))).toContain(',Details not sure: “Neurology or neurocritical care covers the ICU” answered Not sure');
});

test('opening the app on the matrix asks the host once for the session, once for the first rows and then once for the whole matrix: the early calls feed the page its code loads into', async ({ page, request, app }) => {
  const host = await app.start();
  await call(request, host.url, 'saveProfile', { name: 'Grace Okafor', role: 'quality' });
  for (const name of ['Harbor General', 'Lakeshore University Hospital']) await call(request, host.url, 'createFacility', { name });

  // Requests and answers of the API, in the order the page saw them.
  const seen: string[] = [];
  const callName = (url: string) => new URL(url).pathname.replace(/^\/api\//, '');
  page.on('request', (sent) => {
    if (new URL(sent.url()).pathname.startsWith('/api/')) seen.push(`asked ${callName(sent.url())}`);
  });
  page.on('response', (answer) => {
    if (new URL(answer.url()).pathname.startsWith('/api/')) seen.push(`answered ${callName(answer.url())}`);
  });
  await page.goto(`${host.url}#/matrix`);
  await expect(page.getByRole('gridcell', { name: 'Harbor General' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 facilities shown' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export these rows to CSV' })).toBeEnabled();
  const asked = seen.filter((entry) => entry.startsWith('asked ')).map((entry) => entry.slice('asked '.length));
  expect(asked.filter((name) => name === 'getSession')).toHaveLength(1);
  expect(asked.filter((name) => name === 'capabilityMatrixFirstRows')).toHaveLength(1);
  expect(asked.filter((name) => name === 'capabilityMatrix')).toHaveLength(1);
  // The whole matrix, whose parsing would otherwise hold up the first screen, is asked for only once the first rows are in.
  expect(seen.indexOf('answered capabilityMatrixFirstRows')).toBeGreaterThanOrEqual(0);
  expect(seen.indexOf('answered capabilityMatrixFirstRows')).toBeLessThan(seen.indexOf('asked capabilityMatrix'));
  // public/first-call.js made the first two before the app's code loaded, and the app took both answers.
  expect(await page.evaluate(() => Object.keys((window as { earlyCalls?: object }).earlyCalls ?? { missing: true }))).toEqual([]);
});

test('on a large registry the matrix shows its first rows and the count of all before the whole matrix is in, and a search typed meanwhile is kept and applied once it is', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, [CLI, 'seed', '--data-dir', app.dataDirectory, '--facilities', '300', '--assessments', '300', '--seed', '5']);
  const host = await app.start();
  await call(request, host.url, 'saveProfile', { name: 'Grace Okafor', role: 'quality' });
  // What the host answers, read beside the page (page.route below holds back only the page's own calls).
  const names = async (filter: object) => unpackMatrix(await call<MatrixTable>(request, host.url, 'capabilityMatrix', filter)).map((row) => row.name);
  const all = await names({});
  const word = all[0]!.split(' ')[0]!;
  const matching = await names({ search: word });
  expect(matching.length, 'the search finds some rows, not all').toBeLessThan(all.length);

  // The whole matrix is held back, as a slow read of a large registry would be.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/capabilityMatrix', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${host.url}#/matrix`);
  await expect(page.getByRole('status').filter({ hasText: `${all.length} facilities shown` })).toBeVisible();
  await expect(page.locator('[data-cell="0-0"]')).toContainText(all[0]!);
  await expect(page.getByRole('button', { name: 'Export these rows to CSV' })).toBeDisabled();
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(all.length + 1));
  // Past the first rows, the grid says the rest is on its way instead of ending.
  await page.locator('.matrix__body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
  await expect(page.getByRole('gridcell', { name: 'Loading…' }).first()).toBeVisible();

  await page.getByLabel('Search', { exact: true }).fill(word);
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();
  // Cleared again, the search is back at the default view the first rows were read for.
  await page.getByLabel('Search', { exact: true }).fill('');
  await expect(page.getByRole('status').filter({ hasText: `${all.length} facilities shown` })).toBeVisible();
  await page.getByLabel('Search', { exact: true }).fill(word);
  release();
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^${matching.length} facilit(y|ies) shown$`) })).toBeVisible();
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue(word);
  await expect(page.locator('[data-cell="0-0"]')).toContainText(matching[0]!);
  await expect(page.getByRole('gridcell', { name: 'Loading…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export these rows to CSV' })).toBeEnabled();
});

test('when the whole matrix cannot be read after its first rows, the page says so and the grid ends with the rows it has', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, [CLI, 'seed', '--data-dir', app.dataDirectory, '--facilities', '80', '--assessments', '80', '--seed', '5']);
  const host = await app.start();
  await call(request, host.url, 'saveProfile', { name: 'Grace Okafor', role: 'quality' });
  await page.route('**/api/capabilityMatrix', (route) => route.abort('connectionrefused'));
  await page.goto(`${host.url}#/matrix`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'First 50 of 80 facilities shown' })).toBeVisible();
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '51');
  await page.locator('.matrix__body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
  await expect(page.locator('[data-cell="49-0"]')).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'Loading…' })).toHaveCount(0);
});
