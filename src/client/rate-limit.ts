import { RATE_LIMIT_ROUNDING_MS, RATE_LIMIT_WINDOW_MS } from '../contract/checks';
import type { OperationId } from '../domain/operations';

/** One pause the client took before repeating a request; the fixtures put these in the report. */
export interface RateLimitWait {
  operationId: OperationId;
  /** 1 for the pause after the first response, 2 after the second, … */
  attempt: number;
  /** Why: a 429, a 502/503/504 from a remote target, or a network error on a read. */
  /** `slowing`: a remaining count of 0 on an ordinary response, before any 429 (computeProactiveWait). */
  reason: 'rate-limited' | 'unavailable' | 'network-error' | 'slowing';
  /** Status of the response that caused the pause; null for a network error. */
  status: number | null;
  /** Where the length came from. */
  source: 'retry-after' | 'x-ratelimit-reset' | 'default' | 'backoff';
  waitMs: number;
  /** Client clock when the pause started (epoch ms), only for ordering in reports. */
  startedAt: number;
}

export interface WaitDecision {
  /** Pause before retrying, jitter included, never negative. */
  waitMs: number;
  source: RateLimitWait['source'];
}

export interface ComputeWaitOptions {
  /** Client clock (epoch ms), used only when the response has no Date header. */
  clientNow: number;
  /** 1-based number of this 429 for the request; drives the default backoff. */
  attempt: number;
  /** [0, 1) source for the jitter; injectable for tests. */
  random?: () => number;
}

/**
 * Longest X-Ratelimit-Reset wait believed when the response has no Date header to read it against:
 * LaunchDarkly's limits are per 10 s window, so a reset further away than this is clock skew, not a limit.
 */
export const MAX_UNANCHORED_RESET_WAIT_MS = 60_000;

/** Base pause when a 429 says nothing about when to come back: 1 s, 2 s, 4 s … capped at 30 s. */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * How long to wait after a 429 (rule A5). `Retry-After` is seconds (or an HTTP date); `X-Ratelimit-Reset`
 * is epoch ms of the SERVER's clock, so it is measured against the response's `Date` header when there is
 * one (staging clocks drift from CI clocks). When both are present the later one wins, unless they disagree by more
 * than a window (disagreeingReset). Jitter (up to 10 %
 * + 100 ms) keeps workers that were limited together from coming back together.
 */
export function computeRateLimitWait(headers: Record<string, string>, options: ComputeWaitOptions): WaitDecision {
  const random = options.random ?? Math.random;
  const serverNow = parseHttpDate(headers['date']) ?? options.clientNow;
  const candidates: WaitDecision[] = [];

  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) {
      candidates.push({ waitMs: Number(retryAfter) * 1000, source: 'retry-after' });
    } else {
      const at = parseHttpDate(retryAfter);
      if (at !== null) candidates.push({ waitMs: at - serverNow, source: 'retry-after' });
    }
  }
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) {
    const waitMs = Number(reset) - serverNow;
    // Without a Date header the reset (server clock) can only be compared with this machine's clock. A
    // skewed server then asks for minutes — or for nothing at all. Trust it only inside a rate-limit window's
    // plausible span; otherwise fall back to the default backoff rather than blow the wait budget.
    const anchored = headers['date'] !== undefined && parseHttpDate(headers['date']) !== null;
    if (anchored || (waitMs > 0 && waitMs <= MAX_UNANCHORED_RESET_WAIT_MS)) {
      candidates.push({ waitMs, source: 'x-ratelimit-reset' });
    }
  }

  const chosen = disagreeingReset(candidates) ??
    candidates.reduce<WaitDecision | undefined>((best, c) => (best === undefined || c.waitMs > best.waitMs ? c : best), undefined) ?? {
      waitMs: defaultBackoffMs(options.attempt),
      source: 'default' as const,
    };
  const base = Math.max(0, chosen.waitMs);
  const jitter = Math.round(random() * (100 + base * 0.1));
  return { waitMs: Math.ceil(base) + jitter, source: chosen.source };
}

/**
 * A Retry-After and an X-Ratelimit-Reset more than one ten-second window apart are two promises, not one (rule A12:
 * the contract check reports it): the client then waits for the reset, which LaunchDarkly's own clients read (the
 * Terraform provider and ldcli read nothing else), instead of the longer of the two — a gateway's 1000 s Retry-After
 * beside a 1 s reset must not become a 1000 s wait. Null when they agree or one is missing.
 */
