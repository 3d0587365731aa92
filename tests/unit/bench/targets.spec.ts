import { expect, test } from '@playwright/test';
import type { BenchResult } from '../../../src/bench/bench-result';
import type { LatencyRow } from '../../../src/bench/latency-bench';
import type { OverheadResult } from '../../../src/bench/overhead-bench';
import { evaluateTargets } from '../../../src/bench/targets';

type Input = Pick<BenchResult, 'validation' | 'overhead' | 'budget' | 'latency'>;

const validation = (loadMs: number, compileMs: number, tokenUs: number): NonNullable<Input['validation']> => {
  const timing = { importMs: 80, loadMs, compileMs, strictCompileMs: 50, validators: 11, readyMs: 80 + loadMs + compileMs };
  return {
    compile: { runs: [timing], median: timing },
    throughput: [{ name: 'validate Token', iterations: 1000, medianUs: tokenUs, minUs: tokenUs, maxUs: tokenUs }],
    iterationsEach: 1000,
  };
};
/** The suite's start-up (wall − report) is 1 s; the bare floor's is `bareStartupMs`; the slowest test takes `slowestMs`. */
const overhead = (suiteMs: number, bareMs: number, bareStartupMs = 800, slowestMs = 2500, floorMs = 500): OverheadResult => ({
  workers: 2,
  plan: { items: [], total: 100, substituted: [] },
  suiteRuns: [],
  bareRuns: [],
  bareMedianMs: bareMs,
  bareReportMedianMs: bareMs - bareStartupMs,
  ratioToBare: suiteMs / bareMs,
  leanReporterRuns: [],
  leanReporterMedianMs: suiteMs - 400,
  globalSetupMedianMs: 120,
  globalTeardownMedianMs: 80,
  floorRuns: [],
  suiteMedianMs: suiteMs,
  suiteReportMedianMs: suiteMs - 1000,
  suiteInTestsMedianMs: suiteMs - 2000,
  floorMedianMs: floorMs,
  ratio: suiteMs / floorMs,
  zeroLatencyDurations: { 'expiry.spec.ts › G3': slowestMs, 'other.spec.ts › quick': 40 },
  bareRequestMs: 1,
});
const budget = (example: number, total: number): NonNullable<Input['budget']> =>
  ({
    observed: { total, byOperation: { getTokens: total - 10, postToken: 10 }, byOperationStatus: {} },
    exampleObserved: { total: example, byOperation: { getTokens: example - 10, postToken: 10 }, byOperationStatus: {} },
    byCapability: { example, explore: total - example - 30, concurrency: 0, authz: 20, hostile: 10 },
    serverApiRequests: total + 2,
    peakPer10s: total,
    peakWindowStartOffsetMs: 0,
    meanRps: 1,
  }) as unknown as NonNullable<Input['budget']>;
const latencyRow = (wallMs: number, criticalPathMs: number, workBoundMs: number): LatencyRow => ({
  workers: 4,
  runs: [],
  medianWallMs: wallMs,
  medianReportMs: null,
  critical: {
    criticalPathMs,
    longestTestId: 'expiry',
    longestTestRequests: 5,
    longestTestWaitsMs: 3000,
    workBoundMs,
    lowerBoundMs: Math.max(criticalPathMs, workBoundMs),
    totalRequests: 400,
  },
  ratio: wallMs / criticalPathMs,
  ratioToLowerBound: wallMs / Math.max(criticalPathMs, workBoundMs),
  peakPer10s: 0,
});

