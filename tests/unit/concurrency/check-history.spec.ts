import { expect, test } from '@playwright/test';
import { checkHistory } from '../../../src/concurrency/check-history';
import type { History } from '../../../src/concurrency/history';
import { renderWitness } from '../../../src/concurrency/render-witness';
import { failed, history, ok, replace, shows, unknown, type Step } from './history-builders';

const get = { op: 'get' } as const;
const reset = { op: 'reset', expiry: 'none' } as const;
const del = { op: 'delete' } as const;
const auth = (secret: string) => ({ op: 'auth', secret }) as const;
const LIMITS = { timeLimitMs: 10_000 };

/** witness: how many operations with a definite outcome cannot be ordered; context: writes beside them that may have taken effect. */
type Want = { verdict: 'linearizable' } | { verdict: 'not-linearizable'; witness: number; context?: number };

const rows: { given: string; steps: Step[]; want: Want }[] = [
  {
    given: 'two overlapping patches of different fields, each answer showing the other applied or not as an order allows',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [2, 2, 12, replace('description', 'b'), ok({ doc: shows({ name: 'ldct-run-a', description: 'b' }) })],
      [3, 20, 25, get, ok({ doc: shows({ name: 'ldct-run-a', description: 'b' }) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'two overlapping patches of the same field: the read shows the one ordered last',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [2, 2, 12, replace('name', 'ldct-run-b'), ok({ doc: shows({ name: 'ldct-run-b' }) })],
      [3, 20, 25, get, ok({ doc: shows({ name: 'ldct-run-a' }) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given:
      'lost update: two overlapping patches of different fields, each answered as if the other never happened, then a read keeps only one',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [2, 2, 12, replace('description', 'b'), ok({ doc: shows({ description: 'b' }) })],
      [3, 20, 25, get, ok({ doc: shows({ description: 'b' }) })],
    ],
    want: { verdict: 'not-linearizable', witness: 2 },
  },
  {
    given: 'stale read: a read sent after a patch was answered shows the token before it',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [2, 15, 20, get, ok({ doc: shows({}) })],
    ],
    want: { verdict: 'not-linearizable', witness: 2 },
  },
  {
    given: 'a read overlapping a patch may show the token before it',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [2, 5, 15, get, ok({ doc: shows({}) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'resurrection: a read after a delete was answered finds the token',
    steps: [
      [1, 0, 5, del, ok({}, 204)],
      [2, 10, 12, get, ok({ doc: shows({}) })],
    ],
    want: { verdict: 'not-linearizable', witness: 2 },
  },
  {
    given: 'resurrection: a patch racing a delete brings the token back',
    steps: [
      [1, 0, 5, del, ok({}, 204)],
      [2, 3, 8, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [3, 10, 12, get, ok({ doc: shows({ name: 'ldct-run-a' }) })],
    ],
    // The read after the delete finds the token with the patch's name: the patch is the context that explains it.
    want: { verdict: 'not-linearizable', witness: 2, context: 1 },
  },
  {
    given: 'a patch racing a delete ordered before it, then 404',
    steps: [
      [1, 0, 5, del, ok({}, 204)],
      [2, 3, 8, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [3, 10, 12, get, failed(404)],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'two live secrets after overlapping resets without expiry',
    steps: [
      [1, 0, 10, reset, ok({ secret: 'secret 2' })],
      [2, 2, 12, reset, ok({ secret: 'secret 3' })],
      [3, 20, 22, auth('secret 2'), ok()],
      [4, 20, 22, auth('secret 3'), ok()],
    ],
    // Both secrets authenticate: whichever way the two resets are taken (each may or may not have happened), one must be dead.
    want: { verdict: 'not-linearizable', witness: 2, context: 2 },
  },
  {
    given: 'overlapping resets: one of the two new secrets lives, the old one is dead',
    steps: [
      [1, 0, 10, reset, ok({ secret: 'secret 2' })],
      [2, 2, 12, reset, ok({ secret: 'secret 3' })],
      [3, 20, 22, auth('secret 2'), failed(401)],
      [4, 20, 22, auth('secret 3'), ok()],
      [5, 20, 22, auth('secret 1'), failed(401)],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'the old secret still works after a reset without expiry was answered',
    steps: [
      [1, 0, 10, reset, ok({ secret: 'secret 2' })],
      [2, 20, 22, auth('secret 1'), ok()],
    ],
    want: { verdict: 'not-linearizable', witness: 2 },
  },
  {
    given: 'a reset with a future expiry: the old secret lives on beside the new one',
    steps: [
      [1, 0, 10, { op: 'reset', expiry: 'future' }, ok({ secret: 'secret 2' })],
      [2, 20, 22, auth('secret 1'), ok()],
      [3, 20, 22, auth('secret 2'), ok()],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'unknown outcome: a patch whose answer was lost explains a later read of its value',
    steps: [
      [1, 0, null, replace('name', 'ldct-run-a'), unknown],
      [2, 10, 12, get, ok({ doc: shows({ name: 'ldct-run-a' }) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'unknown outcome: a patch whose answer was lost may also never take effect',
    steps: [
      [1, 0, null, replace('name', 'ldct-run-a'), unknown],
      [2, 10, 12, get, ok({ doc: shows({}) })],
      [3, 14, 16, get, ok({ doc: shows({ name: 'ldct-run-a' }) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'unknown outcome: a delete that timed out explains a later 404',
    steps: [
      [1, 0, null, del, unknown],
      [2, 10, 12, get, failed(404)],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'unknown outcome sent after the read cannot explain it',
    steps: [
      [2, 0, 5, get, ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [1, 10, null, replace('name', 'ldct-run-a'), unknown],
    ],
    want: { verdict: 'not-linearizable', witness: 1 },
  },
  {
    given: 'unknown outcome of another write cannot hide a stale read',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) })],
      [3, 1, null, replace('description', 'c'), unknown],
      [2, 15, 20, get, ok({ doc: shows({}) })],
    ],
    want: { verdict: 'not-linearizable', witness: 2 },
  },
  {
    given: 'a delete that timed out cannot explain a later read that finds the token and then a 404 before it',
    steps: [
      [1, 0, null, del, unknown],
      [2, 10, 12, get, failed(404)],
      [3, 14, 16, get, ok({ doc: shows({}) })],
    ],
    want: { verdict: 'not-linearizable', witness: 2, context: 1 },
  },
  {
    given: 'a patch the rules say must apply, refused (E2), and a refusal as 400 or 422 of one that cannot apply (E4)',
    steps: [[1, 0, 5, replace('name', 'ldct-run-a'), failed(422)]],
    want: { verdict: 'not-linearizable', witness: 1 },
  },
  {
    given: 'an inapplicable patch refused 400 and another 422, a valid one answered 409 (a concurrent request)',
    steps: [
      [1, 0, 5, { op: 'patch', body: [{ op: 'test', path: '/name', value: 'other' }] }, failed(400)],
      [2, 0, 5, { op: 'patch', body: [{ op: 'test', path: '/name', value: 'other' }] }, failed(422)],
      [3, 0, 5, replace('name', 'ldct-run-a'), failed(409)],
      [4, 10, 12, get, ok({ doc: shows({}) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'a test precondition racing a patch of the same field: it may pass before and must fail after',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a', description: 'c' }) })],
      [
        2,
        2,
        8,
        {
          op: 'patch',
          body: [
            { op: 'test', path: '/name', value: 'ldct-run-token' },
            { op: 'replace', path: '/description', value: 'c' },
          ],
        },
        ok({ doc: shows({ description: 'c' }) }),
      ],
      [3, 20, 22, get, ok({ doc: shows({ name: 'ldct-run-a', description: 'c' }) })],
    ],
    want: { verdict: 'linearizable' },
  },
  {
    given: 'tokens are checked apart: each token linearizable on its own',
    steps: [
      [1, 0, 10, replace('name', 'ldct-run-a'), ok({ doc: shows({ name: 'ldct-run-a' }) }), 't1'],
      [2, 15, 20, get, ok({ doc: shows({}) }), 't2'],
    ],
    want: { verdict: 'linearizable' },
  },
];

for (const { given, steps, want } of rows) {
  test(`checker: ${given}`, () => {
    const result = checkHistory(history(steps, ['t1', 't2']), LIMITS);
    if (want.verdict === 'linearizable') {
      expect(result.verdict, result.verdict === 'not-linearizable' ? renderWitness(result.token, result.witness) : '').toBe('linearizable');
      return;
    }
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict !== 'not-linearizable') return;
    expect(result.witness.minimal).toBe(true);
    expect(result.witness.steps.length, renderWitness(result.token, result.witness)).toBe(want.witness);
    expect(result.witness.context.length, renderWitness(result.token, result.witness)).toBe(want.context ?? 0);
  });
}

/** `count` operations of 4 clients that always linearize (each patch sets its own value), then a lost update. */
function longHistoryWithLostUpdate(count: number): History {
  const steps: Step[] = [];
  let name = 'ldct-run-token';
  for (let i = 0; i < count; i++) {
    name = `ldct-run-${i}`;
    steps.push([i % 4, i * 10, i * 10 + 5, replace('name', name), ok({ doc: shows({ name }) })]);
  }
  const t = count * 10;
  steps.push(
    [1, t, t + 10, replace('description', 'x'), ok({ doc: shows({ name, description: 'x' }) })],
    [2, t + 2, t + 12, replace('name', 'ldct-run-last'), ok({ doc: shows({ name: 'ldct-run-last' }) })],
    [3, t + 20, t + 25, get, ok({ doc: shows({ name: 'ldct-run-last' }) })],
  );
  return history(steps);
}

test('checker: the minimal witness of a lost update inside 40 linearizable operations has 2 steps, rendered numbered', () => {
  const result = checkHistory(longHistoryWithLostUpdate(40), LIMITS);
  expect(result.verdict).toBe('not-linearizable');
  if (result.verdict !== 'not-linearizable') return;
  expect(result.witness.minimal).toBe(true);
  // The two overlapping patches' own answers already contradict each other; the read is not needed.
  expect(result.witness.steps.map((op) => op.call.op)).toEqual(['patch', 'patch']);
  expect(result.witness.historySize).toBe(43);
  const text = renderWitness(result.token, result.witness);
  expect(text).toMatch(/^token t1: these 2 operations \(of its 43\)/);
  expect(text).toContain(
    '\n  1. client 1: patchToken [{"op":"replace","path":"/description","value":"x"}] — sent 10.0 ms, answered 20.0 ms → 200 name "ldct-run-39", description "x"',
  );
  expect(text).toContain(
    '\n  2. client 2: patchToken [{"op":"replace","path":"/name","value":"ldct-run-last"}] — sent 12.0 ms, answered 22.0 ms → 200 name "ldct-run-last", description "d0"',
  );
  // The patch before them is what the first answer's name shows: it stays beside the witness, as context.
  expect(text).toContain('and these writes, which may have taken effect');
  expect(result.witness.context).toHaveLength(1);
});

test('checker: the time limit gives unknown, never a pass', () => {
  // 300 overlapping unknown patches give the search more than its first 256 steps, where the clock is read. They patch
  // the role, which the final read shows: unknown patches of a name no answer shows are left out before the search.
  const roles = ['reader', 'writer', 'admin'] as const;
  const steps: Step[] = Array.from({ length: 300 }, (_, i): Step => [i % 16, i, null, replace('role', roles[i % 3]), unknown]);
  steps.push([1, 1000, 1001, get, ok({ doc: shows({ name: 'ldct-run-nobody' }) })]);
  const result = checkHistory(history(steps), { timeLimitMs: 0 });
  expect(result.verdict).toBe('unknown');
  if (result.verdict === 'unknown') {
    expect(result.why).toContain('time limit');
    expect(result.undecided).toEqual(['t1']);
  }
});

test('checker: the step limit gives unknown, never a pass', () => {
  const result = checkHistory(longHistoryWithLostUpdate(0), { timeLimitMs: 10_000, maxSteps: 2 });
  expect(result).toMatchObject({ verdict: 'unknown', undecided: ['t1'] });
});

test('checker: an operation on a token the history does not start with is a clear error', () => {
  const h = history([[1, 0, 5, get, ok({ doc: shows({}) }), 't9']]);
  expect(() => checkHistory(h, LIMITS)).toThrow('history: operation 1 names token t9, which the history does not start with');
});
