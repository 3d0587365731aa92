import { defineConfig } from '@playwright/test';

/**
 * Unit and component tests: the schema conversion, the contract checks, the reference
 * server on its own, config parsing. No target, no webServer: each test starts what it needs.
 */
export default defineConfig({
  testDir: 'tests/unit',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'reports/unit.json' }]],
  use: { trace: 'off' },
});
