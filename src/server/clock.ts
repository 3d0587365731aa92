/**
 * The server's clock. Everything time-related in the server (Date header, creationDate,
 * lastModified, reset expiries, rate-limit windows) reads this clock, never Date.now()
 * directly, so a configured skew shifts all of it consistently (rule G3: the suite must take
 * "now" from the server, and a skewed reference server proves it does).
 */
export interface ServerClock {
  /** Epoch milliseconds on the server's clock. */
  now(): number;
  readonly skewMs: number;
}

export function createServerClock(skewMs = 0): ServerClock {
  return { now: () => Date.now() + skewMs, skewMs };
}

/** RFC 7231 IMF-fixdate, as the Date header wants it. */
export function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}
