import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { LOCAL_CALLER } from '../../shared/permissions';
import type { ReplicaStatus } from '../../shared/registry-feed';
import { openCore, type Core } from '../../electron/core/core';
import type { AppDatabase } from '../../electron/core/db/connection';
import { dispatchCall } from '../../electron/core/dispatch';
import { SIGNED_OUT_PROBLEM } from '../../electron/core/replica/shared-registry-link';
import { isDesktopSignInUrl, loopbackRedirectUri } from '../../electron/sign-in/loopback-redirect';
import { callValue } from '../support/core-harness';
import { CookieJar, exchangeDesktopCode, fakeDesktop, formFields, location, loginAtProvider, visit } from '../support/sign-in-driver';
import { startSignedInHost, type SignedInHost } from '../support/signed-in-host';
import { makeTempFolder } from '../support/temp-folder';

/**
 * Issue 16, item 1: a desktop signs in to a shared registry with sign-in through the system
 * browser (RFC 8252: loopback redirect, PKCE S256), and follows it with a token of its own.
 * The browser is played by a cookie jar that logs in at the real test provider.
 */
let running: SignedInHost;
let hostUrl: string;
let callbackUrl: string;

beforeAll(async () => {
  running = await startSignedInHost(
    {
      'ada-sub': { name: 'Ada Admin', email: 'ada@example.org' },
      'phil-sub': { name: 'Phil Physician', email: 'phil@example.org' },
    },
    { attemptsPerMinute: 10_000 },
  );
  hostUrl = running.hostUrl;
  callbackUrl = `${hostUrl}auth/callback`;
  const lakeshore = (await running.core.calls.createFacility({ name: 'Lakeshore General', ccn: '010001' } as never)).id;
  await running.core.calls.createFacility({ name: 'Northside Rehabilitation', ccn: '010002' } as never);
  await running.core.calls.grantRole({ email: 'ada@example.org', role: 'registry_admin', facilityId: null });
  await running.core.calls.grantRole({ email: 'phil@example.org', role: 'physician', facilityId: lakeshore });
});
afterAll(() => running.close());

/**
 * The system browser from the registry's desktop sign-in address to the approval: signs in at
 * the provider when the jar holds no session, approves, and returns where the registry sends
 * the browser next (the desktop's loopback address with code and state). Nothing is sent there.
 */
async function approveInBrowser(browser: CookieJar, browserUrl: string, login: string): Promise<string> {
  let url = browserUrl;
  let page = await visit(browser, url);
  if (page.status === 302) {
    const signIn = location(page, url);
    expect(new URL(signIn).pathname).toBe('/auth/sign-in');
    const toProvider = await visit(browser, signIn);
    const callback = await loginAtProvider(new CookieJar(), location(toProvider, signIn), login, callbackUrl);
    const back = await visit(browser, callback);
    url = location(back, callback);
    expect(url).toBe(browserUrl);
    page = await visit(browser, url);
  }
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Sign in TransferReady on this computer?');
  const approved = await visit(browser, new URL('auth/desktop', hostUrl).href, {
    method: 'POST',
    body: formFields(html).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(hostUrl).origin },
  });
  expect(approved.status).toBe(303);
  return location(approved, hostUrl);
}

