/** The test's 429 waiting so far and its allowance now (src/client/rate-limit.ts WaitBudget). */
export interface RateLimitWaits {
  spentMs: number;
  allowanceMs: number;
}

/**
 * Explore's share of the test's 429 wait allowance: it stops generating once it has waited this much of it,
 * so the rest stays for deleting the tokens of the sequence it was in (H1) without the client giving up.
 */
export const EXPLORE_WAIT_SHARE = 0.8;

/**
 * Explore's request budget (LD_EXPLORE_REQUESTS). Exploration stops asking for new requests once it is
 * spent; shrinking a failure gets its own allowance, because a failure is where requests are worth
 * spending; clean-up is counted but never refused (H1). An environment failure (network) stops everything:
 * it is not the server's fault and must not be shrunk as if it were. Rate limits stop it too, but softly:
 * once its share of the test's 429 wait allowance is spent (or the client gave up on a 429) explore stops
 * generating and reports how far it got as inconclusive, never as a failure (issue 23). So does a confirmed
 * hang (A7), as a failure: it stands as met, unshrunk, since every shrinking attempt that reached the hung
 * operation again would only be blocked (src/client/a7-blocks.ts) or, without the block, wait a request timeout.
 */
export class ExploreBudget {
  private explored = 0;
  private shrinking = 0;
  private cleanup = 0;
  private phase: 'explore' | 'shrink' = 'explore';
  private environmentError: Error | null = null;
  private rateLimitStop: string | null = null;
  private hang: Error | null = null;

  constructor(
    readonly requests: number,
    readonly shrinkRequests: number,
    /** The test's 429 waiting; absent: no share to keep (a script without a rate-limited target). */
    private readonly waits: () => RateLimitWaits | null = () => null,
  ) {}

  /** Whether a command may send one more request. */
  canSpend(requests = 1): boolean {
    if (this.environmentError || this.hang || this.rateLimitStop !== null) return false;
    const waits = this.waits();
    if (waits && waits.spentMs > 0 && waits.spentMs >= EXPLORE_WAIT_SHARE * waits.allowanceMs) {
      this.rateLimitStop = `its share of the 429 wait allowance is spent (waited ${Math.round(waits.spentMs)} ms of ${Math.round(waits.allowanceMs)} ms)`;
      return false;
    }
    return this.phase === 'explore' ? this.explored + requests <= this.requests : this.shrinking + requests <= this.shrinkRequests;
  }

  spend(): void {
    if (this.phase === 'explore') this.explored++;
    else this.shrinking++;
  }

  spendForCleanup(): void {
    this.cleanup++;
  }

  /** The first failure was seen: from now on requests come out of the shrinking allowance. */
  startShrinking(): void {
    this.phase = 'shrink';
  }

  isShrinking(): boolean {
    return this.phase === 'shrink';
  }

  /** The client gave up on a 429 (RateLimitedError): stop generating, softly. */
  stopRateLimited(error: Error): void {
    this.rateLimitStop ??= error.message.split('\n')[0] ?? 'rate limited';
  }

  /** Why rate limits stopped explore, or null when they did not. */
  rateLimited(): string | null {
    return this.rateLimitStop;
  }

  abort(error: Error): void {
    this.environmentError ??= error;
  }

  aborted(): Error | null {
    return this.environmentError;
  }

  /** A confirmed hang: nothing more is sent (clean-up aside), and the failure is not shrunk. */
  stopAtHang(error: Error): void {
    this.hang ??= error;
  }

  stoppedAtHang(): Error | null {
    return this.hang;
  }

  totals(): { explored: number; shrinking: number; cleanup: number } {
    return { explored: this.explored, shrinking: this.shrinking, cleanup: this.cleanup };
  }
}
