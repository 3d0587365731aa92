/**
 * The five targets as data, and their verdicts. A MISS names its reason from the measured parts, so the
 * output says where the time goes instead of just "slow". A missed target is a measurement, not a failure
 * of the bench: the exit code does not depend on it.
 */
import type { BenchResult, TargetVerdict } from './bench-result';
import { TARGET_SHAPE } from './concurrency-bench';

export const TARGETS = {
  compileMs: 150,
  tokenValidationUs: 10,
  /** suite wall / bare-Playwright floor wall (same tests × requests, same workers, same kind of target, its HTML + JUnit reports). */
  overheadRatio: 1.2,
  /** The slowest test of a zero-latency run against the embedded-kind server (the G3 expiry waits, usually). */
  criticalPathMs: 2500,
  /** Process start-up before Playwright's clock, the suite's minus the bare floor's (medians). */
  startupOverBareMs: 300,
  /** Requests the example suite's tests receive in one default run (explore, concurrency, @authz, @hostile apart). */
  requestsPerRun: 300,
  /** Requests every test of one default `npm run conformance` receives, every capability together. */
  requestsTotal: 600,
  /** run wall / max(critical path, work / workers) at 100 ms latency. */
  latencyRatio: 1.3,
  latencyWorkers: 4,
  /** Checker time for 1,000 requests from 8 clients over 10 tokens. */
  linearizabilityMs: 1000,
} as const;

/** Name of the throughput measure the Token target reads (see validation-bench.ts). */
export const TOKEN_MEASURE = 'validate Token';

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

export function evaluateTargets(
  result: Pick<BenchResult, 'validation' | 'overhead' | 'budget' | 'latency'> & Partial<Pick<BenchResult, 'concurrency'>>,
): TargetVerdict[] {
  return [
    compileTarget(result),
    tokenTarget(result),
    overheadTarget(result),
    criticalPathTarget(result),
    startupTarget(result),
    requestsTarget(result),
    requestsTotalTarget(result),
    latencyTarget(result),
    linearizabilityTarget(result),
  ];
}

/** PASS only when the linearizable history is found linearizable in time and the lost update is found too: a fast wrong answer is no pass. */
function linearizabilityTarget(r: Partial<Pick<BenchResult, 'concurrency'>>): TargetVerdict {
  const { operations, tokens, clients } = TARGET_SHAPE;
  const base = {
    id: 'linearizability' as const,
    description: `linearizability check of ${operations.toLocaleString('en')} requests from ${clients} clients over ${tokens} tokens, 5 % of answers lost`,
    limit: TARGETS.linearizabilityMs,
    unit: 'ms',
  };
  const row = r.concurrency?.rows.find((x) => x.operations === operations && x.tokens === tokens && x.clients === clients);
  if (!row) return notMeasured(base, 'concurrency phase not run');
  const wrong =
    row.linearizableVerdict !== 'linearizable'
      ? `the linearizable history was answered ${row.linearizableVerdict}`
      : row.lostUpdateVerdict !== 'not-linearizable'
        ? `the history with a lost update was answered ${row.lostUpdateVerdict}`
        : null;
  const pass = wrong === null && row.linearizableMs <= TARGETS.linearizabilityMs;
  return verdict(
    { ...base, value: row.linearizableMs },
    pass,
    wrong ??
      `${fmt(row.linearizableMs, 0)} ms > ${TARGETS.linearizabilityMs} ms (with a lost update: ${fmt(row.lostUpdateMs, 0)} ms, witness shrinking included)`,
  );
}

function verdict(base: Omit<TargetVerdict, 'verdict' | 'reason'>, pass: boolean, missReason: string): TargetVerdict {
  return { ...base, verdict: pass ? 'PASS' : 'MISS', reason: pass ? '' : missReason };
}

function notMeasured(base: Omit<TargetVerdict, 'verdict' | 'reason' | 'value'>, why: string): TargetVerdict {
  return { ...base, value: null, verdict: 'NOT MEASURED', reason: why };
}

function compileTarget(r: Pick<BenchResult, 'validation'>): TargetVerdict {
  const base = {
    id: 'compile' as const,
    description: 'schema load + compile of all validators of the six operations, fresh process',
    limit: TARGETS.compileMs,
    unit: 'ms',
  };
  if (!r.validation) return notMeasured(base, 'validation phase not run');
  const m = r.validation.compile.median;
  const value = m.loadMs + m.compileMs;
  return verdict(
    { ...base, value },
    value <= TARGETS.compileMs,
    `load ${fmt(m.loadMs)} ms (read + addSchema of lenient and strict copies) + compile ${fmt(m.compileMs)} ms = ${fmt(value)} ms > ${TARGETS.compileMs} ms`,
  );
}

