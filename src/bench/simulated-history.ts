/**
 * Histories for the checker's benchmark, from a simulated linearizable execution: each client sends one request
 * at a time to a random token, each request takes effect at a random instant within its own interval, and the
 * outcomes are what explore's model of one token gives when the requests take effect in that order — so the
 * requests really overlap and the history is linearizable by construction. A share of the answers is lost
 * (unknown: it took effect or not, at random). With `loseUpdate`, one acknowledged patch is never applied: the
 * reads after it show the token without it, which no order explains.
 */
import type { History, HistoryOperation, Outcome, TokenCall } from '../concurrency/history';
import { initialState, stepToken, type TokenState } from '../concurrency/token-model';
import { predictPatch } from '../explore/patch-prediction';

export interface SimulationOptions {
  operations: number;
  tokens: number;
  clients: number;
  /** Share of requests whose answer is lost (0.05: 5 %). */
  unknownRate: number;
  seed: number;
  loseUpdate?: boolean;
}

/** mulberry32: a small seeded generator, so a bench row is the same history every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES = ['reader', 'writer', 'admin'] as const;

function startingDoc(token: string): Record<string, unknown> {
  return {
    _id: `id-${token}`,
    ownerId: 'owner',
    memberId: 'member',
    creationDate: 1,
    name: `ldct-bench-${token}`,
    description: 'start',
    role: 'reader',
    customRoleIds: [],
    inlineRole: [],
    serviceToken: false,
    defaultApiVersion: 20240415,
  };
}

interface Planned {
  client: number;
  token: string;
  call: TokenCall;
  invokedAt: number;
  takesEffectAt: number;
  completedAt: number;
  lost: boolean;
}

export function simulateHistory(options: SimulationOptions): History {
  if (!options.loseUpdate) return simulate(options, 0).history;
  // The lost update is injected at the first eligible patch that a later answer shows lost (a read sent after it was
  // answered, before the name was written again); the same seed always gives the same history.
  for (let skip = 0; skip < 50; skip++) {
    const { history, shown } = simulate(options, skip);
    if (shown) return history;
  }
  throw new Error(`simulated history: no lost update a later answer shows, for seed ${options.seed}`);
}

function simulate(options: SimulationOptions, skip: number): { history: History; shown: boolean } {
  const rand = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const tokenIds = Array.from({ length: options.tokens }, (_, i) => `t${i + 1}`);
  const issued = new Map<string, string[]>(tokenIds.map((t) => [t, [`${t} secret 1`]]));
  // Plan the requests: each client sends its next one shortly after its previous one was answered.
  const free = Array.from({ length: options.clients }, () => rand() * 2);
  const planned: Planned[] = [];
  for (let i = 0; i < options.operations; i++) {
    const client = free.indexOf(Math.min(...free));
    const invokedAt = free[client] as number;
    const duration = 1 + rand() * 9;
    const token = pick(tokenIds);
    const roll = rand();
    const call: TokenCall =
      roll < 0.35
        ? { op: 'get' }
        : roll < 0.7
          ? rand() < 0.5
            ? { op: 'patch', body: [{ op: 'replace', path: '/name', value: `ldct-bench-${i}` }] }
            : rand() < 0.5
              ? { op: 'patch', body: [{ op: 'replace', path: '/description', value: `d${i}` }] }
              : {
                  op: 'patch',
                  body: [
                    { op: 'test', path: '/role', value: pick(ROLES) },
                    { op: 'replace', path: '/role', value: pick(ROLES) },
                  ],
                }
          : roll < 0.8
            ? { op: 'reset', expiry: 'none' }
            : { op: 'auth', secret: '' }; // which secret: chosen when it takes effect, among those issued by then
    planned.push({
      client,
      token,
      call,
      invokedAt,
      takesEffectAt: invokedAt + rand() * duration,
      completedAt: invokedAt + duration,
      lost: rand() < options.unknownRate,
    });
    free[client] = invokedAt + duration + rand() * 2;
  }
  // Run them in the order they take effect, on explore's model: the outcome of each is what a correct server answers.
  const states = new Map<string, TokenState>(tokenIds.map((t) => [t, initialState({ doc: startingDoc(t), secret: `${t} secret 1` })]));
  const target = options.loseUpdate ? busiestToken(planned) : null;
  let lostUpdate = -1;
  /** The last definite writer of each token's name: a lost update after it cannot be explained by reordering it. */
  const nameWriter = new Map<string, Planned | null | undefined>(tokenIds.map((t) => [t, null]));
  let effected = 0;
  let shownAt = -1;
  const outcomes = new Map<Planned, Outcome>();
  let secrets = 0;
  for (const [index, op] of [...planned.entries()].sort(([, a], [, b]) => a.takesEffectAt - b.takesEffectAt)) {
    const state = states.get(op.token) as TokenState;
    let outcome: Outcome;
    if (op.call.op === 'auth') {
      op.call = { op: 'auth', secret: pick(issued.get(op.token) ?? []) };
      const live = stepToken(state, { ...asOperation(op, 0), outcome: { kind: 'ok', status: 200 } }).length > 0;
      outcome = live ? { kind: 'ok', status: 200 } : { kind: 'failed', status: 401 };
    } else if (op.call.op === 'get') {
      outcome = { kind: 'ok', status: 200, doc: state.doc };
    } else if (op.call.op === 'patch') {
      const answer = predictPatch(op.call.body, state.doc).answers[0];
      outcome = answer?.doc ? { kind: 'ok', status: 200, doc: answer.doc } : { kind: 'failed', status: answer?.statuses[0] ?? 400 };
    } else if (op.call.op === 'reset') {
      const secret = `${op.token} secret ${++secrets + 1}`;
      // A secret whose answer was lost is known to no client: none uses it.
      if (!op.lost) issued.get(op.token)?.push(secret);
      outcome = { kind: 'ok', status: 200, secret };
    } else {
      outcome = { kind: 'ok', status: 204 };
    }
    effected++;
    const writesName = op.call.op === 'patch' && JSON.stringify(op.call.body).includes('"/name"') && outcome.kind === 'ok';
    if (writesName && lostUpdate < 0 && op.token === target && !op.lost && effected > planned.length / 3) {
      // Acknowledged, never applied: the name before it was written by a request answered before this one was sent.
      const before = nameWriter.get(op.token);
      if (before === null || (before !== undefined && before.completedAt < op.invokedAt)) {
        if (skip === 0) lostUpdate = index;
        else skip--;
      }
    }
    // A lost answer took effect or not, at random; the injected lost update is acknowledged but never applied.
    const applies = index !== lostUpdate && !(op.lost && rand() < 0.5);
    if (writesName && applies) nameWriter.set(op.token, op.lost ? undefined : op);
    if (lostUpdate >= 0 && shownAt < 0 && op.token === target && index !== lostUpdate) {
      const lost = planned[lostUpdate] as Planned;
      if (writesName && applies)
        shownAt = Infinity; // written again before any answer showed it lost
      else if (op.invokedAt > lost.completedAt && !op.lost && outcome.kind === 'ok' && outcome.doc) shownAt = index;
    }
    if (applies) states.set(op.token, stepToken(state, { ...asOperation(op, 0), outcome })[0] ?? state);
    outcomes.set(op, op.lost ? { kind: 'unknown', why: 'answer lost (simulated)' } : outcome);
  }
  const operations = planned.map((op, i) => ({
    ...asOperation(op, i + 1),
    ...(op.lost ? { completedAt: Infinity } : {}),
    outcome: outcomes.get(op) as Outcome,
  }));
  const history = { tokens: Object.fromEntries(tokenIds.map((t) => [t, { doc: startingDoc(t), secret: `${t} secret 1` }])), operations };
  return { history, shown: shownAt >= 0 && Number.isFinite(shownAt) };
}

function asOperation(op: Planned, id: number): HistoryOperation {
  return {
    id,
    client: op.client,
    token: op.token,
    call: op.call,
    invokedAt: op.invokedAt,
    completedAt: op.completedAt,
    outcome: { kind: 'ok', status: 200 },
  };
}

/** The token with the most requests: a lost update there has the most requests after it to show it. */
function busiestToken(planned: readonly Planned[]): string | null {
  const counts = new Map<string, number>();
  for (const op of planned) counts.set(op.token, (counts.get(op.token) ?? 0) + 1);
  return [...counts.entries()].sort(([, a], [, b]) => b - a)[0]?.[0] ?? null;
}
