import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import type { CoverageReport } from '../../src/reporting/coverage-model';
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

interface Outcome {
  exitCode: number | null;
  report: CoverageReport;
  unexpected: number;
  stdout: string;
}

async function runAgainstSlowServer(url: string, adminToken: string, threshold: string): Promise<Outcome> {
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latency-threshold-'));
  try {
    const run = await runSuite({ baseUrl: url, accessToken: adminToken, reportsDir, args: [SPEC], env: { LD_LATENCY_P95_MS: threshold, LD_RUN_PREFIX: 'ldct' }, timeoutMs: 120_000 });
    const file = path.join(reportsDir, 'coverage.json');
    expect(fs.existsSync(file), `the run wrote coverage.json:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-1000)}`).toBe(true);
    return { exitCode: run.exitCode, report: JSON.parse(fs.readFileSync(file, 'utf8')) as CoverageReport, unexpected: run.stats?.unexpected ?? -1, stdout: run.stdout };
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
      expect(op.p50Ms ?? 0, `${op.operationId}: the measured latency includes the server's ${LATENCY_MS} ms`).toBeGreaterThanOrEqual(LATENCY_MS);
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
