/**
 * Overhead over two floors: full conformance runs against a fresh embedded-kind server vs (a) the bare
 * Playwright floor (the suite's tests × requests as plain Playwright tests, no checks, list + HTML + JUnit reporters, same
 * workers) and (b) the bare fetch floor (the same request mix, no test runner at all), plus the suite with
 * only the list and JSON reporters (what the junit, coverage and html reporters cost). All four alternate
 * run by run, so a burst of load from elsewhere on the machine hits every side alike.
 */
import path from 'node:path';
import { buildBareTestPlans, runBarePlaywright, type BarePlaywrightResult } from './bare-playwright';
import type { FloorResult, FloorTarget } from './floor-runner';
import type { FloorJob } from './floor-child';
import { buildRequestPlan, type RequestPlan } from './request-plan';
import { runTsxChild } from './run-child';
import type { TestRecord } from './run-report';
import { median } from './stats';
import { runSuiteOnFreshServer, type BenchContext, type ServerOptions, type SuiteRun } from './suite-run';
import { startReferenceServer } from '../server/index';

export interface SuiteRunSummary {
  wallMs: number;
  reportDurationMs: number | null;
  workers: number | null;
  exitCode: number | null;
  stats: SuiteRun['stats'];
  failedTitles: string[];
  requests: number;
  /** Σ test durations / workers: the part of the run spent inside test bodies and fixtures. */
  inTestsMs: number;
  /** The slowest test (the expiry wait, usually). */
  slowestTestMs: number;
  globalSetupMs: number | null;
  globalTeardownMs: number | null;
  reportsDir: string;
}

export interface OverheadResult {
  workers: number;
  plan: RequestPlan;
  suiteRuns: SuiteRunSummary[];
  floorRuns: FloorResult[];
  /** The bare-Playwright floor (same tests × requests, no checks, list + HTML + JUnit reporters, same workers). */
  bareRuns: BarePlaywrightResult[];
  bareMedianMs: number;
  /** Playwright's own run duration in the bare floor's JSON report (median); its start-up is bareMedianMs minus this. */
  bareReportMedianMs: number | null;
  /** suite wall / bare Playwright wall (medians): the target. */
  ratioToBare: number;
  /** The suite with `--reporter=list,json` only (no junit, coverage, html). */
  leanReporterRuns: SuiteRunSummary[];
  leanReporterMedianMs: number;
  globalSetupMedianMs: number | null;
  globalTeardownMedianMs: number | null;
  suiteMedianMs: number;
  suiteReportMedianMs: number | null;
  /** Median of Σ test durations / workers. */
  suiteInTestsMedianMs: number;
  floorMedianMs: number;
  /** suite wall / floor wall (medians). */
  ratio: number;
  /** Per test id: median duration over the zero-latency runs (for the critical path's waits). */
  zeroLatencyDurations: Record<string, number>;
  /** Median single-request time in the floor (ms). */
  bareRequestMs: number;
}

export function summarizeSuiteRun(run: SuiteRun): SuiteRunSummary {
  return {
    wallMs: run.wallMs,
    reportDurationMs: run.reportDurationMs,
    workers: run.workers,
    exitCode: run.exitCode,
    stats: run.stats,
    failedTitles: run.failedTitles,
    requests: run.tests.reduce((n, t) => n + t.observations.length, 0),
    inTestsMs: run.tests.reduce((n, t) => n + t.durationMs, 0) / Math.max(1, run.workers ?? 1),
    slowestTestMs: Math.max(0, ...run.tests.map((t) => t.durationMs)),
    globalSetupMs: run.globalSetupMs,
    globalTeardownMs: run.globalTeardownMs,
    reportsDir: run.reportsDir,
  };
}

/** Median duration per test id across runs. */
export function medianDurations(runs: readonly (readonly TestRecord[])[]): Record<string, number> {
  const byId = new Map<string, number[]>();
  for (const tests of runs) for (const t of tests) byId.set(t.id, [...(byId.get(t.id) ?? []), t.durationMs]);
  return Object.fromEntries([...byId].map(([id, durations]) => [id, median(durations)]));
}

export async function runFloorOnFreshServer(
  server: ServerOptions,
  plan: RequestPlan,
  concurrency: number,
  signal?: AbortSignal,
): Promise<FloorResult> {
  const ref = await startReferenceServer(server);
  try {
    const target: FloorTarget = { url: ref.url, adminToken: ref.adminToken };
    const job: FloorJob = { target, plan, concurrency };
    return await runTsxChild<FloorResult>(path.join(__dirname, 'floor-child.ts'), { stdin: JSON.stringify(job), signal });
  } finally {
    await ref.close();
  }
}

