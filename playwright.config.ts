import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import 'dotenv/config';
import { exitOnConfigError } from './src/config/config-error';
import { loadRunSettings } from './src/config/load-config';
import { conformanceReporters } from './src/reporters/conformance-reporters';
import { recordConfigurationStop } from './src/reporters/summary-writer';

/**
 * The conformance suite. Target: LD_BASE_URL + LD_ACCESS_TOKEN when set (a remote server, e.g. staging),
 * otherwise the embedded reference server that `webServer` starts on a free loopback port.
 *
 * This file is evaluated in the main process AND in every worker: anything random (port, embedded admin
 * token, run id) is decided once in the main process and handed to workers through process.env, which
 * workers inherit.
 */

// Validated like every variable (src/config/load-config.ts): LD_WORKERS=0 is one line and exit 2, not a stack trace,
// and this run's summary.json says `config-error` (no reporter runs after this exit; docs/summary-json.md).
const { remote, workers, reportsDir } = exitOnConfigError(
  'conformance',
  () => loadRunSettings(process.env),
  (message) => recordConfigurationStop(message),
);

if (!remote) {
  if (!process.env.LD_EMBEDDED_PORT) process.env.LD_EMBEDDED_PORT = String(findFreePort());
  if (!process.env.LD_EMBEDDED_ADMIN_TOKEN) process.env.LD_EMBEDDED_ADMIN_TOKEN = `api-${randomUUID()}`;
  // The server gets its admin token by inheriting this process's environment (webServer merges process.env),
  // NOT through `webServer.env`: reporters serialise the config, webServer.env included, into
  // conformance.json and the HTML report — a secret there would leak (rule H2).
  process.env.REF_ADMIN_TOKEN = process.env.LD_EMBEDDED_ADMIN_TOKEN;
  // The reference server's second member (B6's "another member"), handed over the same way.
  if (!process.env.LD_EMBEDDED_OTHER_MEMBER_TOKEN) process.env.LD_EMBEDDED_OTHER_MEMBER_TOKEN = `api-${randomUUID()}`;
  process.env.REF_OTHER_MEMBER_TOKEN = process.env.LD_EMBEDDED_OTHER_MEMBER_TOKEN;
  // webServer's readiness check runs in this process: with HTTP_PROXY set it would go through the proxy.
  for (const key of ['NO_PROXY', 'no_proxy']) {
    process.env[key] = [process.env[key], '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  }
}

/** A free loopback port, found synchronously because Playwright's config cannot be async. */
function findFreePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

export default defineConfig({
  testDir: 'tests/access-tokens',
  outputDir: path.join(reportsDir, 'test-results'),
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Zero retries: a flake is a defect to fix, not to hide.
  retries: 0,
  workers,
  timeout: 60_000,
  globalSetup: require.resolve('./tests/global-setup'),
  globalTeardown: require.resolve('./tests/global-teardown'),
  reporter: conformanceReporters(reportsDir),
  use: {
    // Never record traces: Playwright writes request headers (the Authorization secret) into them.
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
  webServer: remote
    ? undefined
    : {
        // One node process with tsx's CommonJS hook (the server is CommonJS): `npx tsx` started npm, the tsx
        // CLI and then node — about 1.5 s more before the first request, on every run with the embedded server.
        command: `${JSON.stringify(process.execPath)} --require tsx/cjs scripts/serve.ts`,
        url: `http://127.0.0.1:${process.env.LD_EMBEDDED_PORT}/healthz`,
        env: {
          REF_PORT: process.env.LD_EMBEDDED_PORT ?? '',
          // The readiness probe must not go through a corporate proxy.
          NO_PROXY: '127.0.0.1,localhost',
        },
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        timeout: 30_000,
      },
});
