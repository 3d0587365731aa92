import { expect, test } from '@playwright/test';
import { buildHistory, gridState, type SummaryInput } from '../../../src/history/build-history';
import type { HistoryReport } from '../../../src/history/history-model';
import { validateSummary } from '../../../src/coverage/validate-summary';
import { makeSummary, type NightSpec } from './generated-nights';

/**
 * The aggregation, table by table: new / fixed / still failing against the series' previous night that ran tests,
 * flips, gaps, shards of one night, a rerun, and targets or API versions side by side.
 */

function history(specs: NightSpec[]): HistoryReport {
  const inputs: SummaryInput[] = specs.map((spec, i) => {
    const summary = makeSummary(spec);
    expect(validateSummary(summary), `generated night ${spec.day} is a valid summary.json`).toEqual([]);
    return { source: `night-${i}.json`, summary };
  });
  return buildHistory(inputs, { now: new Date('2026-12-08T00:00:00Z') });
}

const A = 'tokens › a';
const B = 'tokens › b';
const key = (t: string): string => `${t} — status_code_conformance getTokens 200`;

const CHANGES: {
  given: string;
  nights: NightSpec[];
  want: { day: string; new: string[]; fixed: string[]; stillFailing: string[]; comparedWith: string | null }[];
}[] = [
  {
    given: 'a failure appears, stays, is fixed',
    nights: [
      { day: '2026-11-01' },
      { day: '2026-11-02', failing: [A] },
      { day: '2026-11-03', failing: [A, B] },
      { day: '2026-11-04', failing: [B] },
    ],
    want: [
      { day: '2026-11-01', new: [], fixed: [], stillFailing: [], comparedWith: null },
      { day: '2026-11-02', new: [key(A)], fixed: [], stillFailing: [], comparedWith: '2026-11-01' },
      { day: '2026-11-03', new: [key(B)], fixed: [], stillFailing: [key(A)], comparedWith: '2026-11-02' },
      { day: '2026-11-04', new: [], fixed: [key(A)], stillFailing: [key(B)], comparedWith: '2026-11-03' },
    ],
  },
  {
    given: 'a gap: the night after it compares with the last night before it, and says which',
    nights: [
      { day: '2026-11-01', failing: [A] },
      { day: '2026-11-04', failing: [A] },
    ],
    want: [
      { day: '2026-11-01', new: [key(A)], fixed: [], stillFailing: [], comparedWith: null },
      { day: '2026-11-04', new: [], fixed: [], stillFailing: [key(A)], comparedWith: '2026-11-01' },
    ],
  },
  {
    given: 'a stopped night (unreachable) is no comparison point: the next night compares with the one before it',
    nights: [
      { day: '2026-11-01', failing: [A] },
      { day: '2026-11-02', status: 'unreachable' },
      { day: '2026-11-03', failing: [A] },
    ],
    want: [
      { day: '2026-11-01', new: [key(A)], fixed: [], stillFailing: [], comparedWith: null },
      { day: '2026-11-02', new: [], fixed: [], stillFailing: [], comparedWith: null },
      { day: '2026-11-03', new: [], fixed: [], stillFailing: [key(A)], comparedWith: '2026-11-01' },
    ],
  },
  {
    given: "two shards of one night are one night: both shards' failures count",
    nights: [{ day: '2026-11-01' }, { day: '2026-11-02', failing: [A] }, { day: '2026-11-02', minute: 2, failing: [B] }],
    want: [
      { day: '2026-11-01', new: [], fixed: [], stillFailing: [], comparedWith: null },
      { day: '2026-11-02', new: [key(A), key(B)], fixed: [], stillFailing: [], comparedWith: '2026-11-01' },
    ],
  },
  {
    given: 'a rerun later that day replaces the earlier run',
    nights: [{ day: '2026-11-01' }, { day: '2026-11-02', failing: [A] }, { day: '2026-11-02', minute: 180 }],
    want: [
      { day: '2026-11-01', new: [], fixed: [], stillFailing: [], comparedWith: null },
      { day: '2026-11-02', new: [], fixed: [], stillFailing: [], comparedWith: '2026-11-01' },
    ],
  },
];

for (const { given, nights, want } of CHANGES) {
  test(`new / fixed / still failing: ${given}`, () => {
    const h = history(nights);
    expect(h.series).toHaveLength(1);
    expect(h.series[0]?.nights.map((n) => ({ day: n.day, ...n.failures }))).toEqual(want);
  });
}