export async function benchOverhead(opts: { runs: number } & BenchContext): Promise<OverheadResult> {
  const step = opts.step ?? opts.log;
  const suiteRuns: SuiteRun[] = [];
  const leanRuns: SuiteRun[] = [];
  const bareRuns: BarePlaywrightResult[] = [];
  const floorRuns: FloorResult[] = [];
  let plan: RequestPlan | null = null;
  let bareTests: ReturnType<typeof buildBareTestPlans> | null = null;
  let workers = 0;
  for (let i = 0; i < opts.runs; i++) {
    const run = await runSuiteOnFreshServer({
      server: {},
      reportsDir: path.join(opts.reportsRoot, `overhead-suite-${i + 1}`),
      signal: opts.signal,
    });
    suiteRuns.push(run);
    // The floors replay what the FIRST run recorded, so every floor run sends the identical mix.
    plan ??= buildRequestPlan(run.tests);
    bareTests ??= buildBareTestPlans(run.tests);
    workers = run.workers ?? 2;
    step(
      `overhead: suite run ${i + 1}/${opts.runs}: ${(run.wallMs / 1000).toFixed(2)} s wall, ${plan.total} requests, ${workers} workers, exit ${run.exitCode}`,
    );
    const leanDir = path.join(opts.reportsRoot, `overhead-lean-${i + 1}`);
    const lean = await runSuiteOnFreshServer({
      server: {},
      reportsDir: leanDir,
      args: ['--reporter=list,json'],
      env: { PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(leanDir, 'conformance.json') },
      signal: opts.signal,
    });
    leanRuns.push(lean);
    step(`overhead: suite with list+json reporters only ${i + 1}/${opts.runs}: ${(lean.wallMs / 1000).toFixed(2)} s wall`);
    const bare = await runBarePlaywright({
      server: {},
      tests: bareTests,
      workers,
      dir: path.join(opts.reportsRoot, `overhead-bare-${i + 1}`),
      signal: opts.signal,
    });
    bareRuns.push(bare);
    step(
      `overhead: bare Playwright run ${i + 1}/${opts.runs}: ${(bare.wallMs / 1000).toFixed(2)} s for ${bare.tests} tests, ${bare.requests} requests`,
    );
    const floor = await runFloorOnFreshServer({}, plan, workers, opts.signal);
    floorRuns.push(floor);
    step(
      `overhead: fetch floor run ${i + 1}/${opts.runs}: ${(floor.wallMs / 1000).toFixed(3)} s for ${floor.requests} requests (${floor.statusMatches} exact status matches)`,
    );
  }
  if (!plan) throw new RangeError('benchOverhead(): runs must be >= 1');
  const suiteMedianMs = median(suiteRuns.map((r) => r.wallMs));
  const reportDurations = suiteRuns.map((r) => r.reportDurationMs).filter((d): d is number => d !== null);
  const floorMedianMs = median(floorRuns.map((r) => r.wallMs));
  const bareMedianMs = median(bareRuns.map((r) => r.wallMs));
  const medianOrNull = (values: (number | null)[]): number | null => {
    const known = values.filter((v): v is number => v !== null);
    return known.length ? median(known) : null;
  };
  return {
    workers,
    plan,
    suiteRuns: suiteRuns.map(summarizeSuiteRun),
    bareRuns,
    bareMedianMs,
    bareReportMedianMs: medianOrNull(bareRuns.map((r) => r.reportDurationMs)),
    ratioToBare: suiteMedianMs / bareMedianMs,
    leanReporterRuns: leanRuns.map(summarizeSuiteRun),
    leanReporterMedianMs: median(leanRuns.map((r) => r.wallMs)),
    globalSetupMedianMs: medianOrNull(suiteRuns.map((r) => r.globalSetupMs)),
    globalTeardownMedianMs: medianOrNull(suiteRuns.map((r) => r.globalTeardownMs)),
    floorRuns,
    suiteMedianMs,
    suiteReportMedianMs: reportDurations.length ? median(reportDurations) : null,
    suiteInTestsMedianMs: median(suiteRuns.map((r) => summarizeSuiteRun(r).inTestsMs)),
    floorMedianMs,
    ratio: suiteMedianMs / floorMedianMs,
    zeroLatencyDurations: medianDurations(suiteRuns.map((r) => r.tests)),
    bareRequestMs: median(floorRuns.map((r) => r.medianRequestMs)),
  };
}
