/**
 * The critical path of a conformance run at a given per-request latency: how long the run would take with
 * infinitely many workers and zero local overhead. A test's requests are sequential (each awaits the last),
 * and tests are independent, so
 *
 *   path(t)        = requests(t) × latency + waits(t)
 *   criticalPath   = max over tests of path(t)
 *   workBound(N)   = Σ path(t) / N          (N workers cannot do the sum of the work faster than this)
 *   lowerBound(N)  = max(criticalPath, workBound(N))
 *
 * waits(t) is what the test spends NOT sending requests at zero latency: its duration in a run without
 * latency minus its requests × the bare per-request time. That is its deliberate sleeps (expiry waits)
 * plus its own local work, so it slightly over-states the pure waits — which makes the critical path a
 * little longer and the run/critical-path ratio a little kinder than a perfect measurement. The output says so.
 */

export interface TestTiming {
  /** Stable identity of a test across runs: file + title path. */
  id: string;
  /** Responses received by the test (its contract observations, set-up and clean-up included). */
  requests: number;
  /** The test's duration in a run WITHOUT added latency (ms); null when that run lacked the test. */
  zeroLatencyDurationMs: number | null;
}

export interface CriticalPathInput {
  tests: readonly TestTiming[];
  latencyMs: number;
  /** Time of one bare request at zero latency (ms), from the fetch floor. */
  bareRequestMs: number;
  workers: number;
}

export interface CriticalPathResult {
  criticalPathMs: number;
  /** The test that sets the critical path; null when there are no tests. */
  longestTestId: string | null;
  longestTestRequests: number;
  longestTestWaitsMs: number;
  workBoundMs: number;
  lowerBoundMs: number;
  totalRequests: number;
}

export function estimateWaitsMs(test: TestTiming, bareRequestMs: number): number {
  if (test.zeroLatencyDurationMs === null) return 0;
  return Math.max(0, test.zeroLatencyDurationMs - test.requests * bareRequestMs);
}

export function computeCriticalPath(input: CriticalPathInput): CriticalPathResult {
  if (!(input.workers >= 1)) throw new RangeError(`computeCriticalPath(): workers must be >= 1, got ${input.workers}`);
  let result: CriticalPathResult = {
    criticalPathMs: 0,
    longestTestId: null,
    longestTestRequests: 0,
    longestTestWaitsMs: 0,
    workBoundMs: 0,
    lowerBoundMs: 0,
    totalRequests: 0,
  };
  let totalWork = 0;
  for (const test of input.tests) {
    const waits = estimateWaitsMs(test, input.bareRequestMs);
    const path = test.requests * input.latencyMs + waits;
    totalWork += path;
    result.totalRequests += test.requests;
    if (result.longestTestId === null || path > result.criticalPathMs) {
      result = { ...result, criticalPathMs: path, longestTestId: test.id, longestTestRequests: test.requests, longestTestWaitsMs: waits };
    }
  }
  const workBoundMs = totalWork / input.workers;
  return { ...result, workBoundMs, lowerBoundMs: Math.max(result.criticalPathMs, workBoundMs) };
}
