import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/serve-process';
import { CAPABILITY_IDS } from '../../shared/questionnaire';

export { startHost, type RunningHost };

/** One contract call over the host's HTTP API, for setting up what a test is not about; a refusal fails the test with its error. */
export async function call<T>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<T> {
  const response = await request.post(`${url}api/${method}`, { data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** No serious or critical accessibility violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

export async function completeFirstStart(page: Page, name = 'Dana Whitfield', role = 'Hospital administrator') {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('radio', { name: new RegExp(role) }).check();
  await page.getByRole('button', { name: 'Start using TransferReady' }).click();
  await expect(page.getByRole('heading', { name: 'Facilities', level: 1 })).toBeVisible();
}

/** A verified on-site answer, as the tests that are not about answering give every capability. */
export const ON_SITE_ANSWER = {
  status: 'on_site',
  details: {},
  evidence: 'Confirmed with the service lead.',
  verifiedByName: 'Dr. Lena Ortiz',
  verifiedByRole: 'Department chief',
  verificationMethod: 'site_visit',
  verifiedOn: '2026-10-12',
};

/** A facility whose six capabilities are on site, finalized through the contract; its id and its standing assessment's. */
export async function assessedFacility(request: APIRequestContext, url: string, name: string): Promise<{ facilityId: number; assessmentId: number }> {
  const facility = await call<{ id: number }>(request, url, 'createFacility', { name, state: 'OH', city: 'Columbus', latitude: 39.96, longitude: -83 });
  const draft = await call<{ id: number }>(request, url, 'startAssessment', { facilityId: facility.id });
  for (const capabilityId of CAPABILITY_IDS) await call(request, url, 'saveAnswer', { assessmentId: draft.id, capabilityId, answer: ON_SITE_ANSWER });
  await call(request, url, 'finalizeAssessment', { assessmentId: draft.id });
  return { facilityId: facility.id, assessmentId: draft.id };
}

/** A desktop with its own profile, connected through Settings → Shared registry to the server. */
export async function connectedDesktop(page: Page, desktopUrl: string, serverUrl: string, name = 'Dana Whitfield', role = 'Hospital administrator') {
  await page.goto(desktopUrl);
  await completeFirstStart(page, name, role);
  await page.getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Shared registry' });
  await card.getByLabel('Server address').fill(serverUrl);
  await card.getByRole('button', { name: 'Connect and copy the registry' }).click();
  await expect(card.getByText('Reachable')).toBeVisible();
}

export interface HostFixture {
  /** The data folder, fresh for each test and removed after it. */
  dataDirectory: string;
  /** Starts (or, after stop(), restarts) the serve host on the test's data folder, with any extra `serve` flags. */
  start(extraArgs?: string[]): Promise<RunningHost>;
}

/** A fresh data folder for one test, with every host started on it stopped and the folder removed once the test is done. */
async function hostFixture(prefix: string, use: (fixture: HostFixture) => Promise<void>): Promise<void> {
  const dataDirectory = mkdtempSync(join(tmpdir(), prefix));
  const running: RunningHost[] = [];
  await use({
    dataDirectory,
    start: async (extraArgs = []) => {
      const host = await startHost(dataDirectory, extraArgs);
      running.push(host);
      return host;
    },
  });
  for (const host of running) await host.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
}

/**
 * Tests that need a real `serve` host on their own data folder take `app` from this `test`;
 * tests of a desktop following a shared registry take the registry's server as `registry`,
 * on a folder of its own, so it can be stopped and started again apart from the desktop.
 */
export const test = base.extend<{ app: HostFixture; registry: HostFixture }>({
  app: async ({}, use) => hostFixture('transferready-e2e-', use),
  registry: async ({}, use) => hostFixture('transferready-e2e-server-', use),
});

export { expect };
