import type { FaultId } from './faults';
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
      // Others' load, not ours: the count never shows 0 before the 429 (a client slowing on 0 could not see it coming).
      remaining: limited ? 0 : this.every - (this.seen % this.every),
      resetAt: this.clock.now() + this.resetMs,
    };
  }
}

/**
 * What the server reports when no limit is configured: LaunchDarkly's "Calls to our APIs include headers indicating
 * the current rate limit status" (rule A12), over a ten-second window no run comes near, so the headers are always
 * there to be judged and never refuse a request.
 */
export const REPORTING_WINDOW = { max: 1_000_000, windowMs: 10_000 } as const;

/**
 * Headers for a response under rate limiting; Retry-After is whole seconds, at least 1. `retryAfterScale` > 1 is a
 * gateway that asks for far too long a pause: its 429 carries that Retry-After alone (beside the true
 * X-Ratelimit-Reset the two would disagree, which is A12's contract failure, not a long wait).
 */
export function rateLimitHeaders(d: RateLimitDecision, now: number, limited: boolean, retryAfterScale = 1): Record<string, string> {
  const headers: Record<string, string> = { 'X-Ratelimit-Global-Remaining': String(d.remaining) };
  if (!limited || retryAfterScale === 1) headers['X-Ratelimit-Reset'] = String(d.resetAt);
  if (limited) headers['Retry-After'] = String(Math.max(1, Math.ceil((d.resetAt - now) / 1000)) * retryAfterScale);
  return headers;
}

/** The A12 faults, applied to an ordinary response's rate-limit headers (grep the fault ids). */
export function breakRateLimitHeaders(headers: Record<string, string>, hasFault: (id: FaultId) => boolean): Record<string, string> {
  const broken = { ...headers };
  const reset = broken['X-Ratelimit-Reset'];
  if (hasFault('rate-limit-reset-seconds') && reset !== undefined) broken['X-Ratelimit-Reset'] = String(Math.floor(Number(reset) / 1000));
  if (hasFault('rate-limit-remaining-negative')) broken['X-Ratelimit-Global-Remaining'] = '-1';
  return broken;
}

/**
 * The fault rate-limit-retry-after-disagrees: a 429's two promises of when to retry, a minute apart — X-Ratelimit-Reset
 * one second ahead, Retry-After 60 seconds.
 */
export function disagreeingRateLimitHeaders(now: number): Record<string, string> {
  return { 'X-Ratelimit-Global-Remaining': '0', 'X-Ratelimit-Reset': String(now + 1_000), 'Retry-After': '60' };
}
