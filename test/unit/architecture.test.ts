import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'test/lint/eslint.config.mjs') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

describe('the architecture lint rules', () => {
  it.each([
    ['shared/probe.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
    ['shared/probe.ts', "import { app } from 'electron'; export const x = app;"],
    ['shared/probe.ts', "import { openCore } from '../electron/core/core'; export const x = openCore;"],
    ['shared/probe.ts', 'export const x = () => window.location;'],
    ['renderer/src/probe.ts', "import { openCore } from '../../electron/core/core'; export const x = openCore;"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron'; export const x = ipcRenderer;"],
    ['electron/core/probe.ts', "import { app } from 'electron'; export const x = app;"],
    ['electron/serve-probe.ts', "import { app } from 'electron'; export const x = app;"],
  ])('refuses a forbidden import in %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/main.ts', "import { app } from 'electron'; export const x = app;"],
    ['electron/core/probe.ts', "import { join } from 'node:path'; export const x = join;"],
    ['renderer/src/probe.ts', "import { z } from 'zod'; export const x = z;"],
    ['shared/probe.ts', "import { z } from 'zod'; export const x = z;"],
  ])('allows what the architecture allows in %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
