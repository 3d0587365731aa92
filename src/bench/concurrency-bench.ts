/**
 * The linearizability checker's cost (issue 27.6): histories of 100 / 1,000 / 10,000 requests over 1, 10 and 100
 * tokens from 4–16 clients, 5 % of answers lost, simulated with real overlap (simulated-history.ts). Each row checks
 * a linearizable history (it must be found linearizable) and the same one with an injected lost update (it must not
 * be); a check that hits its time limit says unknown, and the row says so.
 */
import { checkHistory, type CheckResult } from '../concurrency/check-history';
import { simulateHistory } from './simulated-history';
import { median } from './stats';

export interface ConcurrencyRow {
  operations: number;
  tokens: number;
  clients: number;
  /** Median check time of the linearizable history, and its verdict (the last run's). */
  linearizableMs: number;
  linearizableVerdict: CheckResult['verdict'];
  /** The same history with a lost update injected: median check time (shrinking the witness included), verdict, witness size. */
  lostUpdateMs: number;
  lostUpdateVerdict: CheckResult['verdict'];
  witnessSteps: number | null;
}

export interface ConcurrencyBenchResult {
  unknownRate: number;
  timeLimitMs: number;
  runs: number;
  rows: ConcurrencyRow[];
}

export const TARGET_SHAPE = { operations: 1000, tokens: 10, clients: 8 } as const;
const UNKNOWN_RATE = 0.05;

/** The configurations: the full grid at 8 clients, and 4 and 16 clients at the target's size. --quick: up to 1,000 requests. */
export function concurrencyShapes(quick: boolean): { operations: number; tokens: number; clients: number }[] {
  const sizes = quick ? [100, 1000] : [100, 1000, 10_000];
  // 100 requests over 100 tokens leave about one request per token: no lost update there could be seen by a later answer.
  const grid = sizes.flatMap((operations) =>
    [1, 10, 100].filter((tokens) => operations / tokens >= 10).map((tokens) => ({ operations, tokens, clients: 8 })),
  );
  return [...grid, { ...TARGET_SHAPE, clients: 4 }, { ...TARGET_SHAPE, clients: 16 }];
}

export function benchConcurrency(options: {
  quick: boolean;
  runs: number;
  step: (message: string) => void;
  signal: AbortSignal;
}): ConcurrencyBenchResult {
  const timeLimitMs = options.quick ? 10_000 : 30_000;
  const rows: ConcurrencyRow[] = [];
  for (const shape of concurrencyShapes(options.quick)) {
    if (options.signal.aborted) break;
    const times = { linearizable: [] as number[], lostUpdate: [] as number[] };
    let linearizable: CheckResult | null = null;
    let lostUpdate: CheckResult | null = null;
    for (let run = 0; run < options.runs; run++) {
      const seed = 1000 + run;
      const history = simulateHistory({ ...shape, unknownRate: UNKNOWN_RATE, seed });
      linearizable = checkHistory(history, { timeLimitMs });
      times.linearizable.push(linearizable.elapsedMs);
      lostUpdate = checkHistory(simulateHistory({ ...shape, unknownRate: UNKNOWN_RATE, seed, loseUpdate: true }), { timeLimitMs });
      times.lostUpdate.push(lostUpdate.elapsedMs);
    }
    if (!linearizable || !lostUpdate) break;
    const row: ConcurrencyRow = {
      ...shape,
      linearizableMs: median(times.linearizable),
      linearizableVerdict: linearizable.verdict,
      lostUpdateMs: median(times.lostUpdate),
      lostUpdateVerdict: lostUpdate.verdict,
      witnessSteps: lostUpdate.verdict === 'not-linearizable' ? lostUpdate.witness.steps.length : null,
    };
    rows.push(row);
    options.step(
      `concurrency: ${shape.operations} requests, ${shape.tokens} token(s), ${shape.clients} clients: ${row.linearizableVerdict} in ${row.linearizableMs.toFixed(0)} ms; with a lost update ${row.lostUpdateVerdict} in ${row.lostUpdateMs.toFixed(0)} ms`,
    );
  }
  return { unknownRate: UNKNOWN_RATE, timeLimitMs, runs: options.runs, rows };
}
