/**
 * Checks a concurrent scenario's history for linearizability, token by token (P-compositionality: the tokens
 * are independent objects, so the history is linearizable exactly when each token's is). The answer is
 * linearizable; not linearizable, with a minimal witness; or unknown when the time or step limit is hit —
 * inconclusive, never a pass.
 */
import type { History, HistoryOperation } from './history';
import { searchLinearization, type SearchLimits } from './linearizability';
import { shrinkWitness, type Witness } from './shrink-witness';
import { LONG_STRING } from '../explore/token-projection';
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

/** A read whose answer is unknown constrains nothing and changes nothing. */
function unknownRead(op: HistoryOperation): boolean {
  return op.outcome.kind === 'unknown' && (op.call.op === 'get' || op.call.op === 'auth');
}

type Replace = { op: 'replace'; path: string; value: unknown };
const DROPPABLE_FIELDS = ['name', 'description'];
const isReplaceOf = (o: unknown, field: string): o is Replace =>
  typeof o === 'object' && o !== null && (o as Replace).op === 'replace' && (o as Replace).path === `/${field}`;
const touches = (o: unknown, field: string): boolean =>
  typeof o === 'object' &&
  o !== null &&
  [(o as Replace).path, (o as { from?: unknown }).from].some(
    (p) => typeof p === 'string' && (p === `/${field}` || p.startsWith(`/${field}/`)),
  );

/**
 * An unknown patch that only replaces name or description with a short value no answer ever shows, where every
 * other request touching those fields only replaces them too, can be left out: taken last (an unknown outcome may
 * take effect at any time after its invocation) it changes nothing any answer shows, and nothing between it and
 * the next replace of the field could tell its value from the old one (no answer shows it, no `test` reads it, and
 * a short value opens no refusal). So the history is linearizable with it exactly when it is without it — and the
 * search, for which an unknown outcome overlaps everything after it, gets much smaller.
 */
function unobservable(op: HistoryOperation, ops: readonly HistoryOperation[], shown: readonly Record<string, unknown>[]): boolean {
  if (op.outcome.kind !== 'unknown' || op.call.op !== 'patch' || !Array.isArray(op.call.body) || op.call.body.length === 0) return false;
  return op.call.body.every((o: unknown) => {
    const field = DROPPABLE_FIELDS.find((f) => isReplaceOf(o, f));
    if (field === undefined) return false;
    const value = (o as Replace).value;
    if (typeof value !== 'string' || value.length > LONG_STRING) return false;
    if (shown.some((doc) => doc[field] === value)) return false;
    return ops.every(
      (other) =>
        other.call.op !== 'patch' ||
        (Array.isArray(other.call.body) && other.call.body.every((p: unknown) => !touches(p, field) || isReplaceOf(p, field))),
    );
  });
}

/** One token's operations, in invocation order, as the search sees them: those whose outcome could matter. */
export function tokenOperations(history: History, token: string): HistoryOperation[] {
  const ops = history.operations.filter((op) => op.token === token && !unknownRead(op));
  const initial = history.tokens[token]?.doc;
  const shown = [
    ...(initial ? [initial] : []),
    ...ops.flatMap((op) => (op.outcome.kind === 'ok' && op.outcome.doc ? [op.outcome.doc] : [])),
  ];
  return ops.filter((op) => !unobservable(op, ops, shown));
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
