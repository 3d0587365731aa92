/**
 * The most events (epoch ms timestamps) that fall into any half-open window [t, t + windowMs): the peak
 * request count "per second" (or per any window) without depending on where whole seconds begin.
 */
export function peakInWindow(timestamps: readonly number[], windowMs: number): number {
  if (!(windowMs > 0)) throw new RangeError(`window must be positive, got ${windowMs} ms`);
  const sorted = [...timestamps].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    // A window worth checking starts at some event; slide its start until the end event fits in it.
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