function tokenTarget(r: Pick<BenchResult, 'validation'>): TargetVerdict {
  const base = {
    id: 'token-validation' as const,
    description: 'median µs per validation of a realistic Token',
    limit: TARGETS.tokenValidationUs,
    unit: 'µs',
  };
  const token = r.validation?.throughput.find((t) => t.name === TOKEN_MEASURE);
  if (!token) return notMeasured(base, 'validation phase not run');
  return verdict(
    { ...base, value: token.medianUs },
    token.medianUs <= TARGETS.tokenValidationUs,
    `${fmt(token.medianUs, 2)} µs per Token > ${TARGETS.tokenValidationUs} µs (batch spread ${fmt(token.minUs, 2)}–${fmt(token.maxUs, 2)} µs)`,
  );
}

function overheadTarget(r: Pick<BenchResult, 'overhead'>): TargetVerdict {
  const base = {
    id: 'overhead' as const,
    description:
      "full run wall time / bare-Playwright floor (same tests × requests and waits, no checks, Playwright's list, HTML and JUnit reporters as the suite writes them, same workers)",
    limit: TARGETS.overheadRatio,
    unit: '×',
  };
  const o = r.overhead;
  if (!o) return notMeasured(base, 'overhead phase not run');
  const part = (label: string, ms: number | null): string => (ms === null ? '' : `${label} ${fmt(ms / 1000, 2)} s, `);
  const reason =
    `suite ${fmt(o.suiteMedianMs / 1000, 2)} s vs bare Playwright ${fmt(o.bareMedianMs / 1000, 2)} s for ${o.plan.total} requests; where the difference goes: ` +
    part('junit + coverage + html reporters', o.suiteMedianMs - o.leanReporterMedianMs) +
    part('global set-up', o.globalSetupMedianMs) +
    part('global teardown (final clean-up sweep)', o.globalTeardownMedianMs) +
    `inside tests ${fmt(o.suiteInTestsMedianMs / 1000, 2)} s per worker (fixtures, contract checks, deliberate waits; slowest test ${fmt(Math.max(0, ...o.suiteRuns.map((x) => x.slowestTestMs)) / 1000, 2)} s)`;
  return verdict({ ...base, value: o.ratioToBare }, o.ratioToBare <= TARGETS.overheadRatio, reason);
}

function criticalPathTarget(r: Pick<BenchResult, 'overhead'>): TargetVerdict {
  const base = {
    id: 'critical-path' as const,
    description: 'critical path: the slowest test of a run against the embedded-kind server (median over the overhead runs)',
    limit: TARGETS.criticalPathMs,
    unit: 'ms',
  };
  const o = r.overhead;
  if (!o) return notMeasured(base, 'overhead phase not run');
  if (Object.keys(o.zeroLatencyDurations).length === 0) return notMeasured(base, 'the overhead runs recorded no test durations');
  const [id, ms] = Object.entries(o.zeroLatencyDurations).reduce<[string, number]>(
    (longest, entry) => (entry[1] > longest[1] ? entry : longest),
    ['-', 0],
  );
  return verdict({ ...base, value: ms }, ms <= TARGETS.criticalPathMs, `${id} takes ${fmt(ms, 0)} ms > ${TARGETS.criticalPathMs} ms`);
}

function startupTarget(r: Pick<BenchResult, 'overhead'>): TargetVerdict {
  const base = {
    id: 'startup' as const,
    description: "process start-up before Playwright's clock, the suite's over the bare-Playwright floor's (medians)",
    limit: TARGETS.startupOverBareMs,
    unit: 'ms',
  };
  const o = r.overhead;
  if (!o) return notMeasured(base, 'overhead phase not run');
  if (o.suiteReportMedianMs === null || o.bareReportMedianMs === null)
    return notMeasured(base, "a run's JSON report had no duration, so its start-up is unknown");
  const suiteStartup = o.suiteMedianMs - o.suiteReportMedianMs;
  const bareStartup = o.bareMedianMs - o.bareReportMedianMs;
  const value = suiteStartup - bareStartup;
  return verdict(
    { ...base, value },
    value <= TARGETS.startupOverBareMs,
    `suite ${fmt(suiteStartup / 1000, 2)} s vs bare Playwright ${fmt(bareStartup / 1000, 2)} s before Playwright's clock (spawn to exit minus Playwright's run duration; the suite's includes evaluating its config and reporters)`,
  );
}

