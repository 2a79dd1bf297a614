import type { Page } from '@playwright/test';
import { assessedFacility, call, connectedDesktop, expect, expectAccessible, ON_SITE_ANSWER, test } from './host';

/**
 * Issue 16, the outbox as an assessor sees it: an assessment amended and finalized on a desktop
 * that follows a shared registry waits to be sent, and what the registry sends back is decided
 * by a person who sees both versions.
 */

/** Through the UI: amends the facility's assessment to say its neuro ICU is not available, up to the review (not finalized). */
async function amendNeuroIcuToNotAvailable(page: Page, facilityName: string, reason: string) {
  await page.getByRole('link', { name: 'Facilities' }).click();
  await page.getByRole('link', { name: facilityName }).click();
  await expect(page.getByRole('heading', { name: facilityName, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Amend assessment' }).click();
  await page.getByLabel('Why is this assessment being amended?').fill(reason);
  await page.getByRole('button', { name: 'Create amendment' }).click();
  await expect(page.getByRole('heading', { name: 'Amend assessment', level: 1 })).toBeVisible();
  const steps = page.getByRole('navigation', { name: 'Assessment steps' });
  await steps.getByRole('button', { name: /^Neurologic ICU/ }).click();
  await expect(page.getByRole('heading', { name: 'Neurologic ICU', level: 2 })).toBeVisible();
  await page.getByRole('radio', { name: /^Not available/ }).check();
  await page.getByLabel('Verified on').fill('2026-11-20');
  await steps.getByRole('button', { name: /^Review and finalize/ }).click();
  await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();
  await expect(page.getByText('All changes saved')).toBeVisible({ timeout: 20_000 });
}

test('an amendment finalized offline waits in the outbox, says so, and reaches the registry when it is back', async ({ page, request, app, registry }) => {
  test.setTimeout(180_000);
  const server = await registry.start();
  await call(request, server.url, 'saveProfile', { name: 'Registry Office', role: 'administrator' });
  const { facilityId } = await assessedFacility(request, server.url, 'Riverside University Medical Center');

  const desktop = await app.start(['--replica-pull-seconds', '2']);
  await connectedDesktop(page, desktop.url, server.url);

  // The server goes away; the assessor amends and finalizes on the desktop all the same.
  const port = new URL(server.url).port;
  await server.stop();
  await expect(page.getByText(/^Shared registry not reachable — data as of/)).toBeVisible({ timeout: 20_000 });
  await amendNeuroIcuToNotAvailable(page, 'Riverside University Medical Center', 'Neuro ICU closed for renovation in November.');
  await page.getByRole('button', { name: 'Finalize assessment' }).click();

  // Read-only, waiting: no form, no Finalize button.
  await expect(page.getByText('Finalized on this desktop — waiting to be sent to the shared registry.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Finalize assessment' })).toHaveCount(0);
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('region', { name: /Neurologic ICU$/ })).toContainText('Not available');
  await expect(page.getByText(/^Shared registry not reachable — data as of \d\d:\d\d today\. 1 assessment finalized here will be sent when it is back\.$/)).toBeVisible({
    timeout: 20_000,
  });
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('outbox-waiting.png'), fullPage: true });

  // The facility page says what waits, and offers no "Continue" of that draft.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Riverside University Medical Center' }).click();
  await expect(page.getByText(/An amended assessment finalized on this desktop .* waits to be sent to the shared registry/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Continue amendment' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  const outbox = page.getByRole('region', { name: 'Assessments sent from this desktop' });
  await expect(outbox.getByRole('row', { name: /Riverside University Medical Center .* Waiting to be sent/ })).toBeVisible();

  // Back: the assessment is sent, accepted, and the facility's profile is the amended one.
  const again = await registry.start(['--port', port]);
  await expect(outbox.getByRole('row', { name: /Riverside University Medical Center .* Accepted by the registry on/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Shared registry not reachable/)).toBeHidden({ timeout: 20_000 });
  await page.goto(`${desktop.url}#/facilities/${facilityId}`);
  await expect(page.locator('.verdict')).toContainText('cannot provide: Neurologic ICU', { timeout: 20_000 });
  await expect(page.getByText(/From assessment revision 2/)).toBeVisible();
  await expect(page.getByText(/waits to be sent to the shared registry/)).toHaveCount(0);
  const standing = await call<{ profile: { capabilities: { capabilityId: string; status: string }[] } }>(request, again.url, 'getFacilityOverview', { facilityId });
  expect(standing.profile.capabilities.find((capability) => capability.capabilityId === 'neuro_icu')?.status).toBe('not_available');
});

test('an assessment the registry sends back is shown beside the registry’s version, and the assessor sends theirs as an amendment with a reason', async ({ page, request, app, registry }) => {
  test.setTimeout(180_000);
  const server = await registry.start();
  await call(request, server.url, 'saveProfile', { name: 'Registry Office', role: 'administrator' });
  const { facilityId, assessmentId } = await assessedFacility(request, server.url, 'Lakeview Neurological Institute');

  const desktop = await app.start(['--replica-pull-seconds', '2']);
  await connectedDesktop(page, desktop.url, server.url);
  await amendNeuroIcuToNotAvailable(page, 'Lakeview Neurological Institute', 'Neuro ICU closed for renovation in November.');

  // Meanwhile someone amends the same facility on the registry itself.
  const theirs = await call<{ id: number }>(request, server.url, 'amendAssessment', { assessmentId, reason: 'Psychiatry now through the university partner.' });
  await call(request, server.url, 'saveAnswer', {
    assessmentId: theirs.id,
    capabilityId: 'psychiatry',
    answer: { ...ON_SITE_ANSWER, status: 'not_available', evidence: 'Psychiatry service closed.', verifiedByName: 'Dr. Sam Patel', verifiedOn: '2026-11-25' },
  });
  await call(request, server.url, 'finalizeAssessment', { assessmentId: theirs.id });

  await page.getByRole('button', { name: 'Finalize assessment' }).click();
  await expect(page.getByText('Sent back by the shared registry: it needs your decision.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Finalize assessment' })).toHaveCount(0);
  await expect(page.getByText(/^1 assessment sent back by the shared registry needs your decision\./)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Compare the two versions and decide' }).click();

  // Both versions side by side, what differs marked; nothing is settled by opening it.
  const decision = page.getByRole('region', { name: /Sent back by the shared registry: Lakeview Neurological Institute/ });
  await expect(decision).toBeVisible();
  await expect(decision.getByText('2 capabilities differ: Psychiatric consultation, Neurologic ICU.')).toBeVisible();
  const table = decision.getByRole('table');
  await expect(table.getByRole('columnheader', { name: /The registry's version Revision 2, finalized .* by Registry Office/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Neurologic ICU differs$/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Plasma exchange · the same On site On site$/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Evidence \(differs\) Psychiatry service closed\. Confirmed with the service lead\./ })).toBeVisible();
  await expectAccessible(page);
  await decision.screenshot({ path: test.info().outputPath('outbox-conflict.png') });
  await page.screenshot({ path: test.info().outputPath('outbox-conflict-page.png'), fullPage: true });

  // A reason is required, in the schema's own words.
  await decision.getByRole('button', { name: 'Send mine as an amendment' }).click();
  await expect(decision.getByText('Say why your version replaces the one on the registry.')).toBeVisible();
  await decision.getByLabel('Why does your version replace the registry\'s?').fill('Site visit on Nov 28: the neuro ICU is closed; psychiatry checked again and is on site.');
  await decision.getByRole('button', { name: 'Send mine as an amendment' }).click();

  const outbox = page.getByRole('region', { name: 'Assessments sent from this desktop' });
  await expect(outbox.getByRole('row', { name: /Lakeview Neurological Institute .* Accepted by the registry on/ })).toBeVisible({ timeout: 30_000 });
  await expect(outbox.getByRole('row', { name: /Withdrawn: sent again as an amendment/ })).toBeVisible();
  await expect(decision).toHaveCount(0);
  await expect(page.getByText(/needs your decision/)).toHaveCount(0, { timeout: 20_000 });

  const standing = await call<{ profile: { revision: number; capabilities: { capabilityId: string; status: string }[] } }>(request, server.url, 'getFacilityOverview', { facilityId });
  expect(standing.profile.revision).toBe(3);
  expect(standing.profile.capabilities.find((capability) => capability.capabilityId === 'neuro_icu')?.status).toBe('not_available');
  expect(standing.profile.capabilities.find((capability) => capability.capabilityId === 'psychiatry')?.status).toBe('on_site');
  await page.goto(`${desktop.url}#/facilities/${facilityId}`);
  await expect(page.getByText(/From assessment revision 3/)).toBeVisible({ timeout: 20_000 });
});
