/**
 * A fixed-window limit over all API requests. A 429 says when to come back with `Retry-After` (whole
 * seconds) ONLY — no X-Ratelimit-Reset — so a client that relies on the reset header is caught.
 */
export interface RateLimitOptions {
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /** null when the request may proceed, else seconds to wait. `method` only feeds the counts. */
  take(method: string): number | null;
  readonly limited: number;
  readonly requests: number;
  /** Requests per HTTP method, 429s included. */
  readonly byMethod: Readonly<Record<string, number>>;
}

export function createRateLimiter(options: RateLimitOptions | undefined): RateLimiter {
  let windowStart = Date.now();
  let count = 0;
  let limited = 0;
  let requests = 0;
  const byMethod: Record<string, number> = {};
  return {
    byMethod,
    get limited() {
      return limited;
    },
    get requests() {
      return requests;
    },
    take(method: string): number | null {
      requests += 1;
      byMethod[method] = (byMethod[method] ?? 0) + 1;
      if (!options) return null;
      const now = Date.now();
      if (now - windowStart >= options.windowMs) {
        windowStart = now;
        count = 0;
      }
      count += 1;
      if (count <= options.max) return null;
      limited += 1;
      return Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000));
    },
  };
}
