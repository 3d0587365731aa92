/**
 * "Now" on the SERVER's clock (rule G3): staging clocks drift, so the suite never takes absolute time from the
 * client. Every observation is a lower bound of the server's time at the moment it was seen — a `Date` header
 * (whole seconds, so up to 999 ms behind) or the `creationDate`/`lastModified` of a token just written
 * (milliseconds) — and the best estimate is the latest of them. Elapsed time is measured with relative sleeps.
 */

export class ServerClockError extends Error {
  override name = 'ServerClockError';
}

export class ServerClock {
  private latest: number | null = null;

  /** Records a server timestamp (epoch ms); ignores anything that is not a finite number. */
  observe(epochMs: unknown): void {
    if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) return;
    if (this.latest === null || epochMs > this.latest) this.latest = epochMs;
  }

  /** Records the timestamps a freshly written token carries. */
  observeWrittenToken(body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const record = body as Record<string, unknown>;
    this.observe(record.creationDate);
    this.observe(record.lastModified);
  }

  /** The latest server time observed; throws if the server has not told us its time yet. */
  now(): number {
    if (this.latest === null) {
      throw new ServerClockError(
        'serverNow(): no server timestamp observed yet (no Date header and no written token) — make a request first',
      );
    }
    return this.latest;
  }
}

/**
 * The server's time when it produced `result`: the later of its Date header and, for a write, the body's
 * `lastModified` (the Date header has whole seconds only). Null when the response tells neither.
 */
export function serverTimeOf(result: { serverDate: number | null; json(): unknown }): number | null {
  const body = result.json();
  const lastModified =
    typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>).lastModified === 'number'
      ? ((body as Record<string, unknown>).lastModified as number)
      : null;
  const candidates = [result.serverDate, lastModified].filter((value): value is number => value !== null && Number.isFinite(value));
  return candidates.length === 0 ? null : Math.max(...candidates);
}
