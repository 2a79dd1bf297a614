import { afterEach } from 'vitest';

/**
 * What a test opened, to close after it: push a cleanup as each thing opens, and they run
 * after each test, last opened first, so a failed test leaves nothing running for the next.
 */
export function cleanupsAfterEach(): (() => Promise<void>)[] {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  return cleanups;
}
