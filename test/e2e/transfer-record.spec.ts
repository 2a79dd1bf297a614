import { join } from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { call, expect, expectAccessible, test } from './host';
import { tabTo } from './keyboard';
import { pdfPages } from '../support/pdf-text';

const CAPABILITIES = ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'];

/** Facilities and assessments come in through the contract; this spec is about the physician at the keyboard. */

async function assess(request: APIRequestContext, url: string, facilityId: number, statuses: Record<string, string>, details: Record<string, Record<string, string>> = {}) {
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
  await call(request, url, 'finalizeAssessment', { assessmentId: draft.id });
}

/** The page as printed to PDF (kept in `file` to look at when a test fails), as one string with spaces for line breaks. */
async function pdfText(page: Page, file: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  // The browser breaks lines after a hyphen ("low-/reservoir") and never adds one, so a hyphen ending a line joins its word again.
  return (await pdfPages(pdf)).join('\n').replace(/-[ \t]*\n\s*/g, '-').replace(/\s+/g, ' ');
}

async function type(page: Page, target: Locator, text: string) {
  await tabTo(page, target, 250);
  await page.keyboard.type(text);
}

async function press(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter') {
  await tabTo(page, target, 250);
  await page.keyboard.press(key);
}

test('an emergent pump-failure case goes from the case to acceptance, transport, the summary and both letters in English and Spanish, by keyboard', async ({ page, request, app }) => {
  test.setTimeout(600_000);
  const host = await app.start();
  const url = host.url;
  await call(request, url, 'saveProfile', { name: 'Dr. Alan Reyes', role: 'physician' });
  const mercy = await call<{ id: number }>(request, url, 'createFacility', { name: 'Mercy County Hospital', city: 'Dothan', state: 'AL', zip: '36301' });
  const lakeshore = await call<{ id: number }>(request, url, 'createFacility', { name: 'Lakeshore University Hospital', city: 'Birmingham', state: 'AL', zip: '35233' });
  await assess(request, url, mercy.id, { neuro_icu: 'not_available' });
  await assess(request, url, lakeshore.id, {}, { neuro_icu: { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'no', neurosurgeryOnCall: 'yes', baclofenPumpFailure: 'yes' } });

  await page.goto(url);
  await press(page, page.getByRole('link', { name: 'Transfer cases' }));
  await press(page, page.getByRole('link', { name: 'New transfer case' }));
  await expect(page.getByRole('heading', { name: 'New transfer case', level: 1 })).toBeVisible();

  // The case, in the order the form asks for it.
  await type(page, page.getByLabel('Full name'), 'Rosa Martínez Peña');
  await type(page, page.getByLabel('Date of birth'), '03021966');
  await expect(page.getByLabel('Date of birth')).toHaveValue('1966-03-02');
  await type(page, page.getByLabel('Medical record number (MRN)'), 'MRN-551902');
  await type(page, page.getByLabel('Insurer', { exact: true }), 'Blue Harbor Health Plan');
  await type(page, page.getByLabel('Member ID'), 'BHH-7719920');
  await tabTo(page, page.getByRole('radio', { name: 'Progressive' }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Acute' })).toBeChecked();
  await press(page, page.getByRole('checkbox', { name: /R29\.6 — Repeated falls/ }), 'Space');
  await press(page, page.getByRole('checkbox', { name: 'Intrathecal baclofen pump in place' }), 'Space');
  await press(page, page.getByRole('checkbox', { name: 'Baclofen pump failure or withdrawal suspected' }), 'Space');
  await type(page, page.getByLabel('Clinical reason for the transfer'), 'Suspected pump failure with rising rigidity; no neurologic ICU here.');

  await type(page, page.getByLabel('Falls in the last month'), '3');
  await tabTo(page, page.getByLabel('Walking aid'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Walking aid')).toHaveValue('walker');
  await type(page, page.getByLabel('Where the stiffness is'), 'trunk and both legs');

  await press(page, page.getByRole('button', { name: 'Add a treatment' }));
  await expect(page.getByRole('combobox', { name: 'Treatment 1', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('combobox', { name: 'Treatment 1', exact: true })).toHaveValue('intrathecal_baclofen');
  await type(page, page.getByLabel('Dose or detail for treatment 1'), '450 mcg/day');
  await type(page, page.getByLabel('Started on for treatment 1'), '05012024');
  await expect(page.getByLabel('Started on for treatment 1')).toHaveValue('2024-05-01');
  await type(page, page.getByLabel('Duration of treatment 1'), '2 years');

  // The transfer record: the urgency comes from the rules and is not an input.
  const record = page.getByRole('region', { name: 'Transfer record' });
  await expect(record).toContainText('Urgency: Emergent.');
  await expect(record).toContainText('A payer’s requirements never block or delay an emergency transfer');
  await tabTo(page, page.getByRole('radio', { name: 'Not recorded' }));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Yes, stabilized for transfer' })).toBeChecked();
  await press(page, page.getByRole('checkbox', { name: 'I certify that the medical benefits of this transfer outweigh its risks' }), 'Space');
  await type(page, page.getByLabel('Benefits and risks of the transfer'), 'A neurologic ICU that manages pump failure outweighs a two-hour ride with oral baclofen cover.');
  await type(page, page.getByLabel('Accepting physician'), 'Dr. Samuel Greene');
  // The year segment takes up to six digits, so the arrow key moves on to the hour.
  await type(page, page.getByLabel('Date and time accepted'), '11302026');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('0215P');
  await expect(page.getByLabel('Date and time accepted')).toHaveValue('2026-11-30T14:15');
  await type(page, page.getByLabel('Unit or bed type'), 'Neuro ICU bed');
  await tabTo(page, page.getByRole('radio', { name: 'Not decided yet' }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Critical-care transport' })).toBeChecked();
  await type(page, page.getByLabel('Escort'), 'Critical-care nurse');
  await type(page, page.getByLabel('Benzodiazepine plan'), 'Diazepam 10 mg by mouth at 14:00');
  await type(page, page.getByLabel('Oral baclofen plan'), '20 mg before departure');
  await type(page, page.getByLabel('Pump model'), 'SynchroMed II');
  await type(page, page.getByLabel('Daily dose'), '450 mcg/day');
  await type(page, page.getByLabel('Next refill date'), '12102026');
  await tabTo(page, page.getByLabel('Pump alarm'));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Pump alarm')).toHaveValue('low_reservoir');

  await type(page, page.getByLabel('Family contact’s name'), 'Lucía Peña');
  await type(page, page.getByLabel('Family contact’s phone'), '(555) 201-9999');
  await type(page, page.getByLabel('Find the referring facility'), 'Mercy');
  await expect(page.getByLabel('Referring facility', { exact: true }).getByRole('option')).toHaveCount(2);
  await tabTo(page, page.getByLabel('Referring facility', { exact: true }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Referring facility', { exact: true })).toHaveValue(String(mercy.id));
  await type(page, page.getByLabel('NPI'), '1234567893');
  await type(page, page.getByLabel('Phone families and reviewers can call'), '(555) 201-4400');
  await expectAccessible(page);
  await press(page, page.getByRole('button', { name: 'Create case' }));

  await expect(page.getByRole('heading', { name: 'Rosa Martínez Peña', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Transfer recommended/ })).toBeVisible();
  await press(page, page.getByRole('button', { name: 'Choose Lakeshore University Hospital' }));
  await expect(page.locator('.chosen')).toContainText('Lakeshore University Hospital');
  await expectAccessible(page);

  // The transfer summary for the receiving team.
  await press(page, page.getByRole('link', { name: 'Transfer summary' }));
  await expect(page.getByRole('heading', { name: 'Transfer summary', level: 1 })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Transfer summary' })).toContainText('Accepted by Dr. Samuel Greene');
  await expectAccessible(page);
  const summary = await pdfText(page, join(app.dataDirectory, 'summary.pdf'));
  expect(summary).toContain('Accepted by Dr. Samuel Greene on Nov 30, 2026 at 14:15, to Neuro ICU bed.');
  expect(summary).toContain('Mode: Critical-care transport.');
  expect(summary).toContain('EMTALA certification: Dr. Alan Reyes certifies that the medical benefits of this transfer outweigh its risks.');
  expect(summary).toContain('model SynchroMed II; dose 450 mcg/day; next refill Dec 10, 2026; alarm: low-reservoir alarm.');
  expect(summary).toMatch(/Page 1 of \d/);

  // The insurer letter carries the acceptance and the EMTALA paragraph.
  await press(page, page.getByRole('link', { name: 'Case', exact: true }));
  await press(page, page.getByRole('button', { name: 'Prepare insurer letter' }));
  await expect(page.getByRole('heading', { name: /Insurer letter/ })).toBeVisible();
  await press(page, page.getByRole('button', { name: 'Issue letter' }));
  await expect(page.getByRole('button', { name: 'Issue now' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/SHA-256/)).toBeVisible();
  await expectAccessible(page);
  const insurer = await pdfText(page, join(app.dataDirectory, 'insurer.pdf'));
  expect(insurer).toContain('Accepted by Dr. Samuel Greene for Neuro ICU bed on Nov 30, 2026 at 14:15.');
  expect(insurer).toContain('Under the Emergency Medical Treatment and Labor Act (EMTALA)');
  expect(insurer).toContain('R29.6');

  // The family letter in English.
  await press(page, page.getByRole('link', { name: 'Case', exact: true }));
  await press(page, page.getByRole('button', { name: 'Prepare family letter' }));
  await expect(page.getByRole('heading', { name: /Family letter/ })).toBeVisible();
  await expect(page.getByText('Written in English.')).toBeVisible();
  await expect(page.locator('#translation-notice')).toHaveCount(0);
  await press(page, page.getByRole('button', { name: 'Issue letter' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(/SHA-256/)).toBeVisible();
  const english = await pdfText(page, join(app.dataDirectory, 'family-en.pdf'));
  expect(english).toContain('Dr. Samuel Greene at Lakeshore University Hospital has agreed to take over care.');
  expect(english).toContain('an ambulance with an intensive care team');

  // The family reads Spanish: the language changes on the case and a new draft is written in it.
  await press(page, page.getByRole('link', { name: 'Case', exact: true }));
  await press(page, page.getByRole('link', { name: 'Edit case' }));
  await expect(page.getByLabel('Accepting physician')).toHaveValue('Dr. Samuel Greene');
  await tabTo(page, page.getByRole('radio', { name: 'English' }), 250);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Spanish (español)' })).toBeChecked();
  await press(page, page.getByRole('button', { name: 'Save case' }));
  await expect(page.getByText('The family letter is written in Spanish (español)')).toBeVisible();
  await press(page, page.getByRole('button', { name: 'Prepare family letter' }));
  await expect(page.getByText('Written in Spanish (español).')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Family letter' })).toHaveAttribute('lang', 'es');
  await expect(page.locator('#translation-notice')).toContainText('Translation not yet reviewed by a qualified translator');
  await expectAccessible(page);

  // Issuing an unreviewed translation needs the physician's recorded confirmation.
  await press(page, page.getByRole('button', { name: 'Issue letter' }));
  const confirmation = page.getByRole('checkbox', { name: 'I confirm issuing a translation no qualified translator has reviewed' });
  await expect(confirmation).toBeFocused();
  await press(page, page.getByRole('button', { name: 'Issue now' }));
  await expect(page.getByText('Tick the box to confirm')).toBeVisible();
  await expect(confirmation).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Space');
  await press(page, page.getByRole('button', { name: 'Issue now' }));
  await expect(page.getByText(/SHA-256/)).toBeVisible();
  await expect(page.locator('#translation-notice')).toHaveCount(0);
  const spanish = await pdfText(page, join(app.dataDirectory, 'family-es.pdf'));
  expect(spanish).toContain('Estimada familia de Rosa Martínez Peña:');
  expect(spanish).toContain('El síndrome de la persona rígida');
  expect(spanish).toContain('Señales de un problema con la bomba');
  expect(spanish).toContain('Samuel Greene, del equipo médico de Lakeshore University Hospital, aceptó hacerse cargo de la atención de Rosa.');

  await press(page, page.getByRole('link', { name: 'Case', exact: true }));
  await expect(page.getByRole('table', { name: 'Letter history' }).getByRole('row')).toHaveCount(4);
});

test('an insurer letter the recommendation does not support cannot be issued, and says what would change that', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  const host = await app.start();
  const url = host.url;
  await call(request, url, 'saveProfile', { name: 'Dr. Alan Reyes', role: 'physician' });
  // No finalized assessment of the referring facility: the rules can only say "consider".
  const clinic = await call<{ id: number }>(request, url, 'createFacility', { name: 'Pine Hill Clinic' });
  const created = await call<{ id: number }>(request, url, 'createCase', {
    patient: { name: 'Ana Ruiz', dateOfBirth: '1970-01-01', mrn: 'M2', insurer: 'Plan', memberId: 'X1' },
    gad65: 'positive',
    stage: 'progressive',
    flags: ['plannedIvig'],
    referringFacilityId: clinic.id,
    physician: { name: 'Dr. Alan Reyes', npi: '1234567893', phone: '555-0100' },
  });
  const letter = await call<{ id: number }>(request, url, 'openLetterDraft', { caseId: created.id, audience: 'insurer' });
  await page.goto(`${url}#/letters/${letter.id}`);
  await expect(page.locator('#issue-blocker')).toContainText('This letter cannot be issued yet.');
  await expect(page.locator('#issue-blocker')).toContainText('Clinical reason for the transfer');
  await expect(page.getByRole('button', { name: 'Issue letter' })).toBeDisabled();
  await expectAccessible(page);

  await press(page, page.getByRole('link', { name: 'Edit the case' }));
  await type(page, page.getByLabel('Clinical reason for the transfer'), 'IVIG needs a center that can give it safely.');
  await press(page, page.getByRole('button', { name: 'Save case' }));
  await expect(page.getByRole('heading', { name: 'Ana Ruiz', level: 1 })).toBeVisible();
  await page.goto(`${url}#/letters/${letter.id}`);
  await expect(page.getByRole('button', { name: 'Issue letter' })).toBeEnabled();
  await expect(page.locator('#issue-blocker')).toHaveCount(0);
});
