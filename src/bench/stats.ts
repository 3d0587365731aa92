/**
 * Small, dependency-free statistics for the benchmarks. Medians rather than means throughout: on a shared
 * 2-core machine one descheduled batch or run would drag a mean far from what a person typically sees.
 */

export class BenchInputError extends Error {
  override readonly name = 'BenchInputError';
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new BenchInputError('median(): no values to take the median of');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new BenchInputError('percentile(): no values');
  if (!(p >= 0 && p <= 100)) throw new BenchInputError(`percentile(): p must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface WindowPeak {
  /** Most timestamps inside any window [start, start + windowMs). */
  count: number;
  /** Start of (the first) busiest window, i.e. the timestamp that opens it; null when there are none. */
  startMs: number | null;
}

/**
 * The busiest sliding window: the largest number of events within any half-open interval of `windowMs`.
 * Sliding (not fixed buckets aligned to the clock), because a rate limiter counts from whenever it likes:
 * fixed buckets can split a burst in two and under-report it by up to half.
 */
export function peakInWindow(timestampsMs: readonly number[], windowMs: number): WindowPeak {
  if (!(windowMs > 0)) throw new BenchInputError(`peakInWindow(): windowMs must be > 0, got ${windowMs}`);
  const sorted = [...timestampsMs].sort((a, b) => a - b);
  let best: WindowPeak = { count: 0, startMs: null };
  let end = 0;
  // The busiest window can always be moved right until its start touches an event, so only event starts matter.
  for (let start = 0; start < sorted.length; start++) {
    const opensAt = sorted[start] as number;
    while (end < sorted.length && (sorted[end] as number) < opensAt + windowMs) end++;
    const count = end - start;
    if (count > best.count) best = { count, startMs: opensAt };
  }
  return best;
}

/** Rounds for display without pretending to more precision than a shared machine gives. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
