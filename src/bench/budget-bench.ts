/**
 * Request budget of one default run (explore included, as `npm run conformance` runs it): requests per
 * capability (capabilities.ts: the example suite, explore, concurrency, the authorization matrix, hostile
 * inputs — by tag), requests per operation from the contract observations (what the tests
 * received), and the peak requests per 10 s sliding window measured at a counting proxy in front of the
 * server (the observations carry no timestamps). The proxy also sees what no test observes — global
 * set-up probes and the final clean-up sweep — so both totals are reported.
 */
import path from 'node:path';
import { capabilityOf, countByCapability, type Capability } from './capabilities';
import { countRequests } from './run-report';
import { peakInWindow } from './stats';
import { runSuiteOnFreshServer, type BenchContext } from './suite-run';
import { summarizeSuiteRun, type SuiteRunSummary } from './overhead-bench';

export const RATE_WINDOW_MS = 10_000;

export interface BudgetResult {
  run: SuiteRunSummary;
  /** Every test of the default run (all capabilities). */
  observed: ReturnType<typeof countRequests>;
  /** The same requests per capability (by tag). */
  byCapability: Record<Capability, number>;
  /** The example suite's share per operation (what its target is about). */
  exampleObserved: ReturnType<typeof countRequests>;
  /** API requests the server received (via the proxy), tests plus set-up/teardown. */
  serverApiRequests: number;
  peakPer10s: number;
  /** Offset of the busiest window from the first API request (ms). */
  peakWindowStartOffsetMs: number | null;
  /** Mean API requests/s over the span from first to last API request. */
  meanRps: number;
}

export async function benchBudget(opts: BenchContext): Promise<BudgetResult> {
  const run = await runSuiteOnFreshServer({
    server: {},
    reportsDir: path.join(opts.reportsRoot, 'budget'),
    viaProxy: true,
    includeExplore: true,
    signal: opts.signal,
  });
  const arrivals = run.apiArrivals ?? [];
  const peak = peakInWindow(arrivals, RATE_WINDOW_MS);
  const first = arrivals.length ? Math.min(...arrivals) : 0;
  const spanS = arrivals.length > 1 ? (Math.max(...arrivals) - first) / 1000 : 0;
  (opts.step ?? opts.log)(`budget: proxied run: ${arrivals.length} API requests at the server, peak ${peak.count} per 10 s`);
  return {
    run: summarizeSuiteRun(run),
    observed: countRequests(run.tests),
    byCapability: countByCapability(run.tests),
    exampleObserved: countRequests(run.tests.filter((test) => capabilityOf(test.tags) === 'example')),
    serverApiRequests: arrivals.length,
    peakPer10s: peak.count,
    peakWindowStartOffsetMs: peak.startMs === null ? null : peak.startMs - first,
    meanRps: spanS > 0 ? arrivals.length / spanS : 0,
  };
}
