import type { ServerClock } from './clock';
import type { FaultId } from './faults';
import type { FixedWindowRateLimiter } from './rate-limiter';
import type { TokenStore } from './token-store';

/** Everything a handler may consult; one per running server. */
export interface ServerContext {
  clock: ServerClock;
  store: TokenStore;
  rateLimiter: FixedWindowRateLimiter | null;
  /** True when the named fault is switched on. Fault switches read `if (ctx.hasFault('id'))`. */
  hasFault(id: FaultId): boolean;
  /** API requests seen so far (used by the every-10th-request 429 fault). */
  requestCount: number;
  log(line: string): void;
}
