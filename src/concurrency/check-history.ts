/**
 * Checks a concurrent scenario's history for linearizability, token by token (P-compositionality: the tokens
 * are independent objects, so the history is linearizable exactly when each token's is). The answer is
 * linearizable; not linearizable, with a minimal witness; or unknown when the time or step limit is hit —
 * inconclusive, never a pass.
 */
import type { History, HistoryOperation } from './history';
import { searchLinearization, type SearchLimits } from './linearizability';
import { shrinkWitness, type Witness } from './shrink-witness';
import { initialState, TOKEN_MODEL } from './token-model';

export interface CheckOptions {
  /** The whole check (every token, and shrinking the witness) ends by then. */
  timeLimitMs: number;
  /** Events one token's search may visit. */
  maxSteps?: number;
}

export type CheckResult =
  | { verdict: 'linearizable'; tokens: number; operations: number; steps: number; elapsedMs: number }
  | { verdict: 'not-linearizable'; token: string; witness: Witness; steps: number; elapsedMs: number }
  | { verdict: 'unknown'; why: string; undecided: string[]; steps: number; elapsedMs: number };

const DEFAULT_MAX_STEPS = 50_000_000;

/** A read whose answer is unknown constrains nothing and changes nothing: it is left out of the search. */
function matters(op: HistoryOperation): boolean {
  return !(op.outcome.kind === 'unknown' && (op.call.op === 'get' || op.call.op === 'auth'));
}

/** One token's operations, in invocation order, as the search sees them. */
export function tokenOperations(history: History, token: string): HistoryOperation[] {
  return history.operations.filter((op) => op.token === token && matters(op));
}

export function checkHistory(history: History, options: CheckOptions): CheckResult {
  const started = performance.now();
  const limits: SearchLimits = { deadline: started + options.timeLimitMs, maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS };
  const elapsed = (): number => performance.now() - started;
  for (const op of history.operations) {
    if (!(op.token in history.tokens))
      throw new Error(`history: operation ${op.id} names token ${op.token}, which the history does not start with`);
  }
  const tokens = [...new Set(history.operations.map((op) => op.token))];
  const undecided: string[] = [];
  let steps = 0;
  let why = '';
  for (const token of tokens) {
    const initial = history.tokens[token];
    if (!initial) continue;
    const ops = tokenOperations(history, token);
    const result = searchLinearization(ops, initialState(initial), TOKEN_MODEL, limits);
    steps += result.steps;
    if (result.kind === 'unknown') {
      undecided.push(token);
      why = result.why === 'time' ? `the time limit (${options.timeLimitMs} ms) was hit` : `the step limit (${limits.maxSteps}) was hit`;
      // Another token may still be found not linearizable within the time left.
      continue;
    }
    if (result.kind === 'not-linearizable') {
      const witness = shrinkWitness(ops, initial, limits);
      return { verdict: 'not-linearizable', token, witness, steps, elapsedMs: elapsed() };
    }
  }
  if (undecided.length > 0) return { verdict: 'unknown', why, undecided, steps, elapsedMs: elapsed() };
  return { verdict: 'linearizable', tokens: tokens.length, operations: history.operations.length, steps, elapsedMs: elapsed() };
}
