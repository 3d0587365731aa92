/**
 * The minimal witness of a non-linearizable token history: the fewest operations with a definite outcome that
 * cannot be put in any order. An operation is dropped when the rest still cannot be ordered without it; a write
 * that took effect is not dropped but made unknown (it may have taken effect, at any time after its invocation),
 * because a later read may show its value — dropping it outright would leave a "witness" that is only a read
 * of a value nobody wrote. Shrinking shares the check's deadline. Those writes stay beside the witness as context, unless the witness needs none of them.
 */
import type { HistoryOperation, InitialToken } from './history';
import { searchLinearization, type SearchLimits } from './linearizability';
import { initialState, TOKEN_MODEL } from './token-model';

export interface Witness {
  initial: InitialToken;
  /** Operations with a definite outcome that cannot all be ordered; weakening any one of them makes an order possible. */
  steps: HistoryOperation[];
  /** Writes whose outcome is taken as unknown: they may have taken effect (some are needed to explain a value read). */
  context: HistoryOperation[];
  /** False when the time limit stopped the shrinking: fewer operations may still be a witness. */
  minimal: boolean;
  /** How many operations the token's history had. */
  historySize: number;
}

const WRITES = new Set(['patch', 'reset', 'delete']);

/**
 * The operation made as weak as it can be: a write that took effect becomes one that may or may not have taken
 * effect — within its own interval still, which keeps the search small (an unknown without end overlaps everything
 * after it) and the witness sound (the history as recorded is one of the histories this allows); anything else is
 * dropped (null).
 */
function weaken(op: HistoryOperation): HistoryOperation | null {
  if (op.outcome.kind !== 'ok' || !WRITES.has(op.call.op)) return null;
  const secret = op.outcome.secret;
  return { ...op, outcome: { kind: 'unknown', why: 'taken as unknown while shrinking', ...(secret ? { secret } : {}) } };
}

export function shrinkWitness(ops: readonly HistoryOperation[], initial: InitialToken, limits: SearchLimits): Witness {
  let timedOut = false;
  // True when no order exists; a search that hits the limit counts as "an order may exist", so nothing is dropped on a guess.
  const cannotOrder = (candidate: readonly HistoryOperation[]): boolean => {
    if (timedOut) return false;
    const result = searchLinearization(candidate, initialState(initial), TOKEN_MODEL, limits);
    if (result.kind === 'unknown') timedOut = true;
    return result.kind === 'not-linearizable';
  };
  const replace = (list: readonly HistoryOperation[], index: number, op: HistoryOperation | null): HistoryOperation[] =>
    op === null ? [...list.slice(0, index), ...list.slice(index + 1)] : [...list.slice(0, index), op, ...list.slice(index + 1)];
  const definite = (op: HistoryOperation): boolean => op.outcome.kind !== 'unknown';

  // First the shortest prefix (in invocation order) that still cannot be ordered, found by bisection: later requests
  // rarely matter, and each search below is then over far fewer operations. A prefix is only taken once checked.
  let low = 1;
  let high = ops.length;
  while (low < high && !timedOut) {
    const middle = Math.floor((low + high) / 2);
    if (cannotOrder(ops.slice(0, middle))) high = middle;
    else low = middle + 1;
  }
  let current = timedOut ? [...ops] : ops.slice(0, high);
  // Weaken definite operations one at a time while the rest still cannot be ordered, until none can be.
  for (let changed = true; changed && !timedOut;) {
    changed = false;
    for (let i = current.length - 1; i >= 0 && !timedOut; i--) {
      const op = current[i] as HistoryOperation;
      if (!definite(op)) continue;
      const candidate = replace(current, i, weaken(op));
      if (cannotOrder(candidate)) {
        current = candidate;
        changed = true;
      }
    }
  }
  // Drop context (unknown writes) the witness does not need: the rest still cannot be ordered, and every definite
  // operation still matters (weakening it allows an order) — else a dropped write would leave a read nobody explains.
  for (let i = current.length - 1; i >= 0 && !timedOut; i--) {
    if (definite(current[i] as HistoryOperation)) continue;
    const candidate = replace(current, i, null);
    if (!cannotOrder(candidate)) continue;
    const essential = candidate.every((op, j) => !definite(op) || !cannotOrder(replace(candidate, j, weaken(op))));
    if (essential && !timedOut) current = candidate;
  }
  const byId = new Map(ops.map((op) => [op.id, op]));
  return {
    initial,
    steps: current.filter(definite),
    context: current.filter((op) => !definite(op)).map((op) => byId.get(op.id) ?? op),
    minimal: !timedOut,
    historySize: ops.length,
  };
}
