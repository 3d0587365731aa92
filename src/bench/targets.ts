/**
 * The four targets as data, and their verdicts. A MISS names its reason from the measured parts, so the
 * output says where the time goes instead of just "slow". A missed target is a measurement, not a failure
 * of the bench: the exit code does not depend on it.
 */
import type { BenchResult, TargetVerdict } from './bench-result';

export const TARGETS = {
  compileMs: 150,
  tokenValidationUs: 10,
  overheadRatio: 3,
  latencyRatio: 2,
  latencyWorkers: 4,
} as const;

/** Name of the throughput measure the Token target reads (see validation-bench.ts). */
export const TOKEN_MEASURE = 'validate Token';

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

export function evaluateTargets(result: Pick<BenchResult, 'validation' | 'overhead' | 'latency'>): TargetVerdict[] {
  return [compileTarget(result), tokenTarget(result), overheadTarget(result), latencyTarget(result)];
}

function verdict(base: Omit<TargetVerdict, 'verdict' | 'reason'>, pass: boolean, missReason: string): TargetVerdict {
  return { ...base, verdict: pass ? 'PASS' : 'MISS', reason: pass ? '' : missReason };
}

function notMeasured(base: Omit<TargetVerdict, 'verdict' | 'reason' | 'value'>, why: string): TargetVerdict {
  return { ...base, value: null, verdict: 'NOT MEASURED', reason: why };
}

function compileTarget(r: Pick<BenchResult, 'validation'>): TargetVerdict {
  const base = { id: 'compile' as const, description: 'schema load + compile of all validators of the six operations, fresh process', limit: TARGETS.compileMs, unit: 'ms' };
  if (!r.validation) return notMeasured(base, 'validation phase not run');
  const m = r.validation.compile.median;
  const value = m.loadMs + m.compileMs;
  return verdict({ ...base, value }, value <= TARGETS.compileMs, `load ${fmt(m.loadMs)} ms (read + addSchema of lenient and strict copies) + compile ${fmt(m.compileMs)} ms = ${fmt(value)} ms > ${TARGETS.compileMs} ms`);
}

function tokenTarget(r: Pick<BenchResult, 'validation'>): TargetVerdict {
  const base = { id: 'token-validation' as const, description: 'median µs per validation of a realistic Token', limit: TARGETS.tokenValidationUs, unit: 'µs' };
  const token = r.validation?.throughput.find((t) => t.name === TOKEN_MEASURE);
  if (!token) return notMeasured(base, 'validation phase not run');
  return verdict({ ...base, value: token.medianUs }, token.medianUs <= TARGETS.tokenValidationUs, `${fmt(token.medianUs, 2)} µs per Token > ${TARGETS.tokenValidationUs} µs (batch spread ${fmt(token.minUs, 2)}–${fmt(token.maxUs, 2)} µs)`);
}

function overheadTarget(r: Pick<BenchResult, 'overhead'>): TargetVerdict {
  const base = { id: 'overhead' as const, description: 'full run wall time / bare-fetch floor (same requests, same concurrency)', limit: TARGETS.overheadRatio, unit: '×' };
  const o = r.overhead;
  if (!o) return notMeasured(base, 'overhead phase not run');
  const startup = o.suiteReportMedianMs === null ? null : o.suiteMedianMs - o.suiteReportMedianMs;
  const reason =
    `suite ${fmt(o.suiteMedianMs / 1000, 2)} s vs floor ${fmt(o.floorMedianMs / 1000, 3)} s for ${o.plan.total} requests: ` +
    (startup === null ? '' : `process start-up before Playwright's clock ${fmt(startup / 1000, 2)} s, `) +
    (o.suiteReportMedianMs === null ? '' : `rest of the Playwright run (worker start-up, global set-up/teardown, reporters, idle workers) ${fmt((o.suiteReportMedianMs - o.suiteInTestsMedianMs) / 1000, 2)} s, `) +
    `inside tests ${fmt(o.suiteInTestsMedianMs / 1000, 2)} s (fixtures, per-test API contexts, contract checks, deliberate waits); ` +
    `a floor of ${fmt(o.floorMedianMs, 0)} ms means fixed costs alone exceed ${TARGETS.overheadRatio}× it`;
  return verdict({ ...base, value: o.ratio }, o.ratio <= TARGETS.overheadRatio, reason);
}

function latencyTarget(r: Pick<BenchResult, 'latency'>): TargetVerdict {
  const base = {
    id: 'latency-4-workers' as const,
    description: `run wall time / critical path at ${r.latency?.latencyMs ?? 100} ms latency, ${TARGETS.latencyWorkers} workers`,
    limit: TARGETS.latencyRatio,
    unit: '×',
  };
  const row = r.latency?.rows.find((x) => x.workers === TARGETS.latencyWorkers);
  if (!row) return notMeasured(base, `latency phase not run at ${TARGETS.latencyWorkers} workers`);
  const c = row.critical;
  const workBound = c.workBoundMs > 2 * c.criticalPathMs;
  const reason =
    `wall ${fmt(row.medianWallMs / 1000, 2)} s vs critical path ${fmt(c.criticalPathMs / 1000, 2)} s (${c.longestTestId ?? '-'}: ${c.longestTestRequests} requests + ${fmt(c.longestTestWaitsMs / 1000, 2)} s waits); ` +
    (workBound
      ? `the work itself does not fit: ${c.totalRequests} requests × ${r.latency?.latencyMs ?? 100} ms / ${row.workers} workers ≈ ${fmt(c.workBoundMs / 1000, 2)} s > ${TARGETS.latencyRatio}× the critical path, so no scheduling could meet the target — fewer sequential requests or more workers would`
      : `the lower bound with ${row.workers} workers is ${fmt(c.lowerBoundMs / 1000, 2)} s; the rest is start-up and suite overhead`);
  return verdict({ ...base, value: row.ratio }, row.ratio <= TARGETS.latencyRatio, reason);
}
