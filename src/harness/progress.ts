/**
 * Where a long command is: `[k/N] <what finished>  (elapsed 3m05s, ~4m10s left)` once per finished
 * step. Plain lines on every stream — they read the same in a terminal and in a CI log. The estimate
 * is elapsed / k × (N − k): with steps running in parallel it already accounts for the concurrency.
 */
export interface ProgressOptions {
  write?: (line: string) => void;
  now?: () => number;
}

export class Progress {
  private done = 0;
  private readonly started: number;
  private readonly write: (line: string) => void;
  private readonly now: () => number;

  constructor(
    private readonly total: number,
    opts: ProgressOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.write = opts.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.started = this.now();
  }

  /** One step finished: prints its line and returns it. */
  step(message: string): string {
    this.done = Math.min(this.done + 1, this.total);
    const line = `[${this.done}/${this.total}] ${message}  (${this.timing()})`;
    this.write(line);
    return line;
  }

  private timing(): string {
    const elapsed = this.now() - this.started;
    const left = estimateRemainingMs(elapsed, this.done, this.total);
    return `elapsed ${formatDuration(elapsed)}${left === null ? '' : left === 0 ? ', done' : `, ~${formatDuration(left)} left`}`;
  }
}

/** Null before the first step (nothing to extrapolate from). */
export function estimateRemainingMs(elapsedMs: number, done: number, total: number): number | null {
  if (done <= 0) return null;
  return Math.round((elapsedMs / done) * Math.max(0, total - done));
}

/** 870 ms → `0.9s`, 65 s → `1m05s`, 2 h 3 min → `2h03m`. */
export function formatDuration(ms: number): string {
  const exact = Math.max(0, ms) / 1000;
  if (exact < 9.95) return `${exact.toFixed(1)}s`;
  const seconds = Math.round(exact);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
