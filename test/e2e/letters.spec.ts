import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { pdfPages } from '../support/pdf-text';
import { call, completeFirstStart, expect, expectAccessible, test } from './host';


const CAPABILITIES = ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'];

/** Facilities and assessments come in through the contract; the UI for them has its own tests. */

async function assess(request: APIRequestContext, url: string, facilityId: number, statuses: Record<string, string>, verifiedOn: Record<string, string> = {}) {
  const draft = await call<{ id: number }>(request, url, 'startAssessment', { facilityId });
  for (const capabilityId of CAPABILITIES) {
    await call(request, url, 'saveAnswer', {
      assessmentId: draft.id,
      capabilityId,
      answer: {
        status: statuses[capabilityId] ?? 'on_site',
        details: {},
        partner: statuses[capabilityId] === 'via_partner' ? { facilityId: null, name: 'Regional Partner Hospital', arrangement: 'written_agreement', deliveryDays: 2 } : null,
        evidence: 'Confirmed with the service lead.',
        verifiedByName: 'Dr. Lena Ortiz',
        verifiedByRole: 'Department chief',
        verificationMethod: 'site_visit',
        verifiedOn: verifiedOn[capabilityId] ?? '2026-10-12',
      },
    });
  }
  return call<{ id: number }>(request, url, 'finalizeAssessment', { assessmentId: draft.id });
}

/** The page as printed to PDF (also kept in `file` to look at when a test fails), one string per page. */
async function printedPages(page: Page, file: string): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdfPages(pdf);
}

