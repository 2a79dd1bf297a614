import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseBrowser, LAUNCH_ARGS } from '../support/browser';
import { makeTempFolder } from '../support/temp-folder';

const folders: { remove(): void }[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

/** A folder holding a file per name, executable or not, to stand in for installed browsers. */
function fakeInstall(files: Record<string, { executable: boolean }>): string {
  const folder = makeTempFolder('transferready-browser-choice-');
  folders.push(folder);
  for (const [name, { executable }] of Object.entries(files)) {
    const path = join(folder.path, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, executable ? 0o755 : 0o644);
  }
  return folder.path;
}

describe('which browser the tests and the bench drive', () => {
  it('takes the path in TRANSFERREADY_CHROMIUM before any browser on the PATH', async () => {
    const own = fakeInstall({ 'my-chrome': { executable: true } });
    const onPath = fakeInstall({ chromium: { executable: true } });
    const chosen = await chooseBrowser({ env: { TRANSFERREADY_CHROMIUM: join(own, 'my-chrome'), PATH: onPath }, usualPaths: [] });
    expect(chosen.executablePath).toBe(join(own, 'my-chrome'));
    expect(chosen.args).toEqual(LAUNCH_ARGS);
    expect(chosen.description).toContain('TRANSFERREADY_CHROMIUM');
  });

  it('refuses a TRANSFERREADY_CHROMIUM that is missing or not executable, naming it, rather than quietly using another', async () => {
    const folder = fakeInstall({ 'not-a-program': { executable: false } });
    for (const path of [join(folder, 'nothing-here'), join(folder, 'not-a-program'), folder]) {
      await expect(chooseBrowser({ env: { TRANSFERREADY_CHROMIUM: path }, usualPaths: [] })).rejects.toThrow(path);
    }
  });

  it('finds Chromium or Chrome on the PATH, passing over a file of that name that cannot run', async () => {
    const broken = fakeInstall({ chromium: { executable: false } });
    const working = fakeInstall({ 'google-chrome': { executable: true } });
    const chosen = await chooseBrowser({ env: { PATH: [broken, working].join(delimiter) }, usualPaths: [] });
    expect(chosen.executablePath).toBe(join(working, 'google-chrome'));
    expect(chosen.description).toContain('installed on this computer');
  });

  it('finds one at a usual install path when the PATH has none', async () => {
    const opt = fakeInstall({ 'google/chrome/chrome': { executable: true } });
    const chosen = await chooseBrowser({ env: { PATH: '' }, usualPaths: [join(opt, 'missing'), join(opt, 'google/chrome/chrome')] });
    expect(chosen.executablePath).toBe(join(opt, 'google/chrome/chrome'));
  });

  it('falls back to the Chromium shipped in npm, which runs, with our flags and none that weaken the page', async () => {
    const chosen = await chooseBrowser({ env: { PATH: '' }, usualPaths: [] });
    expect(chosen.description).toMatch(/@sparticuz\/chromium [\d.]+ \(no Chromium or Chrome found/);
    expect(execFileSync(chosen.executablePath, ['--version'], { encoding: 'utf8' })).toMatch(/^Chromium \d+\./);
    expect(chosen.args).toEqual(expect.arrayContaining([...LAUNCH_ARGS]));
    for (const weakening of ['--disable-web-security', '--allow-running-insecure-content', '--single-process', '--disable-site-isolation-trials']) {
      expect(chosen.args).not.toContain(weakening);
    }
    // Only our own --disable-features (Chromium's address-bar pop-ups), none of the package's.
    expect(chosen.args.filter((flag) => (flag.startsWith('--disable-features') && !LAUNCH_ARGS.includes(flag)) || flag.startsWith('--use-gl'))).toEqual([]);
  }, 60_000);

  it('uses the npm one when TRANSFERREADY_CHROMIUM=bundled, even with a browser on the PATH', async () => {
    const onPath = fakeInstall({ chromium: { executable: true } });
    const chosen = await chooseBrowser({ env: { TRANSFERREADY_CHROMIUM: 'bundled', PATH: onPath }, usualPaths: [] });
    expect(chosen.executablePath).not.toContain(onPath);
    expect(chosen.description).toContain('(TRANSFERREADY_CHROMIUM=bundled)');
  }, 60_000);
});
