import { defineConfig } from 'vitest/config';

/** Migrations are plain .sql files that the Node build inlines as text; do the same here. */
const sqlAsText = {
  name: 'sql-as-text',
  transform(code: string, id: string) {
    if (id.endsWith('.sql')) return { code: `export default ${JSON.stringify(code)};`, map: null };
    return undefined;
  },
};

export default defineConfig({
  plugins: [sqlAsText],
  test: {
    root: `${import.meta.dirname}/..`,
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
