// Lint, including the architecture: which side may import what (see DESIGN.md, Architecture).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const ELECTRON_FILES = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/print.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'react', 'react-dom', 'better-sqlite3', 'kysely'].map((name) => ({
            name,
            message: 'shared/ is pure TypeScript: no Node, DOM, Electron or database imports.',
          })),
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ never imports electron/ or renderer/.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'process', 'require', 'Buffer', '__dirname', 'localStorage', 'fetch'].map(
          (name) => ({ name, message: 'shared/ runs in both processes: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'better-sqlite3', 'kysely'].map((name) => ({
            name,
            message: 'The renderer talks to the core only through window.api.',
          })),
          patterns: [{ group: ['**/electron/**'], message: 'The renderer never imports electron/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ELECTRON_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: `Only ${ELECTRON_FILES.join(', ')} import electron; the rest runs under plain Node.`,
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Nothing but the renderer imports renderer/.' }],
        },
      ],
    },
  },
);
