import { defineConfig } from '@playwright/test';
import { launchOptionsFromSetup } from '../support/browser';

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    // Never Playwright's own browser download: test/support/browser.ts chooses one npm or this computer has.
    launchOptions: launchOptionsFromSetup(),
    viewport: { width: 1280, height: 820 },
    trace: 'retain-on-failure',
  },
});
