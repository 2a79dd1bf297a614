import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { freePort, startIdentityProvider, TEST_CLIENT, type RunningIdentityProvider } from '../support/test-identity-provider';
import { expect, expectAccessible, startHost, test, type RunningHost } from './host';

const CLI = join(__dirname, '..', '..', 'out', 'electron', 'cli.js');
const FIXTURE = join(__dirname, '..', 'fixtures', 'cms-hospital-general-older.csv');

let dataDirectory: string;
let idp: RunningIdentityProvider;
let host: RunningHost;
/** The same data behind a second host whose sessions end after three idle seconds. */
let briefHost: RunningHost;
const BRIEF_CLIENT = { clientId: 'transferready-brief', clientSecret: 'transferready-brief-secret-0123456789' };

function cli(...args: string[]): void {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDirectory], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 3) throw new Error(`cli ${args.join(' ')}: ${result.stderr}`);
}

// One host and provider for the file: sign-in state lives in each test's own browser context.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'transferready-e2e-signin-'));
  cli('import-facilities', FIXTURE);
  cli('grant', 'ada@example.org', 'registry-admin');
  cli('grant', 'quinn@example.org', 'quality-analyst');
  const port = await freePort();
  const hostUrl = `http://127.0.0.1:${port}/`;
  const briefPort = await freePort();
  idp = await startIdentityProvider({
    accounts: {
      'ada-sub': { name: 'Ada Admin', email: 'ada@example.org' },
      'quinn-sub': { name: 'Quinn Analyst', email: 'quinn@example.org' },
    },
    clients: [
      { ...TEST_CLIENT, hostUrl },
      { ...BRIEF_CLIENT, hostUrl: `http://127.0.0.1:${briefPort}/` },
    ],
  });
  process.env.TRANSFERREADY_OIDC_SECRET = TEST_CLIENT.clientSecret;
  host = await startHost(dataDirectory, ['--port', String(port), '--oidc-issuer', idp.issuer, '--oidc-client-id', TEST_CLIENT.clientId]);
  process.env.TRANSFERREADY_OIDC_SECRET = BRIEF_CLIENT.clientSecret;
  // Three idle seconds (a twentieth of a minute) so the test can watch a session end.
  briefHost = await startHost(dataDirectory, ['--port', String(briefPort), '--oidc-issuer', idp.issuer, '--oidc-client-id', BRIEF_CLIENT.clientId, '--session-idle-minutes', '0.05']);
});
test.afterAll(async () => {
  await briefHost?.stop();
  await host?.stop();
  await idp?.close();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function signInAs(page: Page, login: string, at: RunningHost = host): Promise<void> {
  await page.goto(at.url);
  // The host sent the browser to the provider's own login page.
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Facilities', level: 1 })).toBeVisible();
}

test('signs in at the provider, shows the verified person, and signs out there too', async ({ page }) => {
  await signInAs(page, 'ada-sub');
  const banner = page.getByRole('banner');
  await expect(banner.getByText('Ada Admin')).toBeVisible();
  await expect(banner.getByText('Registry administrator')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users and roles' })).toBeVisible();
  await expect(page.getByRole('row', { name: /quinn@example.org.*Quality analyst/ })).toBeVisible();
  await expectAccessible(page);

  // An assessor needs a facility: the form says so before anything is sent.
  await page.getByLabel('Email address').fill('new.assessor@example.org');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Assessor' });
  await page.getByRole('button', { name: 'Grant role' }).click();
  await expect(page.getByText('An assessor works for a facility: choose it.')).toBeVisible();
  await page.getByLabel('Find the facility').fill('010001');
  await page.getByLabel(/^Facility/).selectOption({ label: 'SOUTHEAST REGIONAL MEDICAL CENTER (CCN 010001)' });
  await page.getByRole('button', { name: 'Grant role' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assessor granted to new.assessor@example.org.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /new.assessor@example.org.*Assessor for SOUTHEAST REGIONAL MEDICAL CENTER/ })).toBeVisible();
  await page.getByRole('button', { name: /Remove Assessor for SOUTHEAST REGIONAL MEDICAL CENTER from new.assessor@example.org/ }).click();
  await expect(page.getByRole('row', { name: /new.assessor@example.org.*Reads the registry/ })).toBeVisible();

  await banner.getByRole('button', { name: 'Sign out' }).click();
  // The provider asks to confirm ending its own session, then sends the browser back to us.
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
  await page.goto(host.url);
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
});

test('a session that sits idle ends: calls are refused and the page signs in again', async ({ page }) => {
  await signInAs(page, 'ada-sub', briefHost);
  await page.waitForTimeout(3500);
  const refused = await page.evaluate(() => window.api!.listFacilities({}));
  expect(refused).toMatchObject({ ok: false, error: { code: 'signed_out' } });
  const signInRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/auth/sign-in')) signInRequests.push(request.url());
  });
  await page.reload();
  // Still signed in at the provider, so it sends the browser straight back with a new session.
  await expect(page.getByRole('heading', { name: 'Facilities', level: 1 })).toBeVisible();
  expect(signInRequests.length).toBeGreaterThan(0);
});

test('a quality analyst does not see what the role may not do, and the host refuses it when sent by hand', async ({ page }) => {
  await signInAs(page, 'quinn-sub');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Audit trail' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Transfer cases' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Import' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.getByRole('link', { name: /SOUTHEAST REGIONAL MEDICAL CENTER/i }).first().click();
  await expect(page.getByRole('heading', { name: /SOUTHEAST REGIONAL MEDICAL CENTER/i, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start assessment' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit details' })).toHaveCount(0);

  const facilityId = Number(/facilities\/(\d+)/.exec(page.url())![1]);
  const byHand = await page.evaluate((id) => window.api!.startAssessment({ facilityId: id }), facilityId);
  expect(byHand).toMatchObject({
    ok: false,
    error: { code: 'forbidden', message: expect.stringMatching(/^Only assessors for .+ can start and edit its assessments\. Ask a registry administrator\.$/) },
  });
  const withoutToken = await page.evaluate(async (id) => {
    const response = await fetch('api/startAssessment', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ facilityId: id }) });
    return response.status;
  }, facilityId);
  expect(withoutToken).toBe(403);
});
