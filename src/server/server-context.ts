import type { ServerClock } from './clock';
import type { FaultId } from './faults';
import type { EveryNthRateLimiter, FixedWindowRateLimiter } from './rate-limiter';
import type { TokenLocks } from './store-round-trip';
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
  /** The store's round trip between a handler's read and its write: other requests run meanwhile (store-round-trip.ts). */
  roundTrip(): Promise<void>;
  /** Writes to one token, one after another. */
  locks: TokenLocks;
  /** Answer 409 to a patchToken that overlaps another write to its token, instead of queueing it (E7). */
  patchConflict: boolean;
  /** postToken requests between their start and their answer. */
  createsInFlight: number;
  /**
   * Only for the fault list-skips-concurrent-creates: token id → when (performance.now() ms) a lagging list index
   * shows it. A token whose create overlapped another is missing from getTokens until then.
   */
  listIndexLag: Map<string, number>;
}
