/**
 * npm run flake-check — the clean suite must be boringly green.
 *
 * 1. repeat: the embedded server, every test `--repeat-each=5`, zero retries: zero failures, zero flakes.
 * 2. throttled: a reference server with injected latency + jitter and its rate-limit mode on: still
 *    green, and the 429 waits the client made are visible in the report (annotations of type
 *    `rate-limit-wait`), so we know the throttling really happened.
 * Writes reports/flake-check/<run>/ (each a full set of reports) and exits non-zero on any failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startReferenceServer } from '../src/server';
import { exitOnUsageError } from '../src/cli/parse-flags';
import { FLAKE_CHECK_FLAGS, parseFlakeCheckArgs } from '../src/harness/flake-check-options';
import { abortOnInterrupt, INTERRUPTED_EXIT_CODE } from '../src/harness/interrupt';
import { Progress } from '../src/harness/progress';
import { runSuite, type SuiteRunResult } from '../src/harness/run-suite';
import { countRateLimitWaits } from '../src/harness/report-annotations';
import { readReportsDir } from '../src/config/load-config';
import { runCommand } from '../src/cli/run-command';

const reportsRoot = readReportsDir();
const dir = path.join(reportsRoot, 'flake-check');

function verdict(name: string, result: SuiteRunResult): boolean {
  const s = result.stats;
  const ok = result.exitCode === 0 && !!s && s.unexpected === 0 && s.flaky === 0 && s.expected > 0;
  console.log(
    `flake-check ${name}: ${ok ? 'green' : 'RED'} — ${s ? `${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped` : 'no report'} in ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  for (const f of result.failedTests.slice(0, 5)) console.log(`  failed: ${f.title}${f.environment ? ' [environment]' : ''}`);
  return ok;
}

async function main(): Promise<void> {
  const { repeatEach: REPEAT } = exitOnUsageError(FLAKE_CHECK_FLAGS, () => parseFlakeCheckArgs(process.argv.slice(2)));
  fs.rmSync(dir, { recursive: true, force: true });
  const signal = abortOnInterrupt('flake-check');
  const progress = new Progress(2);
  const stopIfInterrupted = (): void => {
    if (!signal.aborted) return;
    console.error('flake-check: interrupted; the run was stopped and its server closed');
    process.exit(INTERRUPTED_EXIT_CODE);
  };

  const repeat = await runSuite({
    reportsDir: path.join(dir, 'repeat'),
    args: [`--repeat-each=${REPEAT}`],
    timeoutMs: 20 * 60_000,
    signal,
  });
  stopIfInterrupted();
  const repeatOk = verdict(`repeat-each=${REPEAT} (embedded server)`, repeat);
  progress.step(`repeat run ${repeatOk ? 'green' : 'RED'}`);

  const server = await startReferenceServer({
    latencyMs: 20,
    latencyJitterMs: 40,
    rateLimit: { max: 90, windowMs: 10_000 },
    log: () => undefined,
  });
  let throttledOk = false;
  try {
    const throttledDir = path.join(dir, 'throttled');
    const throttled = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir: throttledDir,
      env: { LD_RATE_LIMIT_BUDGET_MS: '120000' },
      timeoutMs: 20 * 60_000,
      signal,
    });
    if (signal.aborted) return;
    throttledOk = verdict('latency 20 ms + jitter 40 ms, rate limit 90/10 s', throttled);
    const waits = countRateLimitWaits(path.join(throttledDir, 'conformance.json'));
    console.log(`flake-check throttled: ${waits} rate-limit waits recorded in the report`);
    if (waits === 0) {
      console.log('flake-check throttled: RED — the rate limit never pushed back, so this run proved nothing about 429 handling');
      throttledOk = false;
    }
  } finally {
    await server.close();
  }
  stopIfInterrupted();
  progress.step(`throttled run ${throttledOk ? 'green' : 'RED'}`);
  if (!repeatOk || !throttledOk) process.exit(1);
}

runCommand('flake-check', main, { errorExitCode: 1, exitAtOnce: true });
