import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Every module a file imports statically, directly or not: what the browser must load and run before it. */
async function staticImports(entry: string): Promise<string[]> {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    splitting: true,
    format: 'esm',
    outdir: 'out/start-code-probe',
    jsx: 'automatic',
    loader: { '.css': 'empty', '.svg': 'empty' },
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = metafile.inputs;
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of inputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) queue.push(imported.path);
  }
  return [...seen];
}

describe('the code a cold start of the matrix runs', () => {
  // zod is 89 KB the browser would parse and run before the first row (issue 17): only the calls
  // and forms that check input need it, from the *-schema modules.
  it.each(['renderer/src/main.tsx', 'renderer/src/pages/MatrixPage.tsx'])('%s loads no zod', async (entry) => {
    const modules = await staticImports(entry);
    // The walk reaches the registry's own rules, which both need.
    expect(modules).toContain('shared/calendar.ts');
    expect(modules.filter((module) => module.includes('node_modules/zod/'))).toEqual([]);
  });
});

describe("the matrix's first read, asked for before the app loads", () => {
  it('asks for the rows and the filter the page reads first, so the page takes that answer and the host packs the matrix once', async () => {
    const { matrixFilterSchema } = await import('../../shared/matrix-filter');
    const { EVERY_ROW, FIRST_ROWS } = await import('../../renderer/src/pages/matrix/every-row');
    const firstCall = readFileSync(join(root, 'renderer', 'public', 'first-call.js'), 'utf8');
    const asked = /call\('capabilityMatrixFirstRows', (\{[^}]*\})\)/.exec(firstCall)?.[1];
    expect(asked, 'first-call.js asks for the first rows').toBeDefined();
    const input = JSON.parse(asked!.replace(/(\w+):/g, '"$1":')) as Record<string, unknown>;
    expect(input).toEqual({ firstRows: FIRST_ROWS });
    // first-call.js leaves the filter to the schema's defaults, which must be the page's default view.
    expect(matrixFilterSchema.parse({})).toEqual(EVERY_ROW);
  });
});
