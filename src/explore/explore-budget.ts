/**
 * Explore's request budget (LD_EXPLORE_REQUESTS). Exploration stops asking for new requests once it is
 * spent; shrinking a failure gets its own allowance, because a failure is where requests are worth
 * spending; clean-up is counted but never refused (H1). An environment failure (rate-limit budget spent,
 * network) stops everything: it is not the server's fault and must not be shrunk as if it were.
 */
export class ExploreBudget {
  private explored = 0;
  private shrinking = 0;
  private cleanup = 0;
  private phase: 'explore' | 'shrink' = 'explore';
  private environmentError: Error | null = null;

  constructor(
    readonly requests: number,
    readonly shrinkRequests: number,
  ) {}

  /** Whether a command may send one more request. */
  canSpend(requests = 1): boolean {
    if (this.environmentError) return false;
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

  abort(error: Error): void {
    this.environmentError ??= error;
  }

  aborted(): Error | null {
    return this.environmentError;
  }

  totals(): { explored: number; shrinking: number; cleanup: number } {
    return { explored: this.explored, shrinking: this.shrinking, cleanup: this.cleanup };
  }
}
