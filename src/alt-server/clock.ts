/**
 * The alternative server's clock runs ahead of real time by a fixed offset (7 minutes by default). Every
 * time the server shows or compares — the Date header, creationDate / lastModified / lastUsed, reset
 * expiries — comes from this one clock, so a suite that reads "now" from the client instead of from the
 * server (rule G3) is caught.
 */
export interface ServerClock {
  /** Epoch ms on the server's clock. */
  now(): number;
  /** The HTTP Date header value for now (second resolution, as HTTP dates are). */
  httpDate(): string;
}

export const DEFAULT_CLOCK_OFFSET_MS = 7 * 60_000;

export function createServerClock(offsetMs: number = DEFAULT_CLOCK_OFFSET_MS): ServerClock {
  const now = (): number => Date.now() + offsetMs;
  return { now, httpDate: () => new Date(now()).toUTCString() };
}
