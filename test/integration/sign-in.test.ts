import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { AppDatabase } from '../../electron/core/db/connection';
import { discoverIdentityProvider } from '../../electron/sign-in/identity-provider';
import { callAsPage, CookieJar, loginAtProvider, signIn, startSignIn, visit } from '../support/sign-in-driver';
import { startSignedInHost, TEST_CLIENT as CLIENT, type SignedInHost } from '../support/signed-in-host';
import type { RunningIdentityProvider } from '../support/test-identity-provider';

const IDLE_MS = 30 * 60_000;

let running: SignedInHost;
let core: Core<AppDatabase>;
let idp: RunningIdentityProvider;
let hostUrl: string;
let callbackUrl: string;
let lakeshore: number;
const setSkew = (ms: number) => running.skew(ms);

beforeAll(async () => {
  running = await startSignedInHost(
    {
      'ada-sub': { name: 'Ada Admin', email: 'ada@example.org' },
      'ari-sub': { name: 'Ari Assessor', email: 'ari@example.org' },
      'eve-sub': { name: 'Eve Unverified', email: 'eve@example.org', emailVerified: false },
    },
    { idleMs: IDLE_MS },
  );
  ({ core, idp, hostUrl } = running);
  callbackUrl = `${hostUrl}auth/callback`;
  lakeshore = (await core.calls.createFacility({ name: 'Lakeshore General', ccn: '010001' } as never)).id;
  await core.calls.grantRole({ email: 'ada@example.org', role: 'registry_admin', facilityId: null });
  await core.calls.grantRole({ email: 'ari@example.org', role: 'assessor', facilityId: lakeshore });
  await core.calls.grantRole({ email: 'eve@example.org', role: 'registry_admin', facilityId: null });
});
afterAll(() => running.close());
beforeEach(() => {
  setSkew(0);
  idp.tamperIdTokens(null);
});

async function body(response: Response): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }> {
  return (await response.json()) as never;
}

/** Runs a sign-in up to the provider's answer, then hands the callback to the host. */
async function finishWith(callback: string, hostJar: CookieJar): Promise<Response> {
  return visit(hostJar, callback);
}

