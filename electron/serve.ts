import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { DEFAULT_REPLICA_PULL_INTERVAL_MS, openCore } from './core/core';
import { defaultDataDirectory } from './core/data-directory';
import { DatabaseOpenError } from './core/db/connection';
import { DEFAULT_POOL_SIZE, registryLocation, SharedRegistryOpenError } from './core/db/postgresql-registry';
import { startHttpHost } from './http-host';
import { discoverIdentityProvider, issuerProblem } from './sign-in/identity-provider';
import { SignInGate } from './sign-in/sign-in-gate';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const USAGE = `Usage: npm run serve -- [--port 4477] [--data-dir DIR | --database URL]

Serves TransferReady to a browser on this computer (http://127.0.0.1:PORT/).
  --port N        port to listen on (default 4477; 0 picks a free one)
  --data-dir DIR  folder holding the database and its backups
                  (default: ${defaultDataDirectory()})
  --database postgresql://USER@HOST:PORT/DB
                  serve a health system's shared registry from PostgreSQL instead
                  (or set TRANSFERREADY_DATABASE_URL; put the password in PGPASSWORD or
                  ~/.pgpass rather than the URL; ?sslmode=verify-full for TLS)
  --pool-size N   connections kept open to that database (default ${DEFAULT_POOL_SIZE})
  --replica-pull-seconds N   when this desktop follows a shared registry (Settings), pull
                  its changes every N seconds (default ${DEFAULT_REPLICA_PULL_INTERVAL_MS / 1000})
  --host ADDRESS --allow-remote
                  listen on another address too. Every request must then carry an access
                  token (printed in the link; set it with TRANSFERREADY_TOKEN). The traffic is
                  not encrypted: use this only on a trusted network or behind a TLS proxy.
                  For one person's own use from another device.

Sign-in for a shared registry (many people, each with their own roles):
  --oidc-issuer URL       the hospital's OpenID Connect provider (https://…)
  --oidc-client-id ID     this host's client id there; the secret, if any, comes from
                          TRANSFERREADY_OIDC_SECRET. Register URL/auth/callback as the
                          redirect URI and URL/auth/signed-out as the post-logout URI.
  --public-url URL        the address people open (default http://HOST:PORT/)
  --behind-tls-proxy      the public address is https: session cookies become Secure
  --session-idle-minutes N   sign out after N idle minutes (default 30)
  --session-max-hours N      sign out N hours after sign-in however busy (default 12)
  With --oidc-issuer every request, loopback included, needs a signed-in session, and no
  access token is used. Desktops sign in through the system browser (Settings → Shared
  registry): the person approves at URL/auth/desktop and the desktop gets a token of its own
  for 90 days, kept in the database only as its SHA-256 (table desktop_sessions). To sign a
  person's desktops out: npm run cli -- sign-out-desktops EMAIL --database URL. Nothing more
  to register at the provider.`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '4477' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        database: { type: 'string' },
        'pool-size': { type: 'string' },
        'replica-pull-seconds': { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        'oidc-issuer': { type: 'string' },
        'oidc-client-id': { type: 'string' },
        'public-url': { type: 'string' },
        'behind-tls-proxy': { type: 'boolean', default: false },
        'session-idle-minutes': { type: 'string', default: '30' },
        'session-max-hours': { type: 'string', default: '12' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 64);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${args.port}".`, 64);
  const remote = !LOOPBACK.has(args.host);
  const oidcIssuer = args['oidc-issuer'];
  if (oidcIssuer !== undefined && !args['oidc-client-id']) fail('--oidc-issuer needs --oidc-client-id too.', 64);
  const idleMinutes = Number(args['session-idle-minutes']);
  const maxHours = Number(args['session-max-hours']);
  if (!(idleMinutes > 0 && idleMinutes <= 24 * 60)) fail('--session-idle-minutes must be a number of minutes from 1 to 1440.', 64);
  if (!(maxHours > 0 && maxHours <= 7 * 24)) fail('--session-max-hours must be a number of hours from 1 to 168.', 64);
  let publicUrl: URL | undefined;
  if (args['public-url'] !== undefined) {
    try {
      publicUrl = new URL(args['public-url']);
    } catch {
      fail(`--public-url must be a full address such as https://transferready.hospital.org/, not "${args['public-url']}".`, 64);
    }
    if (args['behind-tls-proxy'] && publicUrl.protocol !== 'https:') fail('--behind-tls-proxy needs a --public-url that starts with https://.', 64);
  }
  let issuerUrl: URL | undefined;
  if (oidcIssuer !== undefined) {
    try {
      issuerUrl = new URL(oidcIssuer);
    } catch {
      fail(`--oidc-issuer must be the provider's address, such as https://login.hospital.org/, not "${oidcIssuer}".`, 64);
    }
    const problem = issuerProblem(issuerUrl);
    if (problem) fail(problem, 64);
  }
  if (remote && !args['allow-remote'] && issuerUrl === undefined) {
    fail(
      `"${args.host}" is not a loopback address. TransferReady listens only on this computer unless you add --allow-remote; ` +
        'every request then needs the access token it prints.',
      64,
    );
  }
  const accessToken = remote && issuerUrl === undefined ? (process.env.TRANSFERREADY_TOKEN || randomBytes(24).toString('base64url')) : undefined;
  if (accessToken !== undefined && accessToken.length < 16) fail('TRANSFERREADY_TOKEN must be at least 16 characters.', 64);
  const dataDirectory = args['data-dir'] ?? defaultDataDirectory();
  const databaseUrl = args.database ?? (process.env.TRANSFERREADY_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    fail('--database takes a PostgreSQL URL: postgresql://USER@HOST:PORT/DATABASE.', 64);
  }
  const poolSize = args['pool-size'] === undefined ? undefined : Number(args['pool-size']);
  const pullSeconds = args['replica-pull-seconds'] === undefined ? undefined : Number(args['replica-pull-seconds']);
  if (pullSeconds !== undefined && !(Number.isInteger(pullSeconds) && pullSeconds >= 1 && pullSeconds <= 86_400)) {
    fail(`--replica-pull-seconds must be a whole number of seconds from 1 to 86400, not "${args['replica-pull-seconds']}".`, 64);
  }
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 500)) fail(`--pool-size must be a number from 1 to 500, not "${args['pool-size']}".`, 64);

  let core;
  try {
    core = await openCore({
      dataDirectory,
      appVersion: version,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(poolSize ? { poolSize } : {}),
      ...(pullSeconds ? { replicaPullIntervalMs: pullSeconds * 1000 } : {}),
    });
  } catch (error) {
    if (error instanceof DatabaseOpenError || error instanceof SharedRegistryOpenError) fail(error.message, 2);
    throw error;
  }

  let signIn: SignInGate | undefined;
  if (issuerUrl !== undefined) {
    try {
      const provider = await discoverIdentityProvider({ issuer: issuerUrl, clientId: args['oidc-client-id']!, clientSecret: process.env.TRANSFERREADY_OIDC_SECRET || undefined });
      signIn = new SignInGate({
        provider,
        people: core.people,
        limits: { idleMs: idleMinutes * 60_000, absoluteMs: maxHours * 3_600_000 },
        secureCookies: args['behind-tls-proxy'],
      });
    } catch (error) {
      await core.close();
      fail(`The identity provider at ${issuerUrl.href} could not be reached or did not describe itself (${(error as Error).message}). Check --oidc-issuer and the network, then start again.`, 1);
    }
  }

  let host;
  try {
    host = await startHttpHost({
      calls: core.calls,
      resolveScope: core.resolveScope,
      rendererDirectory: join(__dirname, '..', 'renderer'),
      host: args.host,
      port,
      ...(accessToken ? { accessToken } : {}),
      ...(signIn ? { signIn } : {}),
      ...(publicUrl ? { publicUrl: publicUrl.href } : {}),
    });
  } catch (error) {
    await core.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      fail(`Port ${port} is already in use. Stop the other program or start with --port ${port + 1}.`, 1);
    }
    throw error;
  }

  const link = accessToken ? `${host.url}?token=${encodeURIComponent(accessToken)}` : host.url;
  console.log(`TransferReady is running. Open ${link} in your browser.`);
  if (accessToken) console.log('Anyone with this link can use TransferReady: share it only with the people who should.');
  if (signIn) console.log(`Sign-in: ${issuerUrl!.href} (sessions end after ${idleMinutes} idle minutes or ${maxHours} hours).`);
  console.log(databaseUrl ? `Shared registry: ${registryLocation(databaseUrl)}` : `Data folder: ${dataDirectory}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function fail(message: string, exitCode: number): never {
  console.error(message);
  process.exit(exitCode);
}

void main();
