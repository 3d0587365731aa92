import type { LatencyThresholds } from '../config/suite-config';
import { OPERATION_IDS, type OperationId } from '../domain/operations';
import type { ContractObservation } from '../domain/observations';

/**
 * The target's latency as the suite saw it: per operation, how many judged responses carried a timing
 * and their p50 / p95 / max, judged against LD_LATENCY_P95_MS when set. A breach means the target (or
 * the network to it) is slow: an environment failure of the run, never a contract failure.
 */

export interface OperationLatency {
  operationId: OperationId;
  /** Judged responses with a timing. */
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** The p95 threshold for this operation, null when none is set. */
  thresholdMs: number | null;
  /** p95 above the threshold. */
  breached: boolean;
}

export interface LatencyReport {
  /** Nearest-rank percentiles over every judged response of the run (all shards when merged). */
  method: 'nearest-rank';
  operations: OperationLatency[];
  /** One line per breached operation, e.g. "getTokens p95 912 ms > 800 ms (LD_LATENCY_P95_MS)". */
  breaches: string[];
}

export function summariseLatency(observations: readonly ContractObservation[], thresholds: LatencyThresholds | null): LatencyReport {
  const operations = OPERATION_IDS.map<OperationLatency>((operationId) => {
    const timings = observations
      .filter((o) => o.operationId === operationId && o.durationMs !== undefined)
      .map((o) => o.durationMs ?? 0)
      .sort((a, b) => a - b);
    const thresholdMs = thresholds ? (thresholds.perOperation[operationId] ?? thresholds.all) : null;
    const p95Ms = nearestRank(timings, 0.95);
    return {
      operationId,
      count: timings.length,
      p50Ms: nearestRank(timings, 0.5),
      p95Ms,
      maxMs: timings.length ? (timings[timings.length - 1] ?? null) : null,
      thresholdMs,
      breached: thresholdMs !== null && p95Ms !== null && p95Ms > thresholdMs,
    };
  });
  const breaches = operations
    .filter((o) => o.breached)
    .map(
      (o) => `${o.operationId} p95 ${formatMs(o.p95Ms)} ms > ${formatMs(o.thresholdMs)} ms (LD_LATENCY_P95_MS) over ${o.count} responses`,
    );
  return { method: 'nearest-rank', operations, breaches };
}

/** The smallest value with at least `q` of the values at or below it; null for no values. */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Latency as people read it: whole ms from 10 ms up, one decimal below. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 10 ? String(Math.round(ms)) : ms.toFixed(1);
}