test('a physician creates a case, issues both letters, and the insurer PDF says what it must, reprinting identically', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  const host = await app.start();
  const url = host.url;
  await page.goto(url);
  await completeFirstStart(page, 'Dr. Alan Reyes', 'Physician');

  const mercy = await call<{ id: number }>(request, url, 'createFacility', { name: 'Mercy County Hospital', city: 'Dothan', state: 'AL', zip: '36301' });
  const lakeshore = await call<{ id: number }>(request, url, 'createFacility', { name: 'Lakeshore University Hospital', city: 'Birmingham', state: 'AL', zip: '35233' });
  await assess(request, url, mercy.id, { neuro_icu: 'not_available', ivig: 'via_partner' }, { ivig: '2026-09-03' });
  const lakeshoreAssessment = await assess(request, url, lakeshore.id, {});

  await page.getByRole('link', { name: 'Transfer cases' }).click();
  await page.getByRole('link', { name: 'New transfer case' }).click();
  await page.getByLabel('Full name').fill('Maria Delgado');
  await page.getByLabel('Date of birth').fill('1968-04-09');
  await page.getByLabel('Medical record number (MRN)').fill('MRN-884120');
  await page.getByLabel('Insurer', { exact: true }).fill('Blue Harbor Health Plan');
  await page.getByLabel('Member ID').fill('BHH-2231987');
  await page.getByLabel('IVIG course planned').check();
  await page.getByLabel('Intrathecal baclofen pump in place').check();
  await page.getByRole('button', { name: 'Add a treatment' }).click();
  await page.getByLabel('Dose or detail for treatment 1').fill('up to 80 mg/day');
  await page.getByLabel('Referring facility', { exact: true }).selectOption({ label: 'Mercy County Hospital — Dothan, AL' });
  await page.getByLabel('NPI').fill('1234567890');
  await page.getByLabel('Phone families and reviewers can call').fill('(555) 201-4400');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByText('An NPI has ten digits and a valid check digit')).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveValue('Maria Delgado');
  await expectAccessible(page);
  await page.getByLabel('NPI').fill('1234567893');
  await page.getByRole('button', { name: 'Create case' }).click();

  await expect(page.getByRole('heading', { name: 'Maria Delgado', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Transfer recommended' })).toBeVisible();
  await expect(page.getByText(/Neurologic ICU: not available at the referring facility/)).toBeVisible();
  await page.getByRole('button', { name: 'Choose Lakeshore University Hospital' }).click();
  await expect(page.locator('.chosen')).toContainText('Lakeshore University Hospital');
  await expect(page.locator('.chosen')).toContainText('approx.');
  await expectAccessible(page);

  // Family letter: edit a paragraph, issue.
  await page.getByRole('button', { name: 'Prepare family letter' }).click();
  await expect(page.getByRole('heading', { name: /Family letter/ })).toBeVisible();
  await expect(page.getByText('Stiff person syndrome is a rare illness of the brain and spinal cord.')).toBeVisible();
  await page.getByRole('button', { name: /Edit paragraph: If you have questions/ }).click();
  await page.getByLabel('Paragraph text').fill('If you have questions, please call Dr. Alan Reyes at (555) 201-4400, any day.');
  await page.getByRole('button', { name: 'Save paragraph' }).click();
  await expect(page.getByText('any day.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Issue letter' }).click();
  await page.getByRole('button', { name: 'Issue now' }).click();
  await expect(page.getByText(/Letter issued/)).toBeVisible();

  // Insurer letter: issue and render to PDF.
  await page.getByRole('link', { name: 'Case', exact: true }).click();
  await page.getByRole('button', { name: 'Prepare insurer letter' }).click();
  await expect(page.getByRole('heading', { name: /Insurer letter/ })).toBeVisible();
  await page.getByRole('button', { name: 'Issue letter' }).click();
  await page.getByRole('button', { name: 'Issue now' }).click();
  await expect(page.getByText(/SHA-256/)).toBeVisible();
  const letterUrl = page.url();

  const text = await printedPages(page, join(app.dataDirectory, 'letter-before.pdf'));
  const flat = text.join(' ').replace(/\s+/g, ' ');
  expect(flat).toContain('Maria Delgado');
  expect(flat).toContain('G25.82');
  expect(flat).toContain('NPI 1234567893');
  expect(flat).toMatch(/Neurologic ICU: not available at the referring facility \(assessment finalized \w+ \d+, \d{4}, verified Oct 12, 2026 by Dr\. Lena Ortiz/);
  expect(flat).toMatch(/IVIG: through a partner at the referring facility \(assessment finalized \w+ \d+, \d{4}, verified Sep 3, 2026 by Dr\. Lena Ortiz, Department chief\); the partner is Regional Partner Hospital/);
  expect(flat).toMatch(/Page 1 of \d/);
  expect(flat).not.toContain('Edit paragraph');

  // Lakeshore's assessment is amended; the issued letter still prints the same.
  const amendment = await call<{ id: number }>(request, url, 'amendAssessment', { assessmentId: lakeshoreAssessment.id, reason: 'Neuro ICU closed for renovation.' });
  await call(request, url, 'saveAnswer', {
    assessmentId: amendment.id,
    capabilityId: 'neuro_icu',
    answer: { status: 'not_available', details: {}, evidence: '', verifiedByName: 'Dr. Samuel Greene', verifiedByRole: 'Chief', verificationMethod: 'phone', verifiedOn: '2026-11-01' },
  });
  await call(request, url, 'finalizeAssessment', { assessmentId: amendment.id });
  await page.reload();
  expect(page.url()).toBe(letterUrl);
  await expect(page.getByText(/SHA-256/)).toBeVisible();
  expect(await printedPages(page, join(app.dataDirectory, 'letter-after.pdf'))).toEqual(text);

  await page.getByRole('link', { name: 'Case', exact: true }).click();
  const history = page.getByRole('table', { name: 'Letter history' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history).toContainText('Family letter');
  await expect(history).toContainText('Insurer letter');
});

test('markup typed into a patient name shows as text in the case and the letter, and never runs', async ({ page, request, app }) => {
  const host = await app.start();
  const url = host.url;
  await page.goto(url);
  await completeFirstStart(page, 'Dr. Alan Reyes', 'Physician');
  const mercy = await call<{ id: number }>(request, url, 'createFacility', { name: 'Mercy County Hospital' });
  const hostile = 'Ana <img src=x onerror="window.__pwned=1"> Ruiz';
  const created = await call<{ id: number }>(request, url, 'createCase', {
    patient: { name: hostile, dateOfBirth: '1970-01-01', mrn: '<script>window.__pwned=2</script>', insurer: 'Plan', memberId: 'M1' },
    gad65: 'negative',
    stage: 'early',
    referringFacilityId: mercy.id,
    physician: { name: 'Dr. <b>Bold</b>', npi: '1234567893', phone: '555-0100' },
  });
  await page.goto(`${url}#/cases/${created.id}`);
  await expect(page.getByRole('heading', { name: hostile, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Prepare insurer letter' }).click();
  await expect(page.locator('.letter-reference')).toContainText(hostile);
  await expect(page.locator('.letter-signoff')).toContainText('Dr. <b>Bold</b>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('.letter-sheet img, .letter-sheet script, .letter-sheet b')).toHaveCount(0);
});

test('at every letter length the signature block stays with the letter body and no line is cut across pages', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  const host = await app.start();
  const url = host.url;
  await call(request, url, 'saveProfile', { name: 'Dr. Alan Reyes', role: 'physician' });
  const mercy = await call<{ id: number }>(request, url, 'createFacility', { name: 'Mercy County Hospital', zip: '36301' });
  await assess(request, url, mercy.id, { neuro_icu: 'not_available' });
  const sentence = 'Rigidity of the trunk and legs has worsened over the past month despite treatment. ';
  // Lengths chosen so that the closing lands at different places around page breaks.
  const pageCounts = new Set<number>();
  for (const sentences of [0, 8, 16, 24, 32, 36, 40, 44, 48, 52, 56]) {
    const created = await call<{ id: number }>(request, url, 'createCase', {
      patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'M1', insurer: 'Plan', memberId: 'X1' },
      gad65: 'positive',
      stage: 'acute',
      flags: ['baclofenPump', 'plannedIvig', 'inpatientAdmission'],
      clinicalSummary: sentence.repeat(sentences).trim(),
      referringFacilityId: mercy.id,
      physician: { name: 'Dr. Alan Reyes', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
    });
    const letter = await call<{ id: number }>(request, url, 'openLetterDraft', { caseId: created.id, audience: 'insurer' });
    await page.goto(`${url}#/letters/${letter.id}`);
    await expect(page.locator('.letter-sheet')).toBeVisible();
    const pages = await printedPages(page, join(app.dataDirectory, `length-${sentences}.pdf`));
    const signed = pages.findIndex((text) => text.includes('Sincerely,'));
    expect(signed, `closing present (${sentences} sentences)`).toBeGreaterThanOrEqual(0);
    const signaturePage = pages[signed]!;
    expect(signaturePage, `signature with its closing (${sentences})`).toContain('NPI 1234567893');
    const beforeClosing = signaturePage.slice(0, signaturePage.indexOf('Sincerely,')).replace(/Page \d+ of \d+/g, '').trim();
    expect(beforeClosing.length, `body text above the closing on its page (${sentences})`).toBeGreaterThan(40);
    for (const [index, text] of pages.entries()) expect(text, `page number on page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
    pageCounts.add(pages.length);
  }
  expect([...pageCounts].length, 'the lengths cross at least one page break').toBeGreaterThanOrEqual(2);
});
