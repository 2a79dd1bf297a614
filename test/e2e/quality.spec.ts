import type { APIRequestContext } from '@playwright/test';
import { call, completeFirstStart, expect, expectAccessible, test } from './host';

const CAPABILITIES = ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'];


async function answerAll(request: APIRequestContext, url: string, assessmentId: number, statuses: Record<string, string>) {
  for (const capabilityId of CAPABILITIES) {
    await call(request, url, 'saveAnswer', {
      assessmentId,
      capabilityId,
      answer: {
        status: statuses[capabilityId] ?? 'on_site',
        details: {},
        partner: statuses[capabilityId] === 'via_partner' ? { name: 'Beacon Infusion Services', arrangement: 'written_agreement' } : null,
        evidence: 'Checked.',
        verifiedByName: 'Dr. Lena Ortiz',
        verifiedByRole: 'Chief',
        verificationMethod: 'phone',
        verifiedOn: '2026-10-01',
      },
    });
  }
}

test('compare three facilities, read what changed between revisions, and trace it in the audit trail', async ({ page, request, app }) => {
  test.setTimeout(120_000);
  const host = await app.start();
  const url = host.url;
  await page.goto(url);
  await completeFirstStart(page, 'Grace Okafor', 'Quality team');
  const ids: number[] = [];
  for (const [name, statuses] of [
    ['Harbor General', { ivig: 'via_partner' }],
    ['Lakeshore University Hospital', {}],
    ['Mercy County Hospital', { neuro_icu: 'not_available' }],
  ] as const) {
    const facility = await call<{ id: number }>(request, url, 'createFacility', { name });
    const draft = await call<{ id: number }>(request, url, 'startAssessment', { facilityId: facility.id });
    await answerAll(request, url, draft.id, statuses);
    await call(request, url, 'finalizeAssessment', { assessmentId: draft.id });
    ids.push(facility.id);
  }

  await page.getByRole('link', { name: 'Compare' }).click();
  // The facility list stays on screen until the compare page's code is in; it has an "Add a facility" too.
  await expect(page.getByRole('heading', { level: 1, name: 'Compare facilities' })).toBeVisible();
  for (const name of ['Harbor', 'Lakeshore', 'Mercy']) {
    await page.getByLabel('Add a facility').fill(name);
    await page.getByRole('button', { name: new RegExp(`^Add ${name}`) }).click();
  }
  const table = page.getByRole('region', { name: 'Comparison' });
  await expect(table.getByRole('columnheader')).toHaveCount(4);
  const ivigStatus = table.getByRole('rowgroup').filter({ hasText: '1b. IVIG' }).getByRole('row', { name: /^Status/ });
  await expect(ivigStatus).toContainText('differs');
  await expect(ivigStatus).toContainText('Through a partner');
  const psychStatus = table.getByRole('rowgroup').filter({ hasText: '3. Psychiatric consultation' }).getByRole('row', { name: /^Status/ });
  await expect(psychStatus).not.toContainText('differs');
  await expectAccessible(page);

  // Amend Mercy: its neuro ICU opened.
  const mercy = await call<{ profile: { assessmentId: number } }>(request, url, 'getFacilityOverview', { facilityId: ids[2] });
  const amendment = await call<{ id: number }>(request, url, 'amendAssessment', { assessmentId: mercy.profile.assessmentId, reason: 'Neuro ICU opened in October.' });
  await answerAll(request, url, amendment.id, {});
  await call(request, url, 'finalizeAssessment', { assessmentId: amendment.id });

  await page.goto(`${url}#/facilities/${ids[2]}`);
  const diff = page.locator('.revision-diff');
  await expect(diff).toContainText('Revision 2 by Grace Okafor, because: Neuro ICU opened in October.');
  await expect(diff.getByRole('listitem')).toHaveCount(1);
  await expect(diff.getByRole('listitem')).toContainText('Neurologic ICU, status: Not available → On site');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Audit trail', exact: true }).click();
  await page.getByLabel('Action').selectOption('amend');
  await expect(page.getByText(/^1 event$/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Grace Okafor.*Assessment #\d+.*Amendment started/ })).toContainText('Reason: Neuro ICU opened in October.');
  await page.getByLabel('Action').selectOption('');
  await page.getByLabel('Entity', { exact: true }).selectOption('facility');
  await expect(page.getByText(/^3 events$/)).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to CSV' }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('When (UTC),Who,Role,Entity,Entity id,Action,Before,After');
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).every((line) => line.includes(',facility,') && line.includes(',create,'))).toBe(true);

  // From a facility's page to every change of its record, read as field: before → after.
  await call(request, url, 'renameFacility', { id: ids[2], name: 'Mercy County Medical Center' });
  await page.goto(`${url}#/facilities/${ids[2]}`);
  await page.getByRole('link', { name: 'Every change to these details, in the audit trail' }).click();
  await expect(page.getByText(/^2 events$/)).toBeVisible();
  await expect(page.getByLabel('Entity number')).toHaveValue(String(ids[2]));
  await expect(page.getByRole('row', { name: /Renamed/ })).toContainText('Name: Mercy County Hospital → Mercy County Medical Center');
  await expect(page.getByRole('row', { name: /Created/ })).toContainText('Name: Mercy County Hospital');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Coverage' }).click();
  const overall = page.getByRole('table', { name: 'Facilities by status for each capability' });
  await expect(overall.getByRole('row', { name: /^Neurologic ICU/ })).toContainText('3');
  await expect(overall.getByRole('row', { name: /^IVIG 2 1 0 0 0/ })).toBeVisible();
  await expectAccessible(page);
});
