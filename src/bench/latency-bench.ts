/**
 * Latency scaling: full runs against a server that adds 100 ms to every response, at 1, 2 and 4 workers,
 * against the critical path (see critical-path.ts for the formula and what it over-states).
 */
import path from 'node:path';
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
  } & BenchContext,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const workers of opts.workerCounts) {
    const runs: SuiteRun[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const run = await runSuiteOnFreshServer({
        server: { latencyMs: BENCH_LATENCY_MS },
        workers,
        viaProxy: true,
        reportsDir: path.join(opts.reportsRoot, `latency-w${workers}-${i + 1}`),
        signal: opts.signal,
      });
      runs.push(run);
      (opts.step ?? opts.log)(`latency: ${BENCH_LATENCY_MS} ms latency, ${workers} worker(s), run ${i + 1}/${opts.runs}: ${(run.wallMs / 1000).toFixed(2)} s wall, exit ${run.exitCode}`);
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
    });
  }
  return rows;
}
