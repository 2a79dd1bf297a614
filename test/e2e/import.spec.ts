import { join } from 'node:path';
import { completeFirstStart, expect, expectAccessible, test } from './host';

const fixtures = join(__dirname, '..', 'fixtures');

test('import a CMS file: preview, rejected rows with line numbers, summary, then the registry filters', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expectAccessible(page);

  await page.getByLabel('CSV file').setInputFiles(join(fixtures, 'cms-hospital-general-older.csv'));
  await expect(page.getByText(/Recognised as: CMS Hospital General Information \(older headers/)).toBeVisible();
  const tiles = page.getByRole('list', { name: 'What the import will do' });
  await expect(tiles).toContainText('4 to add');
  await expect(tiles).toContainText('5 rejected');
  await expect(page.getByText(/Line 10:.*leading zero was probably lost/)).toBeVisible();
  await expect(page.getByLabel('CCN (CMS Certification Number)')).toHaveValue('Provider ID');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Import 4 facilities' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'cms-hospital-general-older.csv: 4 added, 0 updated, 0 unchanged, 5 rejected.' })).toBeVisible();

  await page.getByRole('link', { name: 'Go to the facility list' }).click();
  await expect(page.locator('.facility-name')).toHaveCount(4);
  await page.getByLabel('State').selectOption('CT');
  await expect(page.locator('.facility-name')).toHaveText(['YALE-NEW HAVEN HOSPITAL']);
  await expect(page.getByRole('row', { name: /YALE-NEW HAVEN HOSPITAL/ })).toContainText('06504');
  await page.getByLabel('State').selectOption('');
  await page.getByLabel('Search facilities').fill('parnassus');
  await expect(page.locator('.facility-name')).toHaveText(['UCSF MEDICAL CENTER "PARNASSUS"']);
});

test('import any CSV by choosing which column holds what', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.goto(`${host.url}#/import`);
  await page.getByLabel('CSV file').setInputFiles(join(fixtures, 'custom-facilities.csv'));
  await expect(page.getByText(/Recognised as: Other CSV/)).toBeVisible();
  await page.getByLabel('Address').selectOption('Location 1');
  await expect(page.getByRole('list', { name: 'What the import will do' })).toContainText('2 to add');
  await page.getByRole('button', { name: 'Import 2 facilities' }).click();
  await expect(page.getByText(/2 added/)).toBeVisible();
  await page.goto(`${host.url}#/facilities`);
  await page.getByRole('link', { name: 'Harbor View Neurological Institute' }).click();
  await expect(page.getByText('12 Pier Rd, Suite 4, Portland, ME 04101')).toBeVisible();
  await expect(page.getByText('43.6591, -70.2568')).toBeVisible();
});

test('files as Excel saves them: Windows-1252 with semicolons, and UTF-16 "Unicode text" with tabs', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.goto(`${host.url}#/import`);

  await page.getByLabel('CSV file').setInputFiles(join(fixtures, 'excel-windows-1252-semicolons.csv'));
  await expect(page.getByText(/Read as Windows-1252/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'What the import will do' })).toContainText('3 to add');
  await expect(page.getByRole('cell', { name: 'St. Mary’s Regional Medical Center' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import 3 facilities' }).click();
  await expect(page.getByText(/3 added/)).toBeVisible();

  await page.getByLabel('CSV file').setInputFiles(join(fixtures, 'excel-unicode-text.txt'));
  await expect(page.getByText(/Read as UTF-16/)).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 facilities' }).click();
  await expect(page.getByText(/2 added/)).toBeVisible();

  await page.goto(`${host.url}#/facilities`);
  for (const name of ['Hôpital Saint-Jean', 'St. Mary’s Regional Medical Center', 'Maine Medical Center; Portland campus', 'Clínica Santa María']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test('edit a facility record with clear inline errors, and read About the questions', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.getByLabel('Facility name').fill('Harbor General');
  await page.getByRole('button', { name: 'Add facility' }).click();
  await page.getByRole('link', { name: 'Harbor General' }).click();
  await page.getByRole('link', { name: 'Edit details' }).click();
  await page.getByLabel('CCN (CMS Certification Number)').fill('123');
  await page.getByLabel('ZIP code').fill('2114');
  await page.getByLabel('Latitude').fill('42.36');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('A CCN has exactly six letters or digits')).toBeVisible();
  await expect(page.getByText('a leading zero was probably lost')).toBeVisible();
  await expect(page.getByText('Enter both latitude and longitude, or neither.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('CCN (CMS Certification Number)').fill('220071');
  await page.getByLabel('ZIP code').fill('02114');
  await page.getByLabel('Longitude').fill('-71.0694');
  await page.getByLabel('State').fill('ma');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('CCN 220071')).toBeVisible();
  await expect(page.getByText('MA 02114')).toBeVisible();

  await page.getByRole('link', { name: 'Questions', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'About the questions' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Where they come from' }).getByText(/Stiff Person Syndrome Treatment & Management/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'The six capabilities' }).getByRole('heading', { level: 3 })).toHaveCount(6);
  await expectAccessible(page);
});
