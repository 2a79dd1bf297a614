import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHost } from '../support/serve-process';
import { makeTempFolder } from '../support/temp-folder';

const SERVE = join(import.meta.dirname, '..', '..', 'out', 'electron', 'serve.js');

describe('npm run serve', () => {
  it('listens on 127.0.0.1 by default', async () => {
    const folder = makeTempFolder();
    const host = await startHost(folder.path);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await host.stop();
    folder.remove();
  });

  it('refuses another address unless --allow-remote is given, and then prints a link with a token', async () => {
    const folder = makeTempFolder();
    const refused = spawnSync(process.execPath, [SERVE, '--host', '0.0.0.0', '--port', '0', '--data-dir', folder.path], { encoding: 'utf8' });
    expect(refused.status).toBe(64);
    expect(refused.stderr).toContain('--allow-remote');
    const host = await startHost(folder.path, ['--host', '0.0.0.0', '--allow-remote']);
    expect(host.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/\?token=[\w-]{20,}$/);
    const port = new URL(host.url).port;
    expect((await fetch(`http://127.0.0.1:${port}/api/getSession`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    await host.stop();
    folder.remove();
  });
});