describe('a host with sign-in', () => {
  it('refuses every call without a session (401) and sends a page visitor to sign in', async () => {
    const call = await callAsPage(hostUrl, new CookieJar(), 'listFacilities', {});
    expect(call.status).toBe(401);
    expect((await body(call)).error).toMatchObject({ code: 'signed_out' });
    const page = await visit(new CookieJar(), hostUrl);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/sign-in');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('signs in through the provider with PKCE, sets an HttpOnly SameSite session cookie, and knows who it is', async () => {
    const { hostJar, authorizationUrl } = await startSignIn(hostUrl);
    const authorization = new URL(authorizationUrl);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    const callback = await loginAtProvider(new CookieJar(), authorizationUrl, 'ada-sub', callbackUrl);
    const finished = await finishWith(callback, hostJar);
    expect(finished.status).toBe(303);
    const setCookies = finished.headers.getSetCookie();
    const session = setCookies.find((line) => line.startsWith('transferready_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(setCookies.find((line) => line.startsWith('transferready_csrf='))).toMatch(/SameSite=Strict/);

    const answer = await body(await callAsPage(hostUrl, hostJar, 'getSession', {}));
    expect(answer.value!.person).toMatchObject({ name: 'Ada Admin', email: 'ada@example.org', issuer: idp.issuer, roles: ['registry_admin'] });
  });

  it('records the verified identity as the author of a change, never a typed name', async () => {
    const jar = await signIn(hostUrl, 'ari-sub');
    const renamed = await callAsPage(hostUrl, jar, 'renameFacility', { id: lakeshore, name: 'Lakeshore General Hospital' });
    expect(renamed.status).toBe(200);
    const typed = await callAsPage(hostUrl, jar, 'saveProfile', { name: 'Somebody Else', role: 'administrator' });
    expect(typed.status).toBe(403);
    const row = core.database.sqlite
      .prepare("SELECT actor_name, actor_email, actor_issuer, actor_subject FROM audit_events WHERE action = 'rename' ORDER BY id DESC LIMIT 1")
      .get();
    expect(row).toEqual({ actor_name: 'Ari Assessor', actor_email: 'ari@example.org', actor_issuer: idp.issuer, actor_subject: 'ari-sub' });
    const signedIn = core.database.sqlite.prepare("SELECT actor_email, actor_role FROM audit_events WHERE action = 'sign-in' AND actor_subject = 'ari-sub' ORDER BY id DESC LIMIT 1").get();
    expect(signedIn).toEqual({ actor_email: 'ari@example.org', actor_role: 'administrator' });
  });

  it('refuses a tampered session cookie', async () => {
    const jar = await signIn(hostUrl, 'ada-sub');
    const real = jar.get('transferready_session')!;
    jar.cookies.set('transferready_session', `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`);
    expect((await callAsPage(hostUrl, jar, 'listFacilities', {})).status).toBe(401);
  });

  it('refuses a replayed state: the same provider answer signs in once', async () => {
    const { hostJar, authorizationUrl } = await startSignIn(hostUrl);
    const callback = await loginAtProvider(new CookieJar(), authorizationUrl, 'ada-sub', callbackUrl);
    const first = await finishWith(callback, hostJar);
    expect(first.status).toBe(303);
    const replayJar = new CookieJar();
    replayJar.cookies.set('transferready_signin', new URL(callback).searchParams.get('state')!);
    const replay = await finishWith(callback, replayJar);
    expect(replay.status).toBe(400);
    expect(replay.headers.getSetCookie().some((line) => line.startsWith('transferready_session='))).toBe(false);
  });

  it('refuses an answer carried into another browser (no matching sign-in cookie)', async () => {
    const { authorizationUrl } = await startSignIn(hostUrl);
    const callback = await loginAtProvider(new CookieJar(), authorizationUrl, 'ada-sub', callbackUrl);
    const elsewhere = await finishWith(callback, new CookieJar());
    expect(elsewhere.status).toBe(400);
  });

  it('refuses a code whose PKCE verifier the host does not hold (a code injected into another sign-in)', async () => {
    const victim = await startSignIn(hostUrl);
    const attacker = await startSignIn(hostUrl);
    const attackerCallback = new URL(await loginAtProvider(new CookieJar(), attacker.authorizationUrl, 'ada-sub', callbackUrl));
    const injected = new URL(callbackUrl);
    injected.searchParams.set('code', attackerCallback.searchParams.get('code')!);
    injected.searchParams.set('state', new URL(victim.authorizationUrl).searchParams.get('state')!);
    injected.searchParams.set('iss', idp.issuer);
    const answer = await finishWith(injected.href, victim.hostJar);
    expect(answer.status).toBe(401);
    expect(await answer.text()).toContain('could not be verified');
  });

  it('the provider itself refuses to exchange a code without its PKCE verifier', async () => {
    const { authorizationUrl } = await startSignIn(hostUrl);
    const callback = new URL(await loginAtProvider(new CookieJar(), authorizationUrl, 'ada-sub', callbackUrl));
    const token = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: callbackUrl }),
    });
    expect(token.status).toBe(400);
  });

  it.each([
    ['another issuer', (claims: Record<string, unknown>) => ({ ...claims, iss: 'https://impostor.example' })],
    ['another audience', (claims: Record<string, unknown>) => ({ ...claims, aud: 'another-app' })],
    ['an expired ID token', (claims: Record<string, unknown>) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['a different nonce', (claims: Record<string, unknown>) => ({ ...claims, nonce: 'not-the-one-sent' })],
  ])('refuses a validly signed ID token from %s', async (_what, defect) => {
    idp.tamperIdTokens(defect);
    const { hostJar, authorizationUrl } = await startSignIn(hostUrl);
    const callback = await loginAtProvider(new CookieJar(), authorizationUrl, 'ada-sub', callbackUrl);
    const answer = await finishWith(callback, hostJar);
    expect(answer.status).toBe(401);
    expect(hostJar.get('transferready_session')).toBeUndefined();
  });

  it('refuses a code the provider issued to another application (wrong audience)', async () => {
    const { hostJar, authorizationUrl } = await startSignIn(hostUrl);
    const forOther = new URL(authorizationUrl);
    forOther.searchParams.set('client_id', 'another-app');
    const callback = await loginAtProvider(new CookieJar(), forOther.href, 'ada-sub', callbackUrl);
    const answer = await finishWith(callback, hostJar);
    expect(answer.status).toBe(401);
  });

  it('refuses a provider whose description names another issuer', async () => {
    await expect(
      discoverIdentityProvider({ issuer: new URL(`${idp.issuer}/elsewhere`), clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret }),
    ).rejects.toThrow();
  });

  it('does not hand a waiting grant to an address the provider has not verified', async () => {
    const { hostJar, authorizationUrl } = await startSignIn(hostUrl);
    const callback = await loginAtProvider(new CookieJar(), authorizationUrl, 'eve-sub', callbackUrl);
    const answer = await finishWith(callback, hostJar);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('not verified');
  });

  it('refuses a call from another origin, and one without the session token, even with the session cookie', async () => {
    const jar = await signIn(hostUrl, 'ada-sub');
    const input = { name: 'Cross-Site Hospital' };
    const crossSite = await callAsPage(hostUrl, jar, 'createFacility', input, { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    const noToken = await callAsPage(hostUrl, jar, 'createFacility', input, { 'X-CSRF-Token': '' });
    expect(noToken.status).toBe(403);
    const wrongToken = await callAsPage(hostUrl, jar, 'createFacility', input, { 'X-CSRF-Token': 'guessed' });
    expect(wrongToken.status).toBe(403);
    expect(core.database.sqlite.prepare("SELECT count(*) AS n FROM facilities WHERE name = 'Cross-Site Hospital'").get()).toEqual({ n: 0 });
    expect((await callAsPage(hostUrl, jar, 'createFacility', input)).status).toBe(200);
  });

  it('answers a refused permission with 403 and the sentence', async () => {
    const jar = await signIn(hostUrl, 'ari-sub');
    const refused = await callAsPage(hostUrl, jar, 'listUsers', {});
    expect(refused.status).toBe(403);
    expect((await body(refused)).error!.message).toBe('Only registry administrators can manage users and roles. Ask a registry administrator.');
  });

  it('ends a session after the idle timeout', async () => {
    const jar = await signIn(hostUrl, 'ada-sub');
    expect((await callAsPage(hostUrl, jar, 'listFacilities', {})).status).toBe(200);
    setSkew(IDLE_MS + 1000);
    expect((await callAsPage(hostUrl, jar, 'listFacilities', {})).status).toBe(401);
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const jar = await signIn(hostUrl, 'ada-sub');
    // Used every 25 minutes, so never idle long enough to end that way, up to the twelfth hour.
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      setSkew(minutes * 60_000);
      expect((await callAsPage(hostUrl, jar, 'getSession', {})).status).toBe(200);
    }
    setSkew(12 * 3_600_000 + 60_000);
    expect((await callAsPage(hostUrl, jar, 'getSession', {})).status).toBe(401);
  });

  it('ends every session of a person whose role is removed', async () => {
    const ari = await signIn(hostUrl, 'ari-sub');
    const ada = await signIn(hostUrl, 'ada-sub');
    const users = (await body(await callAsPage(hostUrl, ada, 'listUsers', {}))).value as unknown as { email: string; grants: { id: number }[] }[];
    const grant = users.find((user) => user.email === 'ari@example.org')!.grants[0]!;
    expect((await callAsPage(hostUrl, ada, 'revokeRole', { grantId: grant.id })).status).toBe(200);
    expect((await callAsPage(hostUrl, ari, 'listFacilities', {})).status).toBe(401);
    await core.calls.grantRole({ email: 'ari@example.org', role: 'assessor', facilityId: lakeshore });
  });

  it('signs out: the session ends and the provider’s end-session address comes back', async () => {
    const jar = await signIn(hostUrl, 'ada-sub');
    const csrf = jar.get('transferready_csrf')!;
    const ended = jar.get('transferready_session')!;
    const out = await visit(jar, `${hostUrl}auth/sign-out`, { method: 'POST', headers: { Origin: new URL(hostUrl).origin, 'X-CSRF-Token': csrf } });
    expect(out.status).toBe(200);
    const redirectTo = new URL(((await body(out)).value as { redirectTo: string }).redirectTo);
    expect(redirectTo.origin).toBe(idp.issuer);
    expect(redirectTo.searchParams.get('post_logout_redirect_uri')).toBe(`${hostUrl}auth/signed-out`);
    expect(redirectTo.searchParams.get('id_token_hint')).toBeTruthy();
    expect(jar.get('transferready_session')).toBeUndefined();
    jar.cookies.set('transferready_session', ended);
    expect((await callAsPage(hostUrl, jar, 'listFacilities', {})).status).toBe(401);
  });

  it('limits sign-in attempts per address', async () => {
    // A day later: a window of its own, whatever the tests above used.
    setSkew(24 * 3_600_000);
    let limited: Response | null = null;
    let allowed = 0;
    for (let attempt = 0; attempt < 120 && !limited; attempt += 1) {
      const response = await visit(new CookieJar(), `${hostUrl}auth/sign-in`);
      if (response.status === 429) limited = response;
      else allowed += 1;
    }
    expect(allowed).toBe(100);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