async function bearerCall(token: string, method: string, input: unknown = {}): Promise<Response> {
  return fetch(new URL(`api/${method}`, hostUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
}

/** A token from a whole exchange, as the fake desktop gets it. */
async function tokenFor(login: string, browser = new CookieJar()): Promise<string> {
  const desktop = fakeDesktop(hostUrl);
  const code = new URL(await approveInBrowser(browser, desktop.browserUrl, login)).searchParams.get('code')!;
  const answer = (await (await exchangeDesktopCode(hostUrl, code, desktop.verifier, desktop.redirectUri)).json()) as { value: { accessToken: string } };
  return answer.value.accessToken;
}

const hostDatabase = () => running.core.database as AppDatabase;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the registry side of a desktop sign-in', () => {
  it('accepts only loopback IP redirect URIs, exactly written', () => {
    for (const good of ['http://127.0.0.1:49152/signed-in', 'http://[::1]:8123/cb']) expect(loopbackRedirectUri(good)?.href).toBe(good);
    for (const bad of [
      'http://localhost:49152/signed-in',
      'https://127.0.0.1:49152/signed-in',
      'http://127.0.0.1/signed-in',
      'http://evil.example:49152/signed-in',
      'http://127.0.0.1.evil.example:49152/x',
      'http://user@127.0.0.1:49152/x',
      'http://0x7f.0.0.1:49152/x',
      'http://127.1:49152/x',
      'http://127.0.0.1:49152/x?next=https://evil.example',
      'http://127.0.0.1:49152/x#fragment',
      'javascript:alert(1)',
      '',
    ]) {
      expect(loopbackRedirectUri(bad), bad).toBeNull();
    }
    expect(isDesktopSignInUrl(fakeDesktop(hostUrl).browserUrl)).toBe(true);
    expect(isDesktopSignInUrl('https://evil.example/phish')).toBe(false);
    expect(isDesktopSignInUrl('file:///etc/passwd')).toBe(false);
  });

  it('refuses a redirect URI that is not this computer with a page, never a redirect, signed in or not', async () => {
    const browser = new CookieJar();
    await approveInBrowser(browser, fakeDesktop(hostUrl).browserUrl, 'ada-sub');
    for (const redirect of ['https://evil.example/steal', 'http://localhost:5000/signed-in', 'http://127.0.0.1.nip.io:5000/cb']) {
      const { browserUrl } = fakeDesktop(hostUrl, redirect);
      for (const jar of [browser, new CookieJar()]) {
        const answer = await visit(jar, browserUrl);
        expect(answer.status, redirect).toBe(400);
        expect(answer.headers.get('location')).toBeNull();
      }
    }
    // Nor when the approval form is posted with another address.
    const desktop = fakeDesktop(hostUrl);
    const page = await visit(browser, desktop.browserUrl);
    const fields = formFields(await page.text());
    fields.set('redirect_uri', 'https://evil.example/steal');
    const posted = await visit(browser, new URL('auth/desktop', hostUrl).href, {
      method: 'POST',
      body: fields.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(hostUrl).origin },
    });
    expect(posted.status).toBe(400);
    expect(posted.headers.get('location')).toBeNull();
  });

  it('never hands out a code without the person approving on the registry page with its CSRF token', async () => {
    const browser = new CookieJar();
    const desktop = fakeDesktop(hostUrl);
    await approveInBrowser(browser, desktop.browserUrl, 'ada-sub');
    const page = await visit(browser, desktop.browserUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:9");
    const fields = formFields(await page.text());
    const post = (body: URLSearchParams, origin: string) =>
      visit(browser, new URL('auth/desktop', hostUrl).href, { method: 'POST', body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin } });
    const withoutCsrf = new URLSearchParams(fields);
    withoutCsrf.delete('csrf');
    expect((await post(withoutCsrf, new URL(hostUrl).origin)).status).toBe(403);
    expect((await post(fields, 'https://evil.example')).status).toBe(403);
    // Another browser, not signed in, cannot post the form.
    const stranger = await visit(new CookieJar(), new URL('auth/desktop', hostUrl).href, {
      method: 'POST',
      body: fields.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(stranger.status).toBe(403);
  });

  it('exchanges a code once, only with its PKCE verifier and its redirect URI', async () => {
    const browser = new CookieJar();
    const desktop = fakeDesktop(hostUrl);
    const loopback = new URL(await approveInBrowser(browser, desktop.browserUrl, 'ada-sub'));
    expect(loopback.origin + loopback.pathname).toBe(desktop.redirectUri);
    expect(loopback.searchParams.get('state')).toBe(desktop.state);
    const code = loopback.searchParams.get('code')!;

    const wrongVerifier = await exchangeDesktopCode(hostUrl, code, randomBytes(32).toString('base64url'), desktop.redirectUri);
    expect(wrongVerifier.status).toBe(400);
    // The failed attempt used the code up: even the right verifier gets nothing now.
    expect((await exchangeDesktopCode(hostUrl, code, desktop.verifier, desktop.redirectUri)).status).toBe(400);

    const second = fakeDesktop(hostUrl);
    const secondCode = new URL(await approveInBrowser(browser, second.browserUrl, 'ada-sub')).searchParams.get('code')!;
    expect((await exchangeDesktopCode(hostUrl, secondCode, second.verifier, 'http://127.0.0.1:10/signed-in')).status).toBe(400);

    const third = fakeDesktop(hostUrl);
    const thirdCode = new URL(await approveInBrowser(browser, third.browserUrl, 'ada-sub')).searchParams.get('code')!;
    const first = await exchangeDesktopCode(hostUrl, thirdCode, third.verifier, third.redirectUri);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const token = ((await first.json()) as { value: { accessToken: string; expiresAt: string; name: string } }).value;
    expect(token.name).toBe('Ada Admin');
    expect(Buffer.from(token.accessToken, 'base64url').length).toBeGreaterThanOrEqual(32);
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);
    const reused = await exchangeDesktopCode(hostUrl, thirdCode, third.verifier, third.redirectUri);
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: { message: string } }).error.message).toMatch(/already used/);
  });

  it('accepts the token as a bearer on calls, with the person\'s current roles and no CSRF header, and stores only its SHA-256', async () => {
    const token = await tokenFor('phil-sub');
    const session = await bearerCall(token, 'getSession');
    expect(session.status).toBe(200);
    expect(((await session.json()) as { value: { person: { name: string; roles: string[] } } }).value.person).toMatchObject({ name: 'Phil Physician', roles: ['physician'] });
    expect((await bearerCall(token, 'listFacilities')).status).toBe(200);
    // A physician still may not manage users, token or not.
    expect((await bearerCall(token, 'listUsers')).status).toBe(403);
    // Pages are for browsers with a session: a bearer does not open them.
    const page = await fetch(hostUrl, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
    expect(page.status).toBe(302);

    const rows = hostDatabase().sqlite.prepare('SELECT * FROM desktop_sessions').all() as Record<string, unknown>[];
    expect(rows.some((row) => row.token_sha256 === sha256(token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
    hostDatabase().sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(hostDatabase().file).includes(Buffer.from(token))).toBe(false);

    const audit = hostDatabase()
      .sqlite.prepare("SELECT actor_email, after_json FROM audit_events WHERE action = 'sign-in' AND after_json LIKE '%desktopSession%' ORDER BY id DESC LIMIT 1")
      .get() as { actor_email: string; after_json: string };
    expect(audit.actor_email).toBe('phil@example.org');
    expect(audit.after_json).not.toContain(token);
  });

  it('refuses a revoked, expired, or made-up token with 401 and the signed-out sentence', async () => {
    const revoked = await tokenFor('ada-sub');
    const ended = await fetch(new URL('auth/desktop/revoke', hostUrl), { method: 'POST', headers: { Authorization: `Bearer ${revoked}` } });
    expect(ended.status).toBe(200);
    const expired = await tokenFor('ada-sub');
    hostDatabase().sqlite.prepare("UPDATE desktop_sessions SET expires_at = '2020-01-01T00:00:00.000Z' WHERE token_sha256 = ?").run(sha256(expired));
    for (const token of [revoked, expired, randomBytes(32).toString('base64url')]) {
      const answer = await bearerCall(token, 'listFacilities');
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('signed_out');
    }
  });
});

describe('a desktop signing in through the system browser', () => {
  let desktop: Core<AppDatabase>;
  let folder: ReturnType<typeof makeTempFolder>;

  beforeAll(async () => {
    folder = makeTempFolder();
    desktop = await openCore({ dataDirectory: folder.path, appVersion: 'test', replicaPullIntervalMs: null });
    await value('saveProfile', { name: 'Rural desk', role: 'physician' });
  });
  afterAll(async () => {
    await desktop.close();
    folder.remove();
  });

  function value<K extends CallName>(method: K, input: CallInput<K>): Promise<CallOutput<K>> {
    return callValue(desktop, method, input);
  }
  const status = () => value('sharedRegistryStatus', {}) as Promise<ReplicaStatus>;

  it('begins with a loopback listener, connects when the browser comes back, and pulls with its own token', async () => {
    const { browserUrl } = await value('beginSharedRegistrySignIn', { serverUrl: hostUrl });
    expect(isDesktopSignInUrl(browserUrl)).toBe(true);
    const redirectUri = new URL(browserUrl).searchParams.get('redirect_uri')!;
    expect(new URL(redirectUri).hostname).toBe('127.0.0.1');
    expect((await status()).signIn).toEqual({ underWay: true, problem: null });

    // Something else on this computer guessing at the listener gets nothing, and the sign-in goes on.
    const guess = await fetch(`${redirectUri}?code=${randomBytes(32).toString('base64url')}&state=wrong-state-0123456789`);
    expect(guess.status).toBe(400);
    const otherHost = await fetch(redirectUri.replace('127.0.0.1', 'localhost'), { redirect: 'manual' }).catch(() => null);
    if (otherHost) expect(otherHost.status).not.toBe(200);
    expect((await status()).signIn.underWay).toBe(true);

    const loopback = await approveInBrowser(new CookieJar(), browserUrl, 'phil-sub');
    expect(loopback.startsWith(`${redirectUri}?`)).toBe(true);
    const tab = await fetch(loopback);
    expect(tab.status).toBe(200);
    expect(await tab.text()).toContain('Signed in — return to TransferReady');

    const after = await status();
    expect(after).toMatchObject({ connected: true, serverUrl: hostUrl, problem: null, needsSignIn: false, signIn: { underWay: false, problem: null } });
    expect(after.cursor).toBeGreaterThan(0);
    expect((await value('listFacilities', {} as never)).items.map((item: { name: string }) => item.name).sort()).toEqual(['Lakeshore General', 'Northside Rehabilitation']);

    // The token lives in the data folder, readable by this user only, never in the database.
    const tokenFile = join(folder.path, 'shared-registry-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8');
    expect(hostDatabase().sqlite.prepare('SELECT user_id FROM desktop_sessions WHERE token_sha256 = ?').get(sha256(token))).toBeTruthy();
    desktop.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(desktop.database.file).includes(Buffer.from(token))).toBe(false);

    // The callback works once: the same address again is refused.
    const replay = await fetch(loopback).catch(() => null);
    if (replay) expect(replay.status).not.toBe(200);
  });

  it('says to sign in again when the registry ends its session, and takes a new sign-in without disconnecting', async () => {
    hostDatabase().sqlite.prepare("UPDATE desktop_sessions SET revoked_at = '2026-01-01T00:00:00.000Z'").run();
    const signedOut = await value('syncSharedRegistry', {});
    expect(signedOut).toMatchObject({ connected: true, problem: SIGNED_OUT_PROBLEM, needsSignIn: true });
    expect(signedOut.problem).toMatch(/Sign in again/);

    await running.core.calls.createFacility({ name: 'Eastside Neurology', ccn: '010003' } as never);
    const { browserUrl } = await value('beginSharedRegistrySignIn', { serverUrl: hostUrl });
    const tab = await fetch(await approveInBrowser(new CookieJar(), browserUrl, 'phil-sub'));
    expect(tab.status).toBe(200);
    const back = await value('syncSharedRegistry', {});
    expect(back).toMatchObject({ connected: true, problem: null, needsSignIn: false });
    expect((await value('listFacilities', {} as never)).items.map((item: { name: string }) => item.name)).toContain('Eastside Neurology');
  });

  it('refuses to sign in to another registry while following one', async () => {
    const other = await dispatchCall(desktop.calls, 'beginSharedRegistrySignIn', { serverUrl: 'http://127.0.0.1:9/' }, LOCAL_CALLER);
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('ends its session at the registry when it disconnects', async () => {
    const token = readFileSync(join(folder.path, 'shared-registry-token'), 'utf8');
    await value('disconnectSharedRegistry', {});
    const row = hostDatabase().sqlite.prepare('SELECT revoked_at FROM desktop_sessions WHERE token_sha256 = ?').get(sha256(token)) as { revoked_at: string | null };
    expect(row.revoked_at).not.toBeNull();
    expect((await bearerCall(token, 'listFacilities')).status).toBe(401);
  });
});

describe('a sign-in nobody finishes', () => {
  it('gives up after its time and says so', async () => {
    const folder = makeTempFolder();
    const desktop = await openCore({ dataDirectory: folder.path, appVersion: 'test', replicaPullIntervalMs: null, replicaSignInTimeoutMs: 300 });
    try {
      const begun = await dispatchCall(desktop.calls, 'beginSharedRegistrySignIn', { serverUrl: hostUrl }, LOCAL_CALLER);
      if (!begun.ok) throw new Error(begun.error.message);
      const redirectUri = new URL((begun.value as { browserUrl: string }).browserUrl).searchParams.get('redirect_uri')!;
      let current: ReplicaStatus | null = null;
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const answer = await dispatchCall(desktop.calls, 'sharedRegistryStatus', {}, LOCAL_CALLER);
        current = answer.ok ? (answer.value as ReplicaStatus) : null;
        if (current && !current.signIn.underWay) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(current).toMatchObject({ connected: false, signIn: { underWay: false, problem: expect.stringMatching(/not finished/) } });
      // The listener is gone.
      await expect(fetch(redirectUri)).rejects.toThrow();
    } finally {
      await desktop.close();
      folder.remove();
    }
  });
});
