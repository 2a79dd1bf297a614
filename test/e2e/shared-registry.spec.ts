import { assessedFacility, call, connectedDesktop, expect, expectAccessible, test } from './host';

test('a desktop following a shared registry keeps its matrix and case candidates while the server is down, and catches up when it is back', async ({ page, request, app, registry }) => {
  const server = await registry.start();
  await call(request, server.url, 'saveProfile', { name: 'Registry Office', role: 'administrator' });
  const { facilityId: riverside } = await assessedFacility(request, server.url, 'Riverside University Medical Center');
  await assessedFacility(request, server.url, 'Lakeview Neurological Institute');

  // It pulls every 2 seconds instead of 30, so the test does not wait long for it to notice.
  const desktop = await app.start(['--replica-pull-seconds', '2']);
  await connectedDesktop(page, desktop.url, server.url, 'Dr. Ana Ruiz', 'Physician');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Matrix' }).click();
  await expect(page.getByText(/^2 facilities shown$/)).toBeVisible();
  const caseId = (
    await call<{ id: number }>(request, desktop.url, 'createCase', {
      patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' },
      gad65: 'positive',
      stage: 'progressive',
      flags: ['plannedIvig'],
      referringFacilityId: riverside,
      physician: { name: 'Dr. Ana Ruiz', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
    })
  ).id;

  // The server goes away: the desktop says so, and shows what it has.
  const port = new URL(server.url).port;
  await server.stop();
  await page.getByRole('link', { name: 'Matrix' }).click();
  const banner = page.getByText(/^Shared registry not reachable — data as of \d\d:\d\d today\.$/);
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/^2 facilities shown$/)).toBeVisible();
  await page.goto(`${desktop.url}#/cases/${caseId}`);
  await expect(page.getByRole('table', { name: 'Receiving candidates, best first' }).getByRole('link', { name: 'Lakeview Neurological Institute' })).toBeVisible();
  await expect(banner).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('offline-case.png'), fullPage: true });

  // Back, with a facility assessed meanwhile: the banner goes and the new facility arrives.
  const again = await registry.start(['--port', port]);
  await assessedFacility(request, again.url, 'Opened While You Were Offline Hospital');
  await page.getByRole('link', { name: 'Matrix' }).click();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(page.getByText(/^3 facilities shown$/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('row', { name: /Opened While You Were Offline Hospital/ })).toBeVisible();
});
