import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { openCore } from './core/core';
import { defaultDataDirectory } from './core/data-directory';
import { DatabaseOpenError } from './core/db/connection';
import { DEFAULT_POOL_SIZE, registryLocation, SharedRegistryOpenError } from './core/db/postgresql-registry';
import { startHttpHost } from './http-host';

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
  --host ADDRESS --allow-remote
                  listen on another address too. Every request must then carry an access
                  token (printed in the link; set it with TRANSFERREADY_TOKEN). The traffic is
                  not encrypted: use this only on a trusted network or behind a TLS proxy.`;

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
        'allow-remote': { type: 'boolean', default: false },
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
  if (remote && !args['allow-remote']) {
    fail(
      `"${args.host}" is not a loopback address. TransferReady listens only on this computer unless you add --allow-remote; ` +
        'every request then needs the access token it prints.',
      64,
    );
  }
  const accessToken = remote ? (process.env.TRANSFERREADY_TOKEN || randomBytes(24).toString('base64url')) : undefined;
  if (accessToken !== undefined && accessToken.length < 16) fail('TRANSFERREADY_TOKEN must be at least 16 characters.', 64);
  const dataDirectory = args['data-dir'] ?? defaultDataDirectory();
  const databaseUrl = args.database ?? (process.env.TRANSFERREADY_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    fail('--database takes a PostgreSQL URL: postgresql://USER@HOST:PORT/DATABASE.', 64);
  }
  const poolSize = args['pool-size'] === undefined ? undefined : Number(args['pool-size']);
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 500)) fail(`--pool-size must be a number from 1 to 500, not "${args['pool-size']}".`, 64);

  let core;
  try {
    core = await openCore({ dataDirectory, appVersion: version, ...(databaseUrl ? { databaseUrl } : {}), ...(poolSize ? { poolSize } : {}) });
  } catch (error) {
    if (error instanceof DatabaseOpenError || error instanceof SharedRegistryOpenError) fail(error.message, 2);
    throw error;
  }

  let host;
  try {
    host = await startHttpHost({ calls: core.calls, rendererDirectory: join(__dirname, '..', 'renderer'), host: args.host, port, ...(accessToken ? { accessToken } : {}) });
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
