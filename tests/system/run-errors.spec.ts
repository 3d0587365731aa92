import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunErrorItem } from '../../src/domain/run-summary';
import { runSuite } from '../../src/harness/run-suite';
import { readRunErrors } from '../../src/hygiene/run-errors';
import { startReferenceServer } from '../../src/server';
import { startRecordingProxy, type CannedAnswer } from './support/recording-proxy';

/**
 * Errors outside any test carry their kind (issue 23.5). A correct reference server behind a proxy that answers
 * chosen listings itself with a 429 whose Retry-After (a day) no wait allowance covers:
 * - only the set-up probe (`GET /api/v2/tokens?limit=1`): global set-up stops, no test runs, and the run's one
 *   error is the environment's;
 * - only the end-of-run sweep's listings (any other `limit`): the one test passes, global teardown cannot finish,
 *   and its error is the environment's in the suite-run reader, summary.json `runErrors` and the console; no
 *   contract failure, H1 not judged (never passed), exit 1.
 * Before, both read as kind `run`, and a chance 429 in the final sweep made the rate-limited-run test red.
 */

const TOO_LONG: CannedAnswer = {
  status: 429,
  headers: { 'content-type': 'application/json', 'retry-after': '86400' },
  body: '{"code":"rate_limited","message":"slow down"}',
};

const isListing = (method: string, url: URL): boolean => method === 'GET' && url.pathname === '/api/v2/tokens';

interface Case {
  given: string;
  phase: RunErrorItem['phase'];
  intercept: (method: string, url: URL) => CannedAnswer | null;
  /** Tests that pass before the error (none when set-up stops the run). */
  passed: number;
}

const CASES: Case[] = [
  {
    given: "the set-up probe's listing",
    phase: 'global set-up',
    intercept: (method, url) => (isListing(method, url) && url.searchParams.get('limit') === '1' ? TOO_LONG : null),
    passed: 0,
  },
  {
    given: "the end-of-run sweep's listings",
    phase: 'global teardown',
    intercept: (method, url) => (isListing(method, url) && url.searchParams.get('limit') !== '1' ? TOO_LONG : null),
    passed: 1,
  },
];

for (const c of CASES) {
  test(`a 429 no allowance covers on ${c.given}: the ${c.phase} error is the environment's`, async () => {
    const server = await startReferenceServer({ log: () => undefined });
    const proxy = await startRecordingProxy(server.url, { intercept: c.intercept });
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-errors-'));
    try {
      const run = await runSuite({
        baseUrl: proxy.url,
        accessToken: server.adminToken,
        reportsDir,
        // One test that never lists: the sweep is the only request with another limit than the probe's.
        args: ['--grep', 'getToken 404 for ids that name no token'],
        env: { LD_EXPLORE_REQUESTS: '0', CI: '1' },
        timeoutMs: 120_000,
      });
      const seen = run.failedTests.map((f) => `${f.kind}: ${f.title}: ${f.message.split('\n')[0] ?? ''}`).join('\n');
      expect(run.timedOut).toBe(false);
      expect(proxy.requests.filter((r) => r.status === 429).length, 'the proxy answered 429 at least once').toBeGreaterThan(0);
      expect(run.stats?.expected ?? 0, `${seen}\n${run.stdout.slice(-1500)}`).toBe(c.passed);
      expect(
        run.failedTests.map((f) => ({ title: f.title, kind: f.kind, environment: f.environment })),
        seen,
      ).toEqual([{ title: '(global)', kind: 'environment', environment: true }]);
      expect(run.failedTests[0]?.message, 'the message says what stopped it').toMatch(/Environment failure: .*rate limited/);
      expect(
        readRunErrors(reportsDir, null).map((e) => ({ phase: e.phase, kind: e.kind })),
        'typed where it was caught',
      ).toEqual([{ phase: c.phase, kind: 'environment' }]);
      expect(run.exitCode, 'red as the environment, like any environment failure').toBe(1);
      if (c.phase === 'global teardown') {
        const summary = JSON.parse(fs.readFileSync(path.join(reportsDir, 'summary.json'), 'utf8')) as {
          runErrors: RunErrorItem[];
          contractFailures: number;
          environmentFailures: number;
          outside: { H1: { state: string } };
        };
        expect(summary.runErrors.map((e) => ({ phase: e.phase, kind: e.kind }))).toEqual([
          { phase: 'global teardown', kind: 'environment' },
        ]);
        expect(summary.contractFailures).toBe(0);
        expect(summary.environmentFailures, 'test counts only: the run error is no test').toBe(0);
        expect(summary.outside.H1.state, 'a sweep that could not list judges nothing').toBe('not-judged');
        expect(run.stdout).toContain('Run error (global teardown, environment): cleanup of run ');
      }
    } finally {
      await proxy.close();
      await server.close();
      fs.rmSync(reportsDir, { recursive: true, force: true });
    }
  });
}
