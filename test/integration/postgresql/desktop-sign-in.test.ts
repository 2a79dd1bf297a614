import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core';
import type { SharedRegistry } from '../../../electron/core/db/postgresql-registry';
import { startHttpHost, type HttpHost } from '../../../electron/http-host';
import { discoverIdentityProvider } from '../../../electron/sign-in/identity-provider';
import { SignInGate } from '../../../electron/sign-in/sign-in-gate';
import { freshPostgresDatabase, callValue as value } from '../../support/core-harness';
import { CookieJar, exchangeDesktopCode, fakeDesktop, formFields, loginAtProvider, visit } from '../../support/sign-in-driver';
import { makeTempFolder } from '../../support/temp-folder';
import { freePort, startIdentityProvider, TEST_CLIENT, type RunningIdentityProvider } from '../../support/test-identity-provider';

/**
 * Issue 16, item 1 on the shared registry's own engine: two servers on one PostgreSQL database
 * (as behind a load balancer), a desktop signs in through one, and the other accepts its token,
 * because the token's SHA-256 is in the registry, not in a server's memory.
 */
let database: { url: string; drop(): Promise<void> };
let idp: RunningIdentityProvider;
const servers: { core: Core<SharedRegistry>; host: HttpHost; url: string; remove(): void }[] = [];

beforeAll(async () => {
  database = await freshPostgresDatabase();
  const ports = [await freePort(), await freePort()];
  // One client registration per server here (the provider keys clients by id); behind a real load balancer they share one.
  const clients = ports.map((port, index) => ({ ...TEST_CLIENT, clientId: `${TEST_CLIENT.clientId}-${index}`, hostUrl: `http://127.0.0.1:${port}/` }));
  idp = await startIdentityProvider({ accounts: { 'ada-sub': { name: 'Ada Admin', email: 'ada@example.org' } }, clients });
  for (const [index, port] of ports.entries()) {
    const folder = makeTempFolder();
    mkdirSync(join(folder.path, 'renderer'));
    writeFileSync(join(folder.path, 'renderer', 'index.html'), '<!doctype html><title>TransferReady</title>');
    const core = await openCore({ dataDirectory: folder.path, appVersion: 'test', databaseUrl: database.url });
    const provider = await discoverIdentityProvider({ issuer: new URL(idp.issuer), clientId: clients[index]!.clientId, clientSecret: TEST_CLIENT.clientSecret });
    const signIn = new SignInGate({ provider, people: core.people, limits: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 }, secureCookies: false, attemptsPerMinute: 10_000 });
    const host = await startHttpHost({ calls: core.calls, resolveScope: core.resolveScope, rendererDirectory: join(folder.path, 'renderer'), host: '127.0.0.1', port, signIn });
    servers.push({ core, host, url: `http://127.0.0.1:${port}/`, remove: folder.remove });
  }
  await value(servers[0]!.core, 'saveProfile', { name: 'Registry Office', role: 'administrator' });
  await value(servers[0]!.core, 'createFacility', { name: 'Lakeshore General', ccn: '010001' } as never);
  await value(servers[0]!.core, 'grantRole', { email: 'ada@example.org', role: 'registry_admin', facilityId: null });
});
afterAll(async () => {
  for (const server of servers) {
    await server.host.close();
    await server.core.close();
    server.remove();
  }
  await idp?.close();
  await database?.drop();
});

describe('a desktop signed in to a shared registry on PostgreSQL', () => {
  it('gets a token from one server that the other accepts, stored only as its SHA-256, and refused once revoked', async () => {
    const [first, second] = [servers[0]!, servers[1]!];
    const desktop = fakeDesktop(first.url);

    const browser = new CookieJar();
    const toSignIn = await visit(browser, desktop.browserUrl);
    const signInUrl = new URL(toSignIn.headers.get('location')!, first.url).href;
    const toProvider = await visit(browser, signInUrl);
    const callback = await loginAtProvider(new CookieJar(), toProvider.headers.get('location')!, 'ada-sub', `${first.url}auth/callback`);
    const back = await visit(browser, callback);
    const approval = await visit(browser, new URL(back.headers.get('location')!, first.url).href);
    const fields = formFields(await approval.text());
    const approved = await visit(browser, `${first.url}auth/desktop`, {
      method: 'POST',
      body: fields.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(first.url).origin },
    });
    const code = new URL(approved.headers.get('location')!).searchParams.get('code')!;
    const exchanged = await exchangeDesktopCode(first.url, code, desktop.verifier, desktop.redirectUri);
    expect(exchanged.status).toBe(200);
    const { accessToken } = ((await exchanged.json()) as { value: { accessToken: string } }).value;

    const call = (server: { url: string }) =>
      fetch(`${server.url}api/listFacilities`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` }, body: '{}' });
    expect((await call(second)).status).toBe(200);

    const { rows } = await first.core.database.pool.query<Record<string, unknown>>('SELECT * FROM desktop_sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_sha256).toBe(createHash('sha256').update(accessToken).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(accessToken);

    const revoked = await fetch(`${second.url}auth/desktop/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` } });
    expect(revoked.status).toBe(200);
    expect((await call(first)).status).toBe(401);
  });
});
