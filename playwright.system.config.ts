import { defineConfig } from '@playwright/test';

/**
 * System tests: each test runs the whole conformance suite as a child process (as a user or CI would)
 * and judges it from the outside (reports, exit code, the target's state afterwards). Serial and slow
 * on purpose: every test already runs a multi-worker suite of its own.
 */
export default defineConfig({
  testDir: 'tests/system',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 5 * 60_000,
  reporter: [['list'], ['json', { outputFile: 'reports/system.json' }]],
  use: { trace: 'off', screenshot: 'off', video: 'off' },
});
