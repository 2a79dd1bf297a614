import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { openCore } from './core/core';
import { defaultDataDirectory } from './core/data-directory';
import { DatabaseOpenError } from './core/db/connection';
import { startHttpHost } from './http-host';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const USAGE = `Usage: npm run serve -- [--port 4477] [--data-dir DIR]

Serves TransferReady to a browser on this computer (http://127.0.0.1:PORT/).
  --port N        port to listen on (default 4477; 0 picks a free one)
  --data-dir DIR  folder holding the database and its backups
                  (default: ${defaultDataDirectory()})`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '4477' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
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
  if (!LOOPBACK.has(args.host)) {
    fail(`TransferReady only listens on this computer (127.0.0.1); "${args.host}" is not a loopback address.`, 64);
  }
  const dataDirectory = args['data-dir'] ?? defaultDataDirectory();

  let core;
  try {
    core = await openCore({ dataDirectory, appVersion: version });
  } catch (error) {
    if (error instanceof DatabaseOpenError) fail(error.message, 2);
    throw error;
  }

  let host;
  try {
    host = await startHttpHost({ calls: core.calls, rendererDirectory: join(__dirname, '..', 'renderer'), host: args.host, port });
  } catch (error) {
    await core.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      fail(`Port ${port} is already in use. Stop the other program or start with --port ${port + 1}.`, 1);
    }
    throw error;
  }

  console.log(`TransferReady is running. Open ${host.url} in your browser.`);
  console.log(`Data folder: ${dataDirectory}`);
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
