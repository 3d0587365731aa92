/**
 * Bounds on the SERVER's clock from one response (rule G3), tight enough to wait milliseconds instead of seconds.
 * A response to a request sent at local (monotonic) time `sentAt` and received at `receivedAt` was produced at
 * some moment in between. Its timestamp T — a written token's creationDate/lastModified (milliseconds) or else its
 * Date header D (whole seconds: the true time is in [D, D + 999]) — bounds the server's time at any later local
 * time t, assuming only that the two clocks tick at the same rate (their offset may be anything, days):
 *   lowerAt(t) = low + (t − receivedAt)     the server produced the response no later than we received it
 *   upperAt(t) = high + (t − sentAt)        … and no earlier than we sent the request
 * So the uncertainty is the round trip (plus a second with the Date header alone), never a fixed margin.
 */

export interface ServerReading {
  /** The server's time when it produced the response is at least this (epoch ms on the server's clock). */
  low: number;
  /** … and at most this. */
  high: number;
  /** Local monotonic times (performance.now()) around the exchange. */
  sentAt: number;
  receivedAt: number;
}

/** A Date header has whole seconds: the server's clock may be up to this much past what it says. */
export const DATE_RESOLUTION_MS = 1_000;

/**
 * The reading a response gives: `precise` is a millisecond timestamp the server wrote while answering (a new token's
 * creationDate), `date` its Date header. The precise one is trusted only when it can be "now": not more than a second
 * before the Date header (a stale or foreign timestamp would make the upper bound too low and a correct server look
 * wrong), and not a whole second (a server that truncates its timestamps gives no millisecond precision). Null when
 * the response tells neither.
 */
export function readServerClock(
  response: { precise: number | null; date: number | null },
  sentAt: number,
  receivedAt: number,
): ServerReading | null {
  const date = finite(response.date);
  const precise = finite(response.precise);
  const preciseIsNow = precise !== null && precise % DATE_RESOLUTION_MS !== 0 && (date === null || precise >= date - DATE_RESOLUTION_MS);
  if (preciseIsNow) {
    const low = date === null ? precise : Math.max(precise, date);
    return { low, high: low, sentAt, receivedAt };
  }
  if (date === null) return null;
  return { low: date, high: date + DATE_RESOLUTION_MS - 1, sentAt, receivedAt };
}

/** The server's time at local time `now` is at least this. */
export function serverLowerAt(reading: ServerReading, now: number): number {
  return reading.low + Math.max(0, now - reading.receivedAt);
}

/** The server's time at local time `now` is at most this. */
export function serverUpperAt(reading: ServerReading, now: number): number {
  return reading.high + Math.max(0, now - reading.sentAt);
}

/** How long from local time `now` until the server's clock has surely passed `serverTime` (0 when it has). */
export function msUntilServerPasses(reading: ServerReading, serverTime: number, now: number): number {
  return Math.max(0, serverTime - serverLowerAt(reading, now) + 1);
}

function finite(value: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
