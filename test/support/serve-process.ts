import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const SERVE_SCRIPT = join(__dirname, '..', '..', 'out', 'electron', 'serve.js');

export interface RunningHost {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built `serve` host as a real child process on a free port. */
export function startHost(dataDirectory: string, extraArgs: string[] = []): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, [SERVE_SCRIPT, '--port', '0', '--data-dir', dataDirectory, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+) in your browser/.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        resolve({
          url: match[1]!,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before it was ready:\n${output}`)));
  });
}

/**
 * Resolves once the host says the whole-file check and the day's backup after start are over:
 * they run for a few seconds and hold writes back meanwhile, so timings taken during them measure
 * the checks, not the host.
 */
export async function waitForChecksAfterStart(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(new URL('/api/getSession', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(url).origin },
      body: JSON.stringify({}),
    });
    if (!((await response.json()) as { value: { checkingStorage: boolean } }).value.checkingStorage) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