function requestsTarget(r: Pick<BenchResult, 'budget'>): TargetVerdict {
  const base = {
    id: 'requests' as const,
    description: 'requests the example suite receives in one default run (explore, concurrency, @authz and @hostile counted apart)',
    limit: TARGETS.requestsPerRun,
    unit: 'requests',
  };
  const b = r.budget;
  if (!b) return notMeasured(base, 'budget phase not run');
  const value = b.byCapability.example;
  return verdict(
    { ...base, value },
    value <= TARGETS.requestsPerRun,
    `${value} requests > ${TARGETS.requestsPerRun} (${exampleByOperation(b)})`,
  );
}

function requestsTotalTarget(r: Pick<BenchResult, 'budget'>): TargetVerdict {
  const base = {
    id: 'requests-total' as const,
    description: 'requests every test of one default `npm run conformance` receives, all capabilities',
    limit: TARGETS.requestsTotal,
    unit: 'requests',
  };
  const b = r.budget;
  if (!b) return notMeasured(base, 'budget phase not run');
  const parts = Object.entries(b.byCapability)
    .map(([capability, n]) => `${capability} ${n}`)
    .join(', ');
  return verdict(
    { ...base, value: b.observed.total },
    b.observed.total <= TARGETS.requestsTotal,
    `${b.observed.total} requests > ${TARGETS.requestsTotal} (${parts})`,
  );
}

/** The example suite's requests per operation, largest first: where a cut would have to come from. */
function exampleByOperation(b: NonNullable<BenchResult['budget']>): string {
  return Object.entries(b.exampleObserved.byOperation)
    .sort(([, x], [, y]) => y - x)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
}

function latencyTarget(r: Pick<BenchResult, 'latency'>): TargetVerdict {
  const base = {
    id: 'latency-4-workers' as const,
    description: `run wall time / max(critical path, work / workers) at ${r.latency?.latencyMs ?? 100} ms latency, ${TARGETS.latencyWorkers} workers`,
    limit: TARGETS.latencyRatio,
    unit: '×',
  };
  const row = r.latency?.rows.find((x) => x.workers === TARGETS.latencyWorkers);
  if (!row) return notMeasured(base, `latency phase not run at ${TARGETS.latencyWorkers} workers`);
  const c = row.critical;
  const bound =
    c.workBoundMs >= c.criticalPathMs
      ? `work/${row.workers} = ${c.totalRequests} requests × ${r.latency?.latencyMs ?? 100} ms + waits ≈ ${fmt(c.workBoundMs / 1000, 2)} s`
      : `the critical path ${fmt(c.criticalPathMs / 1000, 2)} s (${c.longestTestId ?? '-'}: ${c.longestTestRequests} requests + ${fmt(c.longestTestWaitsMs / 1000, 2)} s waits)`;
  const restMs = row.medianWallMs - c.lowerBoundMs;
  const allowedMs = (TARGETS.latencyRatio - 1) * c.lowerBoundMs;
  const bare = row.bare;
  const split = bare
    ? `; of it, ${fmt(bare.playwrightOverheadMs / 1000, 2)} s is Playwright's own (the bare-Playwright floor, same tests × requests and waits at the same latency and workers, no checks, takes ${fmt(bare.medianWallMs / 1000, 2)} s against its own lower bound ${fmt(bare.lowerBoundMs / 1000, 2)} s) and ${fmt((restMs - bare.playwrightOverheadMs) / 1000, 2)} s the suite's own; the target allows ${fmt(allowedMs / 1000, 2)} s over the bound` +
      (bare.playwrightOverheadMs > allowedMs ? ", which Playwright's own cost alone exceeds on this machine" : '')
    : '';
  const reason = `wall ${fmt(row.medianWallMs / 1000, 2)} s vs the lower bound ${fmt(c.lowerBoundMs / 1000, 2)} s, which is ${bound}; the rest (${fmt(restMs / 1000, 2)} s) is process and worker start-up, set-up/teardown, reporters and workers idle at the end${split}`;
  return verdict({ ...base, value: row.ratioToLowerBound }, row.ratioToLowerBound <= TARGETS.latencyRatio, reason);
}
