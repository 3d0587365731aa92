import type { ServerClock } from './clock';
import type { FaultId } from './faults';
import type { EveryNthRateLimiter, FixedWindowRateLimiter } from './rate-limiter';
import type { TokenStore } from './token-store';

/** Everything a handler may consult; one per running server. */
export interface ServerContext {
  clock: ServerClock;
  store: TokenStore;
  rateLimiter: FixedWindowRateLimiter | EveryNthRateLimiter | null;
  /** Reports the rate-limit status (A12) when no limit is configured; its window is never full in practice. */
  reportingWindow: FixedWindowRateLimiter;
  /** Retry-After on a 429 is this many times the true pause (1 = true). */
  retryAfterScale: number;
  /** True when the named fault is switched on. Fault switches read `if (ctx.hasFault('id'))`. */
  hasFault(id: FaultId): boolean;
  /** API requests seen so far (used by the every-10th-request 429 fault). */
  requestCount: number;
  log(line: string): void;
}
