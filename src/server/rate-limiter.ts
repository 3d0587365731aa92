import type { ServerClock } from './clock';

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Epoch ms (server clock) at which the current window ends. */
  resetAt: number;
}

/**
 * Account-wide fixed window, like LaunchDarkly's global limit ("all tokens on the account
 * share this limit"). Windows are aligned to multiples of windowMs on the server clock.
 */
export class FixedWindowRateLimiter {
  private windowStart = -1;
  private used = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: ServerClock,
  ) {}

  take(): RateLimitDecision {
    const now = this.clock.now();
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    const resetAt = start + this.windowMs;
    if (this.used >= this.max) return { allowed: false, remaining: 0, resetAt };
    this.used += 1;
    return { allowed: true, remaining: this.max - this.used, resetAt };
  }
}

/**
 * A staging host under other users' load, as seen by one client: every `every`-th API request is answered 429
 * whatever the pace, each time with a reset `resetMs` ahead. No window to learn and no pacing that avoids it:
 * the suite can only wait, so this proves a rate-limited run is slower, not red (issue 23).
 */
export class EveryNthRateLimiter {
  private seen = 0;

  constructor(
    private readonly every: number,
    private readonly resetMs: number,
    private readonly clock: ServerClock,
  ) {}

  take(): RateLimitDecision {
    this.seen += 1;
    const limited = this.seen % this.every === 0;
    return {
      allowed: !limited,
      remaining: limited ? 0 : this.every - 1 - (this.seen % this.every),
      resetAt: this.clock.now() + this.resetMs,
    };
  }
}

/**
 * Headers for a response under rate limiting; Retry-After is whole seconds, at least 1. `retryAfterScale`
 * multiplies only Retry-After (X-Ratelimit-Reset stays true): a gateway that asks for far too long a pause.
 */
export function rateLimitHeaders(d: RateLimitDecision, now: number, limited: boolean, retryAfterScale = 1): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Ratelimit-Global-Remaining': String(d.remaining),
    'X-Ratelimit-Reset': String(d.resetAt),
  };
  if (limited) headers['Retry-After'] = String(Math.max(1, Math.ceil((d.resetAt - now) / 1000)) * retryAfterScale);
  return headers;
}
