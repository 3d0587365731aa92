/**
 * Latency scaling: full runs against a server that adds 100 ms to every response, at 1, 2 and 4 workers,
 * against the critical path (see critical-path.ts for the formula and what it over-states). At the target's
 * worker count, each suite run alternates with a run of the bare-Playwright floor at the same latency (the
 * run's tests × requests and waits, no checks): its distance from ITS lower bound is what Playwright itself
 * costs (process and worker start-up, per-test contexts, dispatch), so the rest is the suite's own.
 */
import path from 'node:path';
import { buildBareTestPlans, runBarePlaywright, type BareTestPlan } from './bare-playwright';
import { computeCriticalPath, type CriticalPathResult, type TestTiming } from './critical-path';
import { summarizeSuiteRun, type SuiteRunSummary } from './overhead-bench';
import type { TestRecord } from './run-report';
import { RATE_WINDOW_MS } from './budget-bench';
import { median, peakInWindow } from './stats';
import { runSuiteOnFreshServer, type BenchContext, type SuiteRun } from './suite-run';

export const BENCH_LATENCY_MS = 100;

export interface LatencyRow {
  workers: number;
  runs: SuiteRunSummary[];
  medianWallMs: number;
  medianReportMs: number | null;
  critical: CriticalPathResult;
  /** median wall / critical path */
  ratio: number;
  /** median wall / max(critical path, work / workers): how far from what N workers could possibly do */
  ratioToLowerBound: number;
  /** Busiest 10 s sliding window of API requests at the server (counting proxy; its ~0.1 ms hop is noise next to 100 ms), max over runs. */
  peakPer10s: number;
  /** The bare-Playwright floor at the same latency and workers (only at the target's worker count). */
  bare?: BareAtLatency;
}

export interface BareAtLatency {
  wallMs: number[];
  medianWallMs: number;
  /** max(longest bare test, Σ (requests × latency + its replayed wait) / workers). */
  lowerBoundMs: number;
  /** median wall − its lower bound: Playwright's own start-up and per-test cost at this latency and worker count. */
  playwrightOverheadMs: number;
  requests: number;
}

/** The bare floor's lower bound: its tests only send requests, so each is requests × latency. */
export function bareLowerBoundMs(tests: readonly BareTestPlan[], latencyMs: number, workers: number): number {
  return computeCriticalPath({
    // A bare test's only time apart from its requests is its replayed wait: waits(t) = waitMs exactly.
    tests: tests.map((t) => ({ id: t.title, requests: t.requests.length, zeroLatencyDurationMs: t.waitMs })),
    latencyMs,
    bareRequestMs: 0,
    workers,
  }).lowerBoundMs;
}

export interface ZeroLatencyBaseline {
  durations: Record<string, number>;
  bareRequestMs: number;
}

export function toTestTimings(tests: readonly TestRecord[], baseline: ZeroLatencyBaseline | null): TestTiming[] {
  return tests.map((t) => ({ id: t.id, requests: t.observations.length, zeroLatencyDurationMs: baseline?.durations[t.id] ?? null }));
}

export async function benchLatency(
  opts: {
    runs: number;
    workerCounts: number[];
    baseline: ZeroLatencyBaseline | null;
    /** Worker count at which the bare-Playwright floor runs beside the suite (the target's); none when absent. */
    bareAtWorkers?: number;
  } & BenchContext,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const step = opts.step ?? opts.log;
  for (const workers of opts.workerCounts) {
    const runs: SuiteRun[] = [];
    const bareWalls: number[] = [];
    let bareTests: BareTestPlan[] | null = null;
    for (let i = 0; i < opts.runs; i++) {
      const run = await runSuiteOnFreshServer({
        server: { latencyMs: BENCH_LATENCY_MS },
        workers,
        viaProxy: true,
        reportsDir: path.join(opts.reportsRoot, `latency-w${workers}-${i + 1}`),
        signal: opts.signal,
      });
      runs.push(run);
      step(
        `latency: ${BENCH_LATENCY_MS} ms latency, ${workers} worker(s), run ${i + 1}/${opts.runs}: ${(run.wallMs / 1000).toFixed(2)} s wall, exit ${run.exitCode}`,
      );
      if (workers !== opts.bareAtWorkers) continue;
      // Every bare run replays what the FIRST suite run at this worker count recorded.
      bareTests ??= buildBareTestPlans(run.tests);
      const bare = await runBarePlaywright({
        server: { latencyMs: BENCH_LATENCY_MS },
        tests: bareTests,
        workers,
        dir: path.join(opts.reportsRoot, `latency-bare-w${workers}-${i + 1}`),
        signal: opts.signal,
      });
      bareWalls.push(bare.wallMs);
      step(
        `latency: bare Playwright at ${BENCH_LATENCY_MS} ms, ${workers} worker(s), run ${i + 1}/${opts.runs}: ${(bare.wallMs / 1000).toFixed(2)} s wall for ${bare.requests} requests`,
      );
    }
    // Requests per test are the same in every run of a correct suite; take them from the median run.
    const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
    const medianRun = sorted[Math.floor(sorted.length / 2)] as SuiteRun;
    const critical = computeCriticalPath({
      tests: toTestTimings(medianRun.tests, opts.baseline),
      latencyMs: BENCH_LATENCY_MS,
      bareRequestMs: opts.baseline?.bareRequestMs ?? 0,
      workers,
    });
    const medianWallMs = median(runs.map((r) => r.wallMs));
    const reports = runs.map((r) => r.reportDurationMs).filter((d): d is number => d !== null);
    rows.push({
      workers,
      runs: runs.map(summarizeSuiteRun),
      medianWallMs,
      medianReportMs: reports.length ? median(reports) : null,
      critical,
      ratio: medianWallMs / critical.criticalPathMs,
      ratioToLowerBound: medianWallMs / critical.lowerBoundMs,
      peakPer10s: Math.max(...runs.map((r) => peakInWindow(r.apiArrivals ?? [], RATE_WINDOW_MS).count)),
      ...(bareTests && bareWalls.length ? { bare: summarizeBare(bareTests, bareWalls, workers) } : {}),
    });
  }
  return rows;
}

function summarizeBare(tests: readonly BareTestPlan[], wallMs: number[], workers: number): BareAtLatency {
  const medianWallMs = median(wallMs);
  const lowerBoundMs = bareLowerBoundMs(tests, BENCH_LATENCY_MS, workers);
  return {
    wallMs,
    medianWallMs,
    lowerBoundMs,
    playwrightOverheadMs: medianWallMs - lowerBoundMs,
    requests: tests.reduce((n, t) => n + t.requests.length, 0),
  };
}