const rows: { name: string; given: Input; want: { verdicts: string[]; reasons?: RegExp[] } }[] = [
  {
    name: 'nothing measured',
    given: {},
    want: { verdicts: Array<string>(9).fill('NOT MEASURED') },
  },
  {
    name: 'all within target (limits inclusive)',
    given: {
      validation: validation(100, 50, 10),
      overhead: overhead(2400, 2000, 700),
      budget: budget(300, 600),
      latency: { latencyMs: 100, formula: [], baselineMissing: false, rows: [latencyRow(13_000, 4000, 10_000)] },
    },
    want: { verdicts: ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'NOT MEASURED'] },
  },
  {
    name: 'every target missed, each with the numbers that explain it',
    given: {
      validation: validation(120, 40, 12.5),
      overhead: overhead(9000, 3000, 500, 4600),
      budget: budget(356, 701),
      latency: { latencyMs: 100, formula: [], baselineMissing: false, rows: [latencyRow(30_000, 4000, 10_000)] },
    },
    want: {
      verdicts: ['MISS', 'MISS', 'MISS', 'MISS', 'MISS', 'MISS', 'MISS', 'MISS', 'NOT MEASURED'],
      reasons: [
        /load 120\.0 ms .* \+ compile 40\.0 ms = 160\.0 ms > 150 ms/,
        /12\.50 µs per Token > 10 µs/,
        /suite 9\.00 s vs bare Playwright 3\.00 s for 100 requests; .*reporters 0\.40 s, global set-up 0\.12 s, global teardown \(final clean-up sweep\) 0\.08 s/,
        /expiry\.spec\.ts › G3 takes 4600 ms > 2500 ms/,
        /suite 1\.00 s vs bare Playwright 0\.50 s before Playwright's clock/,
        /356 requests > 300 \(getTokens 346, postToken 10\)/,
        /701 requests > 600 \(example 356, explore 315, concurrency 0, authz 20, hostile 10\)/,
        /wall 30\.00 s vs the lower bound 10\.00 s, which is work\/4/,
      ],
    },
  },
  {
    name: "a miss splits the time over the bound into Playwright's own (the bare floor at the same latency) and the suite's",
    given: {
      latency: {
        latencyMs: 100,
        formula: [],
        baselineMissing: false,
        rows: [
          {
            ...latencyRow(14_000, 5000, 10_000),
            bare: { wallMs: [10_500], medianWallMs: 10_500, lowerBoundMs: 7500, playwrightOverheadMs: 3000, requests: 300 },
          },
        ],
      },
    },
    want: {
      verdicts: [
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'MISS',
        'NOT MEASURED',
      ],
      reasons: [
        /./,
        /./,
        /./,
        /./,
        /./,
        /./,
        /./,
        /the rest \(4\.00 s\) .*; of it, 3\.00 s is Playwright's own \(.* takes 10\.50 s against its own lower bound 7\.50 s\) and 1\.00 s the suite's own; the target allows 3\.00 s over the bound$/,
      ],
    },
  },
  {
    name: "Playwright's own cost alone over what the target allows is said so",
    given: {
      latency: {
        latencyMs: 100,
        formula: [],
        baselineMissing: false,
        rows: [
          {
            ...latencyRow(14_000, 5000, 10_000),
            bare: { wallMs: [11_000], medianWallMs: 11_000, lowerBoundMs: 7500, playwrightOverheadMs: 3500, requests: 300 },
          },
        ],
      },
    },
    want: {
      verdicts: [
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'MISS',
        'NOT MEASURED',
      ],
      reasons: [
        /./,
        /./,
        /./,
        /./,
        /./,
        /./,
        /./,
        /3\.50 s is Playwright's own .* the target allows 3\.00 s over the bound, which Playwright's own cost alone exceeds on this machine$/,
      ],
    },
  },
  {
    name: 'a run bound by its critical path names the longest test',
    given: { latency: { latencyMs: 100, formula: [], baselineMissing: false, rows: [latencyRow(12_000, 8000, 5000)] } },
    want: {
      verdicts: [
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'NOT MEASURED',
        'MISS',
        'NOT MEASURED',
      ],
      reasons: [/./, /./, /./, /./, /./, /./, /./, /the critical path 8\.00 s \(expiry: 5 requests \+ 3\.00 s waits\)/],
    },
  },
];

for (const { name, given, want } of rows) {
  test(`evaluateTargets: ${name}`, () => {
    const verdicts = evaluateTargets(given);
    expect(verdicts.map((v) => v.verdict)).toEqual(want.verdicts);
    want.reasons?.forEach((re, i) => expect(verdicts[i]?.reason).toMatch(re));
    for (const v of verdicts) if (v.verdict !== 'PASS') expect(v.reason).not.toBe('');
  });
}