function disagreeingReset(candidates: WaitDecision[]): WaitDecision | null {
  const retryAfter = candidates.find((c) => c.source === 'retry-after');
  const reset = candidates.find((c) => c.source === 'x-ratelimit-reset');
  if (retryAfter === undefined || reset === undefined) return null;
  return Math.abs(retryAfter.waitMs - reset.waitMs) > RATE_LIMIT_WINDOW_MS + RATE_LIMIT_ROUNDING_MS ? reset : null;
}

/** The pause when a remaining count is 0 but no usable reset says until when (find-code-references' 1–2 s fallback). */
export const PROACTIVE_FALLBACK_MS = 1_000;

/**
 * Slowing before a 429 (issue 25.5), as find-code-references-in-pull-request's `proactiveWait` does
 * (`internal/ldclient/retry.go`): on an ordinary response whose `X-Ratelimit-Global-Remaining` or
 * `X-Ratelimit-Route-Remaining` is 0, wait until `X-Ratelimit-Reset` (read against the response's Date, like a
 * 429's); a reset already passed asks for no wait, and a 0 without a usable reset for PROACTIVE_FALLBACK_MS. At most
 * one ten-second window ("per ten seconds"): a reset further away is not the current window's end. The caller caps
 * the pause by the test's rate-limit wait budget. 0 = go on at once.
 */
export function computeProactiveWait(headers: Record<string, string>, options: { clientNow: number }): number {
  const exhausted = ['x-ratelimit-global-remaining', 'x-ratelimit-route-remaining'].some((name) => headers[name]?.trim() === '0');
  if (!exhausted) return 0;
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset === undefined || !/^\d+$/.test(reset)) return PROACTIVE_FALLBACK_MS;
  const serverNow = parseHttpDate(headers['date']);
  const waitMs = Number(reset) - (serverNow ?? options.clientNow);
  // Without a Date the reset (server clock) meets this machine's clock: believe it only inside one window.
  if (serverNow === null && waitMs > RATE_LIMIT_WINDOW_MS) return PROACTIVE_FALLBACK_MS;
  return Math.min(Math.max(0, waitMs), RATE_LIMIT_WINDOW_MS);
}

/** Epoch ms of an HTTP date (e.g. a `Date` header), or null when absent or unparseable. */
export function parseHttpDate(text: string | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Each request a test sends adds this share of LD_RATE_LIMIT_BUDGET_MS to its 429 wait allowance (1 / 100 = 1 %). */
export const WAIT_GROWTH_REQUESTS = 100;
/** No test's allowance grows past this many times LD_RATE_LIMIT_BUDGET_MS: one test cannot wait forever. */
export const WAIT_CAP_FACTOR = 10;

/**
 * What one test may spend waiting on 429s: it scales with what the test sends, so a long test (explore's
 * hundreds of requests) meets a rate limit as often as it sends, and waits in proportion, instead of spending
 * a fixed allowance sized for an example test. With B = LD_RATE_LIMIT_BUDGET_MS and n = requests the test has
 * sent so far (repeats after a 429 not counted):
 *
 *   allowance(n) = min(B × (1 + n / 100), 10 × B)        (B = 30 s: 30.3 s after 1 request, 75 s after 150,
 *                                                          capped at 300 s from 900 requests on)
 *
 * B = 0 still means "never wait". Shared by a client and the clients derived from it with `withToken`, so
 * switching tokens does not reset it.
 */
export class WaitBudget {
  private spent = 0;
  private sent = 0;
  constructor(readonly baseMs: number) {}

  /** One more request sent (not a repeat after a 429): the allowance grows by baseMs / WAIT_GROWTH_REQUESTS. */
  noteRequest(): void {
    this.sent++;
  }

  get requestsSent(): number {
    return this.sent;
  }

  /** The allowance for the requests sent so far (the formula above). */
  get totalMs(): number {
    return Math.min(this.baseMs * (1 + this.sent / WAIT_GROWTH_REQUESTS), this.baseMs * WAIT_CAP_FACTOR);
  }

  get spentMs(): number {
    return this.spent;
  }

  get remainingMs(): number {
    return Math.max(0, this.totalMs - this.spent);
  }

  /** Takes `ms` from the budget when it fits; false (and nothing taken) when it does not. */
  tryTake(ms: number): boolean {
    if (this.spent + ms > this.totalMs) return false;
    this.spent += ms;
    return true;
  }
}
