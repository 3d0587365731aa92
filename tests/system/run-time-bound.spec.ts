import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import { startReferenceServer } from '../../src/server';
import { listTokenNames } from './support/token-listing';

/**
 * The whole-run time bound, the last guard of issue 23.3 (LD_RUN_TIMEOUT_MS). A correct reference server that
 * answers every request 400 ms late makes the default run take minutes; with a 6 s bound every request after it
 * fails at once (RunDeadlineError, the environment's) and tests not yet started are skipped with the reason; the
 * run ends red as the environment (global teardown's run error), no rule is marked failed, and global teardown,
 * which has no bound, sweeps every token the stopped tests made (H1 from outside).
 * Playwright's own globalTimeout was tried first: its deadline cut global teardown short too ("Timed out waiting
 * 6s for the teardown for test suite to run") and left tokens behind.
 */

const BOUND_MS = 6_000;

test('a run past LD_RUN_TIMEOUT_MS sends nothing more: red as the environment within the bound, its tokens swept', async () => {
  test.setTimeout(180_000);
  const server = await startReferenceServer({ latencyMs: 400, log: () => undefined });
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-time-bound-'));
  try {
    const run = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir,
      env: { LD_RUN_PREFIX: 'ldct', LD_RUN_TIMEOUT_MS: String(BOUND_MS), CI: '1' },
      timeoutMs: 150_000,
    });
    const line = `exit ${run.exitCode} in ${(run.durationMs / 1000).toFixed(1)} s; stats ${JSON.stringify(run.stats)}`;
    console.log(`run-time-bound: ${line}`);
    expect(run.timedOut, `the harness did not have to kill it: ${line}`).toBe(false);
    expect(run.exitCode, line).toBe(1);
    const summary = JSON.parse(fs.readFileSync(path.join(reportsDir, 'summary.json'), 'utf8')) as {
      status: string;
      contractFailures: number;
      environmentFailures: number;
      outside: { H1: { state: string; summary: string } };
      runErrors: { phase: string; kind: string; message: string }[];
    };
    const coverage = JSON.parse(fs.readFileSync(path.join(reportsDir, 'coverage.json'), 'utf8')) as {
      rules: { id: string; state: string }[];
    };
    expect(summary.status, 'a run cut by its bound is not green').toBe('failed');
    expect(summary.contractFailures, 'the bound says nothing about the contract').toBe(0);
    expect(summary.environmentFailures, line).toBeGreaterThan(0);
    expect(run.failedTests.filter((t) => t.kind !== 'environment').map((t) => `${t.title}: ${t.kind}`)).toEqual([]);
    expect(coverage.rules.filter((r) => r.state === 'failed').map((r) => r.id)).toEqual([]);
    expect(
      run.failedTests.some((t) => t.message.includes(`the run's time bound LD_RUN_TIMEOUT_MS (${BOUND_MS} ms) has passed`)),
      'a stopped test says why, naming the variable',
    ).toBe(true);
    expect(summary.outside.H1.state, summary.outside.H1.summary).toBe('passed');
    // Tests that would start after the bound are skipped (no worker restart each), and the run says so.
    expect(run.stats?.skipped ?? 0, line).toBeGreaterThan(0);
    expect(summary.runErrors.map((e) => `${e.phase}, ${e.kind}: ${e.message}`)).toEqual([
      expect.stringMatching(/^global teardown, environment: .*the run's time bound LD_RUN_TIMEOUT_MS \(6000 ms\) was reached/),
    ]);
    // The bound held: start-up, the bound, the requests in flight and the sweep (400 ms a request), not minutes
    // (measured 14.7 s; with failing instead of skipping tests, each failure's worker restart made it 105 s).
    expect(run.durationMs, line).toBeLessThan(BOUND_MS + 30_000);
    const left = (await listTokenNames(server.url, server.adminToken)).filter((name) => name.startsWith('ldct-'));
    expect(left, 'every token the run made is gone').toEqual([]);
  } finally {
    await server.close();
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
});
