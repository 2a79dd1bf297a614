import type { APIRequestContext } from '@playwright/test';
import { call, completeFirstStart, expect, expectAccessible, test } from './host';

const CAPABILITIES = ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'];

/** Facilities and assessments come in through the contract; this spec is about what a physician reads. */

async function assess(
  request: APIRequestContext,
  url: string,
  facilityId: number,
  statuses: Record<string, string>,
  details: Record<string, Record<string, string | number>> = {},
) {
  const draft = await call<{ id: number }>(request, url, 'startAssessment', { facilityId });
  for (const capabilityId of CAPABILITIES) {
    await call(request, url, 'saveAnswer', {
      assessmentId: draft.id,
      capabilityId,
      answer: {
        status: statuses[capabilityId] ?? 'on_site',
        details: details[capabilityId] ?? {},
        partner: null,
        evidence: 'Confirmed with the unit lead.',
        verifiedByName: 'Dr. Priya Natarajan',
        verifiedByRole: 'ICU medical director',
        verificationMethod: 'phone',
        verifiedOn: '2026-10-12',
      },
    });
  }
  return call<{ id: number }>(request, url, 'finalizeAssessment', { assessmentId: draft.id });
}

const PUMP_FAILURE_NO = '“Can manage intrathecal baclofen pump failure and withdrawal” was answered “No”';

