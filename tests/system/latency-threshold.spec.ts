import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import type { CoverageReport } from '../../src/coverage/coverage-model';
import type { RunSummary } from '../../src/domain/run-summary';
import { startReferenceServer } from '../../src/server';

/**
 * LD_LATENCY_P95_MS judged from the outside: the suite runs against the reference server's latency mode
 * (every response 150 ms late). With the threshold below that, the run fails and reports the breach as an
 * environment failure, with 0 contract failures and every test passed; with it above, nothing is breached
 * and the run is green. getToken.spec.ts only: it reaches four operations (set-up and clean-up included),
 * enough to see the per-operation verdicts, in a few seconds.
 */

const LATENCY_MS = 150;
const SPEC = 'tests/access-tokens/getToken.spec.ts';
const ROOT = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

interface Outcome {
  exitCode: number | null;
  report: CoverageReport;
  unexpected: number;
  stdout: string;
}

async function runAgainstSlowServer(url: string, adminToken: string, threshold: string): Promise<Outcome> {
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latency-threshold-'));
  try {
    const run = await runSuite({
      baseUrl: url,
      accessToken: adminToken,
      reportsDir,
      args: [SPEC],
      env: { LD_LATENCY_P95_MS: threshold, LD_RUN_PREFIX: 'ldct' },
      timeoutMs: 120_000,
    });
    const file = path.join(reportsDir, 'coverage.json');
    expect(fs.existsSync(file), `the run wrote coverage.json:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-1000)}`).toBe(true);
    return {
      exitCode: run.exitCode,
      report: JSON.parse(fs.readFileSync(file, 'utf8')) as CoverageReport,
      unexpected: run.stats?.unexpected ?? -1,
      stdout: run.stdout,
    };
  } finally {
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
}

test(`LD_LATENCY_P95_MS against a target ${LATENCY_MS} ms slow: below it trips as an environment failure, above it does not`, async () => {
  const server = await startReferenceServer({ latencyMs: LATENCY_MS, log: () => undefined });
  try {
    const below = await runAgainstSlowServer(server.url, server.adminToken, String(LATENCY_MS - 50));
    const seen = below.report.latency.operations.filter((o) => o.count > 0);
    expect(seen.length, 'the run timed several operations').toBeGreaterThanOrEqual(3);
    for (const op of seen) {
      expect(op.p50Ms ?? 0, `${op.operationId}: the measured latency includes the server's ${LATENCY_MS} ms`).toBeGreaterThanOrEqual(
        LATENCY_MS,
      );
      expect(op.breached, `${op.operationId} p95 ${op.p95Ms} ms breaches ${LATENCY_MS - 50} ms`).toBe(true);
    }
    expect(below.unexpected, `every test itself passed:\n${below.stdout.slice(-2000)}`).toBe(0);
    expect(below.report.summary).toMatchObject({ contractFailures: 0, environmentFailures: seen.length, latencyBreaches: seen.length });
    expect(below.report.failures.every((f) => f.kind === 'environment')).toBe(true);
    expect(below.exitCode, 'a breach fails the run').not.toBe(0);
    expect(below.stdout).toMatch(/contract failures: 0, environment failures: \d+ \(\d+ latency breach(es)?\)/);

    // Both spellings: a global threshold and a per-operation one for getToken.
    const above = await runAgainstSlowServer(server.url, server.adminToken, `${LATENCY_MS * 20},getToken=${LATENCY_MS * 15}`);
    expect(above.report.latency.breaches).toEqual([]);
    expect(above.report.latency.operations.find((o) => o.operationId === 'getToken')?.thresholdMs).toBe(LATENCY_MS * 15);
    expect(above.report.summary).toMatchObject({ contractFailures: 0, environmentFailures: 0, latencyBreaches: 0 });
    expect(above.exitCode, `no breach, green run:\n${above.stdout.slice(-2000)}`).toBe(0);
  } finally {
    await server.close();
  }
});

/**
 * The nightly judges latency on the MERGED shards (merge.config.ts). merge-reports ignores the status a reporter
 * returns, so without a thrown verdict the merge job stayed green and summary.json said "passed" on a slow staging.
 * One blob of the same slow run, merged twice: below the threshold the merge exits non-zero with one line and
 * summary.json says failed; above it the merge is green.
 */
test(`LD_LATENCY_P95_MS on merged shards: a breach fails merge-reports with one line and summary.json says failed`, async () => {
  const server = await startReferenceServer({ latencyMs: LATENCY_MS, log: () => undefined });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'latency-merged-'));
  try {
    const shard = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir: path.join(work, 'shard'),
      args: [SPEC, '--reporter=./src/reporters/redacting-reporter.ts,blob'],
      env: { LD_RUN_PREFIX: 'ldct', PLAYWRIGHT_BLOB_OUTPUT_DIR: path.join(work, 'blob') },
      timeoutMs: 120_000,
    });
    expect(shard.exitCode, `the shard itself is green (no threshold set):\n${shard.stdout.slice(-1500)}`).toBe(0);
    const merge = (threshold: string): { status: number | null; output: string; summary: RunSummary } => {
      const out = path.join(work, `merged-${threshold}`);
      const run = spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'merge-reports', '--config', 'merge.config.ts', path.join(work, 'blob')], {
        cwd: ROOT,
        env: { ...process.env, CI: '1', LD_REPORTS_DIR: out, LD_LATENCY_P95_MS: threshold },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return {
        status: run.status,
        output: run.stdout + run.stderr,
        summary: JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary,
      };
    };
    const below = merge(String(LATENCY_MS - 50));
    expect(below.status, `the merge fails on a breach:\n${below.output.slice(-1500)}`).not.toBe(0);
    expect(below.output, below.output.slice(-2000)).toMatch(
      /coverage reporter: the merged run failed: Environment failure: the target is slower than LD_LATENCY_P95_MS allows: \w+ p95/,
    );
    expect(below.output, 'one line, no stack trace').not.toMatch(/\n\s+at /);
    expect(below.summary.status).toBe('failed');

    const above = merge(String(LATENCY_MS * 20));
    expect(above.status, above.output.slice(-1500)).toBe(0);
    expect(above.summary.status).toBe('passed');
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