const FLIPS: { given: string; nights: NightSpec[]; want: { test: string; flips: number; timeline: string }[] }[] = [
  {
    given: 'a test failing every other night flips each night',
    nights: [{ day: '2026-11-01', failing: [A] }, { day: '2026-11-02' }, { day: '2026-11-03', failing: [A] }, { day: '2026-11-04' }],
    want: [{ test: A, flips: 3, timeline: 'F.F.' }],
  },
  {
    given: 'a test failing from the first night on never flipped; one that started failing flipped once',
    nights: [
      { day: '2026-11-01', failing: [A] },
      { day: '2026-11-02', failing: [A, B] },
      { day: '2026-11-03', failing: [A, B] },
    ],
    want: [{ test: B, flips: 1, timeline: '.FF' }],
  },
  {
    given: 'a stopped night between two failures is no flip',
    nights: [
      { day: '2026-11-01', failing: [A] },
      { day: '2026-11-02', status: 'unreachable' },
      { day: '2026-11-03', failing: [A] },
    ],
    want: [],
  },
];

for (const { given, nights, want } of FLIPS) {
  test(`flips: ${given}`, () => {
    expect(history(nights).flipped.map((f) => ({ test: f.test, flips: f.flips, timeline: f.timeline }))).toEqual(want);
  });
}

const GRID: { given: string; nights: NightSpec[]; want: { day: string; rule: string; state: string }[] }[] = [
  {
    given: 'a missing night is a gap (no-run), a stopped night is not-run, a failure is failed',
    nights: [
      { day: '2026-11-01', rules: { A2: 'failed' } },
      { day: '2026-11-03', status: 'config-error' },
    ],
    want: [
      { day: '2026-11-01', rule: 'A2', state: 'failed' },
      { day: '2026-11-02', rule: 'A2', state: 'no-run' },
      { day: '2026-11-03', rule: 'A2', state: 'not-run' },
    ],
  },
  {
    given: "shards disagree: the worse state wins (one shard's failure is the night's)",
    nights: [
      { day: '2026-11-01', rules: { A2: 'passed', B1: 'known-deviation', C1: 'not-run' } },
      { day: '2026-11-01', minute: 1, rules: { A2: 'failed', B1: 'passed', C1: 'inconclusive' } },
    ],
    want: [
      { day: '2026-11-01', rule: 'A2', state: 'failed' },
      { day: '2026-11-01', rule: 'B1', state: 'known-deviation' },
      { day: '2026-11-01', rule: 'C1', state: 'inconclusive' },
    ],
  },
];

for (const { given, nights, want } of GRID) {
  test(`grid: ${given}`, () => {
    const h = history(nights);
    const series = h.series[0];
    if (!series) throw new Error('no series');
    expect(want.map((w) => ({ day: w.day, rule: w.rule, state: gridState(series, w.day, w.rule) }))).toEqual(want);
    expect(h.days).toEqual([...new Set([...want.map((w) => w.day)])].sort());
  });
}

test('targets and API versions side by side: one series each, compared only within itself', () => {
  const h = history([
    { day: '2026-11-01', failing: [A] },
    { day: '2026-11-01', host: null, apiVersion: '20240415' },
    { day: '2026-11-01', apiVersion: '20220603', minute: 1 },
    { day: '2026-11-02' },
    { day: '2026-11-02', host: null, failing: [A] },
  ]);
  expect(h.series.map((s) => ({ key: s.key, days: s.nights.map((n) => n.day) }))).toEqual([
    { key: 'embedded reference server · API 20240415', days: ['2026-11-01', '2026-11-02'] },
    { key: 'staging.example.com · API 20220603', days: ['2026-11-01'] },
    { key: 'staging.example.com · API 20240415', days: ['2026-11-01', '2026-11-02'] },
  ]);
  const [embedded, , staging] = h.series;
  expect(embedded?.nights[1]?.failures.new).toEqual([key(A)]);
  expect(staging?.nights[1]?.failures.fixed).toEqual([key(A)]);
});

test('a night carries its latency, explore seed with its outcome and replay, and the expectations state', () => {
  const h = history([
    { day: '2026-11-01', p95Ms: 300, explore: { seed: 42, budget: 1000 }, failing: ['explore: generated sequences @explore'] },
  ]);
  const night = h.series[0]?.nights[0];
  expect(night?.latency.getTokens).toEqual({ p50Ms: 150, p95Ms: 300, count: 40 });
  expect(night?.explore).toEqual({
    seed: 42,
    budget: 1000,
    outcome: 'failed',
    replay: 'LD_EXPLORE_SEED=42 LD_EXPLORE_REQUESTS=1000 npx playwright test --grep @explore',
  });
  expect(night?.expectations).toMatchObject({ file: 'expectations/staging.yaml', entries: 3, matched: 0, todo: 0 });
  expect(night?.expectations.unmatched).toEqual([{ test: 'listing › pages', reason: 'staging pages by 20' }]);
});
