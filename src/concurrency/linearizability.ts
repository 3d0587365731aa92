/**
 * Wing & Gong's linearizability search with Lowe's just-in-time linearization and memoisation, as Porcupine
 * does it: walk the list of invocation and completion events; at an invocation, try to linearize that operation
 * now (the model accepts it from the current states), remembering (linearized set, states) pairs already seen;
 * at a completion whose operation is not yet linearized, undo the last choice. The model may be
 * nondeterministic: the search carries the set of states a correct server may be in (Porcupine's power-set
 * model), so every allowed answer is kept open until an operation rules it out.
 */

export interface SequentialModel<S, O> {
  /** Every state after `op` from `state`; empty when `op`'s recorded outcome is impossible there. */
  step(state: S, op: O): readonly S[];
  /** Equal keys mean equal futures: the search and its memo compare states by key. */
  key(state: S): string;
}

export interface TimedOperation {
  invokedAt: number;
  /** Infinity: the operation may take effect at any time after its invocation. */
  completedAt: number;
}

export interface SearchLimits {
  /** performance.now() after which the search gives up (unknown, never a pass). */
  deadline: number;
  /** Events visited before the search gives up. */
  maxSteps: number;
}

export type SearchResult =
  | { kind: 'linearizable'; order: number[]; steps: number }
  | { kind: 'not-linearizable'; steps: number }
  | { kind: 'unknown'; why: 'time' | 'steps'; steps: number };

/** A fixed pseudo-random word per operation: the linearized set's hash is their XOR, updated in O(1). */
function hashWords(count: number, seed: number): Uint32Array {
  const words = new Uint32Array(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return words;
}

/** Orders `ops` (indices into the given array) so the model accepts them and real-time order is kept, or says none exists. */
export function searchLinearization<S, O extends TimedOperation>(
  ops: readonly O[],
  initial: S,
  model: SequentialModel<S, O>,
  limits: SearchLimits,
): SearchResult {
  const n = ops.length;
  // Interned states: a state set is a sorted list of ids, and each (state, op) step is computed once.
  const states: S[] = [];
  const ids = new Map<string, number>();
  const intern = (state: S): number => {
    const key = model.key(state);
    let id = ids.get(key);
    if (id === undefined) {
      id = states.length;
      states.push(state);
      ids.set(key, id);
    }
    return id;
  };
  const stepMemo = new Map<number, number[]>();
  const stepSet = (set: readonly number[], op: number): number[] => {
    const next = new Set<number>();
    for (const id of set) {
      const memoKey = id * n + op;
      let targets = stepMemo.get(memoKey);
      if (targets === undefined) {
        targets = model.step(states[id] as S, ops[op] as O).map(intern);
        stepMemo.set(memoKey, targets);
      }
      for (const target of targets) next.add(target);
    }
    return [...next].sort((a, b) => a - b);
  };

  // Events: node 2i is op i's invocation, 2i+1 its completion; HEAD and TAIL are sentinels of a doubly linked list.
  const HEAD = 2 * n;
  const TAIL = 2 * n + 1;
  const time = (node: number): number => (node % 2 === 0 ? (ops[node >> 1] as O).invokedAt : (ops[node >> 1] as O).completedAt);
  // At equal times invocations come first: operations that touch are taken as overlapping (never a false alarm).
  const order = Array.from({ length: 2 * n }, (_, i) => i).sort((a, b) => time(a) - time(b) || (a % 2) - (b % 2) || a - b);
  const next = new Int32Array(2 * n + 2);
  const prev = new Int32Array(2 * n + 2);
  let last = HEAD;
  for (const node of order) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  next[last] = TAIL;
  prev[TAIL] = last;
  const unlink = (x: number): void => {
    next[prev[x] as number] = next[x] as number;
    prev[next[x] as number] = prev[x] as number;
  };
  const relink = (x: number): void => {
    next[prev[x] as number] = x;
    prev[next[x] as number] = x;
  };

  const words = hashWords(n, 0x9e3779b9);
  const words2 = hashWords(n, 0x85ebca6b);
  const linearized = new Uint32Array(Math.ceil(n / 32) || 1);
  let h1 = 0;
  let h2 = 0;
  const flip = (op: number): void => {
    linearized[op >> 5] = (linearized[op >> 5] as number) ^ (1 << (op & 31));
    h1 ^= words[op] as number;
    h2 ^= words2[op] as number;
  };
  // Memo of visited (linearized set, state set): the hashes pick a bucket, the bitsets are compared exactly.
  const seen = new Map<string, Uint32Array[]>();
  const visit = (set: readonly number[]): boolean => {
    const key = `${h1}:${h2}:${set.join(',')}`;
    const bucket = seen.get(key);
    if (bucket?.some((bits) => bits.every((word, i) => word === linearized[i]))) return false;
    if (bucket) bucket.push(linearized.slice());
    else seen.set(key, [linearized.slice()]);
    return true;
  };

  let current: number[] = [intern(initial)];
  const stack: { node: number; set: number[] }[] = [];
  let node = next[HEAD] as number;
  let steps = 0;
  while (next[HEAD] !== TAIL) {
    steps++;
    if (steps > limits.maxSteps) return { kind: 'unknown', why: 'steps', steps };
    if ((steps & 255) === 0 && performance.now() > limits.deadline) return { kind: 'unknown', why: 'time', steps };
    if (node % 2 === 0) {
      const op = node >> 1;
      const after = stepSet(current, op);
      if (after.length > 0) {
        flip(op);
        if (visit(after)) {
          stack.push({ node, set: current });
          current = after;
          unlink(node);
          unlink(node + 1);
          node = next[HEAD] as number;
          continue;
        }
        flip(op);
      }
      node = next[node] as number;
    } else {
      // A completion whose operation is not linearized: nothing can be linearized before it; undo the last choice.
      const top = stack.pop();
      if (!top) return { kind: 'not-linearizable', steps };
      current = top.set;
      flip(top.node >> 1);
      relink(top.node + 1);
      relink(top.node);
      node = next[top.node] as number;
    }
  }
  return { kind: 'linearizable', order: stack.map((entry) => entry.node >> 1), steps };
}
