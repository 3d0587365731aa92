/**
 * One conformance run against a FRESH reference server started by the bench (so every run starts from the
 * same empty store), read back from its JSON report. Optionally through the counting proxy, for the
 * requests-per-window measurement.
 */
import fs from 'node:fs';
import type { ReportStats } from '../harness/playwright-report';
import { throwIfInterrupted } from '../harness/interrupt';
import { runSuite } from '../harness/run-suite';
import { startReferenceServer } from '../server/index';
import { startCountingProxy } from './counting-proxy';
import { toTestRecords, type TestRecord } from './run-report';
import { BenchInputError } from './stats';

export type ServerOptions = NonNullable<Parameters<typeof startReferenceServer>[0]>;

export interface SuiteRun {
  /** Spawn to exit of the Playwright process: what a person waits for. */
  wallMs: number;
  /** Playwright's own run duration from the JSON report (excludes process start-up). */
  reportDurationMs: number | null;
  workers: number | null;
  exitCode: number | null;
  stats: ReportStats | null;
  failedTitles: string[];
  tests: TestRecord[];
  /** Arrival times of API requests at the counting proxy; null when the run was not proxied. */
  apiArrivals: number[] | null;
  reportsDir: string;
  /** Global set-up and teardown as they timed themselves (their `… in N ms` lines); null when not printed. */
  globalSetupMs: number | null;
  globalTeardownMs: number | null;
}

/** Reads the `(global set-up|cleanup): … in N ms` lines tests/global-setup.ts and -teardown.ts print. */
export function parsePhaseTimings(stdout: string): { globalSetupMs: number | null; globalTeardownMs: number | null } {
  const find = (re: RegExp): number | null => {
    const m = re.exec(stdout);
    return m ? Number(m[1]) : null;
  };
  return {
    globalSetupMs: find(/^target: .* \(global set-up (\d+) ms\)$/m),
    globalTeardownMs: find(/^cleanup: .* \(global teardown (\d+) ms\)$/m),
  };
}

/**
 * What every bench phase gets from `npm run bench`: where runs write, a log, the command's Ctrl-C
 * signal (passed to every child run) and `step`, which reports one finished run as progress.
 */
export interface BenchContext {
  reportsRoot: string;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** One run finished: prints `[k/N] <message> (elapsed, ~left)`; defaults to `log`. */
  step?: (message: string) => void;
}

export interface SuiteRunOptions {
  server: ServerOptions;
  reportsDir: string;
  workers?: number;
  viaProxy?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra Playwright CLI arguments (e.g. a leaner `--reporter` list for the overhead breakdown). */
  args?: string[];
  env?: Record<string, string>;
  /** Run what the default `npm run conformance` runs, explore included (the budget phase counts every capability). */
  includeExplore?: boolean;
}

/**
 * The example suite only: explore tests (`@explore`, their own request budget) are left out of every bench
 * run, so request counts and timings stay comparable across versions of the suite.
 */
export const EXAMPLE_SUITE_ARGS = ['--grep-invert', '@explore'];

export async function runSuiteOnFreshServer(opts: SuiteRunOptions): Promise<SuiteRun> {
  throwIfInterrupted(opts.signal);
  fs.rmSync(opts.reportsDir, { recursive: true, force: true });
  const server = await startReferenceServer(opts.server);
  const proxy = opts.viaProxy ? await startCountingProxy(server.url) : null;
  try {
    const result = await runSuite({
      baseUrl: proxy?.url ?? server.url,
      accessToken: server.adminToken,
      reportsDir: opts.reportsDir,
      args: [
        ...(opts.includeExplore ? [] : EXAMPLE_SUITE_ARGS),
        ...(opts.workers ? ['--workers', String(opts.workers)] : []),
        ...(opts.args ?? []),
      ],
      env: { ...(opts.workers ? { LD_WORKERS: String(opts.workers) } : {}), ...opts.env },
      timeoutMs: opts.timeoutMs ?? 15 * 60_000,
      signal: opts.signal,
    });
    throwIfInterrupted(opts.signal);
    if (result.timedOut) throw new BenchInputError(`conformance run timed out (reports in ${opts.reportsDir})`);
    if (!result.report?.stats) {
      const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-5).join(' | ');
      throw new BenchInputError(`conformance run exited ${result.exitCode} without a JSON report: ${tail}`);
    }
    return {
      wallMs: result.durationMs,
      reportDurationMs: result.report.stats.durationMs,
      workers: result.report.workers,
      exitCode: result.exitCode,
      stats: result.report.stats,
      failedTitles: result.failedTests.map((f) => f.title),
      tests: toTestRecords(result.report),
      apiArrivals: proxy ? [...proxy.apiArrivals] : null,
      reportsDir: opts.reportsDir,
      ...parsePhaseTimings(result.stdout),
    };
  } finally {
    await proxy?.close();
    await server.close();
  }
}
