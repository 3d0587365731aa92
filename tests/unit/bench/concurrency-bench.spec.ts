import { expect, test } from '@playwright/test';
import type { ConcurrencyRow } from '../../../src/bench/concurrency-bench';
import { simulateHistory } from '../../../src/bench/simulated-history';
import { evaluateTargets } from '../../../src/bench/targets';
import { checkHistory } from '../../../src/concurrency/check-history';

const shapes = [
  { given: '100 requests, 4 clients, 1 token', operations: 100, tokens: 1, clients: 4 },
  { given: '200 requests, 8 clients, 10 tokens', operations: 200, tokens: 10, clients: 8 },
];

for (const { given, ...shape } of shapes) {
  test(`simulated history (${given}): linearizable, overlapping, 5 % unknown; with a lost update it is not`, () => {
    const history = simulateHistory({ ...shape, unknownRate: 0.05, seed: 1000 });
    const ops = history.operations;
    expect(ops).toHaveLength(shape.operations);
    // Real overlap: some request is sent before the one before it was answered.
    expect(ops.some((op, i) => i > 0 && op.invokedAt < (ops[i - 1]?.completedAt ?? 0))).toBe(true);
    expect(ops.filter((op) => op.outcome.kind === 'unknown').length).toBeGreaterThan(0);
    expect(checkHistory(history, { timeLimitMs: 20_000 }).verdict).toBe('linearizable');
    const lost = checkHistory(simulateHistory({ ...shape, unknownRate: 0.05, seed: 1000, loseUpdate: true }), { timeLimitMs: 20_000 });
    expect(lost.verdict).toBe('not-linearizable');
  });
}

const row = (changes: Partial<ConcurrencyRow>): ConcurrencyRow => ({
  operations: 1000,
  tokens: 10,
  clients: 8,
  linearizableMs: 400,
  linearizableVerdict: 'linearizable',
  lostUpdateMs: 900,
  lostUpdateVerdict: 'not-linearizable',
  witnessSteps: 2,
  ...changes,
});

const verdicts: { given: string; rows: ConcurrencyRow[] | null; want: { verdict: string; reason?: string } }[] = [
  { given: 'checked in time, both answers right', rows: [row({})], want: { verdict: 'PASS' } },
  { given: 'too slow', rows: [row({ linearizableMs: 1500 })], want: { verdict: 'MISS', reason: '1500 ms > 1000 ms' } },
  {
    given: 'fast but the linearizable history hit the time limit',
    rows: [row({ linearizableVerdict: 'unknown' })],
    want: { verdict: 'MISS', reason: 'the linearizable history was answered unknown' },
  },
  {
    given: 'fast but the lost update went unseen',
    rows: [row({ lostUpdateVerdict: 'linearizable' })],
    want: { verdict: 'MISS', reason: 'the history with a lost update was answered linearizable' },
  },
  { given: 'the target shape not measured', rows: [row({ clients: 4 })], want: { verdict: 'NOT MEASURED' } },
  { given: 'the phase not run', rows: null, want: { verdict: 'NOT MEASURED', reason: 'concurrency phase not run' } },
];

for (const { given, rows, want } of verdicts) {
  test(`linearizability target: ${given}`, () => {
    const concurrency = rows ? { unknownRate: 0.05, timeLimitMs: 30_000, runs: 1, rows } : undefined;
    const target = evaluateTargets({ ...(concurrency ? { concurrency } : {}) }).find((t) => t.id === 'linearizability');
    expect(target?.verdict).toBe(want.verdict);
    if (want.reason) expect(target?.reason).toContain(want.reason);
  });
}
