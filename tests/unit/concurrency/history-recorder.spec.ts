import { expect, test } from '@playwright/test';
import { HistoryRecorder } from '../../../src/concurrency/history-recorder';
import { BEFORE } from './history-builders';

const SECRET = 'api-0123456789abcdef-old';
const NEW_SECRET = 'api-fedcba9876543210-new';

/** A clock that moves on by 1 ms each time it is read. */
function ticking(): () => number {
  let now = 0;
  return () => now++;
}

test('recorder: operations numbered by invocation, completion times, outcomes; unknown never completes', () => {
  const recorder = new HistoryRecorder(ticking());
  recorder.addToken('t1', { ...BEFORE, token: SECRET }, SECRET);
  const patch = recorder.invoke(1, 't1', { op: 'patch', body: [] }); // t=0
  const reset = recorder.invoke(2, 't1', { op: 'reset', expiry: 'none' }); // t=1
  const use = recorder.invoke(3, 't1', { op: 'auth', wholeSecret: SECRET }); // t=2
  reset.ok(200, { doc: { ...BEFORE, token: NEW_SECRET }, secret: NEW_SECRET }); // t=3
  use.failed(401); // t=4
  patch.unknown('timed out');
  const { tokens, operations } = recorder.history();
  expect(tokens.t1).toEqual({ doc: { ...BEFORE, token: SECRET.slice(-4) }, secret: 'secret 1' });
  expect(operations.map((op) => [op.id, op.client, op.call.op, op.invokedAt, op.completedAt, op.outcome.kind])).toEqual([
    [1, 1, 'patch', 0, Infinity, 'unknown'],
    [2, 2, 'reset', 1, 3, 'ok'],
    [3, 3, 'auth', 2, 4, 'failed'],
  ]);
  expect(operations[1]?.outcome).toEqual({ kind: 'ok', status: 200, doc: { ...BEFORE, token: NEW_SECRET.slice(-4) }, secret: 'secret 2' });
  expect(operations[2]?.call).toEqual({ op: 'auth', secret: 'secret 1' });
});

test('recorder: no whole secret anywhere in the history', () => {
  const recorder = new HistoryRecorder(ticking());
  recorder.addToken('t1', { ...BEFORE, token: SECRET }, SECRET);
  recorder.invoke(1, 't1', { op: 'reset', expiry: 'none' }).ok(200, { doc: { ...BEFORE, token: NEW_SECRET }, secret: NEW_SECRET });
  recorder.invoke(2, 't1', { op: 'auth', wholeSecret: NEW_SECRET }).ok(200);
  const text = JSON.stringify(recorder.history());
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(NEW_SECRET);
});

const misuse: { given: string; run: (r: HistoryRecorder) => void; want: string }[] = [
  {
    given: 'a request to a token never added',
    run: (r) => r.invoke(1, 't9', { op: 'get' }),
    want: 'history: token t9 was not added before its first request',
  },
  { given: 'a token added twice', run: (r) => r.addToken('t1', BEFORE, SECRET), want: 'history: token t1 was added twice' },
  {
    given: 'an operation completed twice',
    run: (r) => {
      const pending = r.invoke(1, 't1', { op: 'get' });
      pending.ok(200);
      pending.failed(404);
    },
    want: 'history: operation 1 completed twice',
  },
];

for (const { given, run, want } of misuse) {
  test(`recorder: ${given} is a clear error`, () => {
    const recorder = new HistoryRecorder(ticking());
    recorder.addToken('t1', BEFORE, SECRET);
    expect(() => run(recorder)).toThrow(want);
  });
}