test('a pump patient sees the nearest ICU that cannot manage pump failure ranked below one that can, with the detail named', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  const host = await app.start();
  const url = host.url;
  await page.goto(url);
  await completeFirstStart(page, 'Dr. Alan Reyes', 'Physician');

  // Valley is where the patient is; Riverside is 20 km away, Summit about 150 km.
  const valley = await call<{ id: number }>(request, url, 'createFacility', { name: 'Valley Community Hospital', city: 'Dothan', state: 'AL', latitude: 31.2232, longitude: -85.3905 });
  const riverside = await call<{ id: number }>(request, url, 'createFacility', { name: 'Riverside Medical Center', city: 'Headland', state: 'AL', latitude: 31.3513, longitude: -85.3422 });
  const summit = await call<{ id: number }>(request, url, 'createFacility', { name: 'Summit University Hospital', city: 'Montgomery', state: 'AL', latitude: 32.3668, longitude: -86.3 });
  await assess(request, url, valley.id, { neuro_icu: 'not_available' });
  const icu = { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'no', neurosurgeryOnCall: 'yes' };
  await assess(request, url, riverside.id, {}, { neuro_icu: { ...icu, baclofenPumpFailure: 'no' } });
  await assess(request, url, summit.id, {}, { neuro_icu: { ...icu, baclofenPumpFailure: 'yes' } });

  await page.getByRole('link', { name: 'Transfer cases' }).click();
  await page.getByRole('link', { name: 'New transfer case' }).click();
  await page.getByLabel('Full name').fill('Jonah Whitaker');
  await page.getByLabel('Date of birth').fill('1971-02-17');
  await page.getByLabel('Medical record number (MRN)').fill('MRN-551902');
  await page.getByLabel('Insurer', { exact: true }).fill('Blue Harbor Health Plan');
  await page.getByLabel('Member ID').fill('BHH-7719920');
  await page.getByLabel('Intrathecal baclofen pump in place').check();
  await expect(page.getByRole('group', { name: 'Safety flags' })).toBeVisible();
  await page.getByLabel('Referring facility', { exact: true }).selectOption({ label: 'Valley Community Hospital — Dothan, AL' });
  await page.getByLabel('NPI').fill('1234567893');
  await page.getByLabel('Phone families and reviewers can call').fill('(555) 201-4400');
  await page.getByRole('button', { name: 'Create case' }).click();

  await expect(page.getByRole('heading', { name: 'Jonah Whitaker', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Transfer recommended — / })).toBeVisible();
  await expect(page.getByText('An intrathecal baclofen pump is in place', { exact: false })).toBeVisible();

  const rows = page.getByRole('table', { name: 'Receiving candidates, best first' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('Summit University Hospital');
  await expect(rows.nth(1)).toContainText('Covers every need');
  await expect(rows.nth(2)).toContainText('Riverside Medical Center');
  await expect(rows.nth(2)).toContainText('Falls short on 1 need');
  await expect(rows.nth(2)).toContainText(PUMP_FAILURE_NO);
  // Riverside really is the nearer one: the ranking put fit before distance.
  const miles = async (row: number) => Number((await rows.nth(row).getByRole('cell').first().innerText()).match(/([\d,]+) mi/)![1]!.replace(',', ''));
  expect(await miles(2)).toBeLessThan(await miles(1));
  await expectAccessible(page);
});

test('the case form keeps what was typed when the urgency reason is missing, and the workup shows the physician’s urgency', async ({ page, request, app }) => {
  test.setTimeout(90_000);
  const host = await app.start();
  const url = host.url;
  await page.goto(url);
  await completeFirstStart(page, 'Dr. Alan Reyes', 'Physician');
  const valley = await call<{ id: number }>(request, url, 'createFacility', { name: 'Valley Community Hospital', city: 'Dothan', state: 'AL' });
  await assess(request, url, valley.id, { neuro_icu: 'not_available' });

  await page.getByRole('link', { name: 'Transfer cases' }).click();
  await page.getByRole('link', { name: 'New transfer case' }).click();
  await page.getByLabel('Full name').fill('Lily Ortega');
  await page.getByLabel('Date of birth').fill('2014-05-02');
  await expect(page.getByRole('group', { name: /Parent or legal guardian \(needed\)/ })).toBeVisible();
  await page.getByLabel('Parent or guardian’s name').fill('Rosa Ortega');
  await page.getByLabel('Relationship to the patient').fill('mother');
  await page.getByLabel('Medical record number (MRN)').fill('MRN-220117');
  await page.getByLabel('Insurer', { exact: true }).fill('Blue Harbor Health Plan');
  await page.getByLabel('Member ID').fill('BHH-1100234');
  await page.getByLabel('Anti-amphiphysin positive').check();
  await page.getByLabel('Plasma exchange planned').check();
  await page.getByLabel('Plasma exchange must start within (days)').fill('3');
  await page.getByLabel('Suicidal thoughts or behaviour').check();
  await page.getByRole('radio', { name: 'Emergent' }).check();
  await page.getByLabel('Referring facility', { exact: true }).selectOption({ label: 'Valley Community Hospital — Dothan, AL' });
  await page.getByLabel('NPI').fill('1234567893');
  await page.getByLabel('Phone families and reviewers can call').fill('(555) 201-4400');
  await page.getByRole('button', { name: 'Create case' }).click();

  await expect(page.getByText('Say why you set the urgency yourself.')).toBeVisible();
  await expect(page.getByLabel('Why you set the urgency to emergent')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Parent or guardian’s name')).toHaveValue('Rosa Ortega');
  await expect(page.getByLabel('Plasma exchange must start within (days)')).toHaveValue('3');
  await expectAccessible(page);
  await page.getByLabel('Why you set the urgency to emergent').fill('Expressed a plan this morning; needs a secure unit today.');
  await page.getByRole('button', { name: 'Create case' }).click();

  await expect(page.getByRole('heading', { name: 'Lily Ortega', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Transfer recommended — emergent' })).toBeVisible();
  await expect(page.getByText(/Emergent, raised by the physician: Expressed a plan this morning/)).toBeVisible();
  const alerts = page.getByRole('region', { name: 'Alerts for this patient' });
  await expect(alerts.getByRole('listitem').filter({ hasText: 'Suicide risk' })).toContainText('Danger:');
  await expect(alerts.getByRole('listitem').filter({ hasText: 'Amphiphysin antibodies' })).toContainText('Warning:');
  await expect(alerts).toContainText('Source: Joint Commission NPSG 15.01.01.');
  await expect(page.getByText('Parent or guardian: Rosa Ortega (mother)')).toBeVisible();
  await expectAccessible(page);
});
