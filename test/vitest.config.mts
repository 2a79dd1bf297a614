import { defineConfig } from 'vitest/config';

/** Migrations are plain .sql files that the Node build inlines as text; do the same here. */
const sqlAsText = {
  name: 'sql-as-text',
  transform(code: string, id: string) {
    if (id.endsWith('.sql')) return { code: `export default ${JSON.stringify(code)};`, map: null };
    return undefined;
  },
};

/**
 * Storage-level tests: everything they do goes through the core to the registry, so they run
 * twice, once on each engine (test/support/core-harness.ts opens the one named in the project's
 * environment). Tests of the SQLite file itself (damage, crash safety, backups folder) run once,
 * and so do those of the shared registry alone (test/integration/postgresql: concurrency, outages).
 */
const STORAGE_LEVEL = [
  'assessments',
  'capability-matrix',
  'cases-and-letters',
  'contract-fuzz',
  'facilities',
  'facility-import',
  'facility-map',
  'fhir-export',
  'http-host',
  'json-backup',
  'kept-standing-rows',
  'standing-profiles',
  'translation-reviews',
].map((name) => `test/integration/${name}.test.ts`);

export default defineConfig({
  plugins: [sqlAsText],
  test: {
    root: `${import.meta.dirname}/..`,
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['test/integration/postgresql/**'],
          env: { TRANSFERREADY_TEST_REGISTRY: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: [...STORAGE_LEVEL, 'test/integration/postgresql/**/*.test.ts'],
          env: { TRANSFERREADY_TEST_REGISTRY: 'postgresql' },
          globalSetup: ['test/support/shared-postgres.ts'],
        },
      },
    ],
  },
});
