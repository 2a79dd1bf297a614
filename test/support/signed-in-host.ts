import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import type { AppDatabase } from '../../electron/core/db/connection';
import { startHttpHost, type HttpHost } from '../../electron/http-host';
import { discoverIdentityProvider } from '../../electron/sign-in/identity-provider';
import { SignInGate } from '../../electron/sign-in/sign-in-gate';
import { makeTempFolder } from './temp-folder';
import { freePort, startIdentityProvider, TEST_CLIENT, type RunningIdentityProvider, type TestAccount } from './test-identity-provider';

export { TEST_CLIENT };

export interface SignedInHost {
  core: Core<AppDatabase>;
  host: HttpHost;
  hostUrl: string;
  idp: RunningIdentityProvider;
  /** Moves the host's session clock (not the provider's) forward by this much. */
  skew(ms: number): void;
  close(): Promise<void>;
}

/**
 * A real core on a temp SQLite file behind the HTTP host with sign-in, and a real OpenID
 * provider on loopback that knows the given accounts. The core's local profile sets things up.
 */
export async function startSignedInHost(accounts: Record<string, TestAccount>, options: { idleMs?: number; attemptsPerMinute?: number } = {}): Promise<SignedInHost> {
  const folder = makeTempFolder();
  const renderer = join(folder.path, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>TransferReady</title>');
  const port = await freePort();
  const hostUrl = `http://127.0.0.1:${port}/`;
  const idp = await startIdentityProvider({
    accounts,
    clients: [
      { ...TEST_CLIENT, hostUrl },
      // Another application at the same provider: its codes and tokens are not for TransferReady.
      { clientId: 'another-app', clientSecret: 'another-app-secret-0123456789abcdef', hostUrl },
    ],
  });
  const core = await openCore({ dataDirectory: join(folder.path, 'data'), appVersion: 'test' });
  await core.calls.saveProfile({ name: 'Setup', role: 'administrator' });
  let skewMs = 0;
  const provider = await discoverIdentityProvider({ issuer: new URL(idp.issuer), clientId: TEST_CLIENT.clientId, clientSecret: TEST_CLIENT.clientSecret });
  const signIn = new SignInGate({
    provider,
    people: core.people,
    limits: { idleMs: options.idleMs ?? 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    secureCookies: false,
    attemptsPerMinute: options.attemptsPerMinute ?? 100,
    clock: () => Date.now() + skewMs,
  });
  const host = await startHttpHost({ calls: core.calls, resolveScope: core.resolveScope, rendererDirectory: renderer, host: '127.0.0.1', port, signIn });
  return {
    core,
    host,
    hostUrl,
    idp,
    skew: (ms) => {
      skewMs = ms;
    },
    close: async () => {
      await host.close();
      await idp.close();
      await core.close();
      folder.remove();
    },
  };
}
