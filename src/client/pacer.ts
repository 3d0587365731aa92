/**
 * Token-bucket pacing for outgoing requests (LD_MAX_RPS, already divided per worker process). `take()`
 * reserves a slot synchronously, so concurrent callers in one process queue up fairly without locks.
 */
export class TokenBucketPacer {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = 1,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`pacer rate must be positive, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new RangeError(`pacer burst must be at least 1, got ${burst}`);
    this.tokens = burst;
    this.last = now();
  }

  /** Waits until a request may go out; resolves with the milliseconds waited. */
  async take(): Promise<number> {
    const waitMs = this.reserve();
    if (waitMs > 0) await this.sleep(waitMs);
    return waitMs;
  }

  /** Takes one token now (possibly going into debt) and says how long the caller must wait for it. */
  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const processPacers = new Map<number, TokenBucketPacer>();

/**
 * The pacer of this process for a rate: one per process so every client in a worker shares the budget.
 * null rate = no pacing.
 */
export function getProcessPacer(ratePerSecond: number | null): TokenBucketPacer | null {
  if (ratePerSecond === null) return null;
  let pacer = processPacers.get(ratePerSecond);
  if (!pacer) {
    pacer = new TokenBucketPacer(ratePerSecond);
    processPacers.set(ratePerSecond, pacer);
  }
  return pacer;
}
