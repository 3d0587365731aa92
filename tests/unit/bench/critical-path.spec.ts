import { expect, test } from '@playwright/test';
import { computeCriticalPath, estimateWaitsMs, type CriticalPathInput, type TestTiming } from '../../../src/bench/critical-path';

const t = (id: string, requests: number, zeroLatencyDurationMs: number | null): TestTiming => ({ id, requests, zeroLatencyDurationMs });

test.describe('estimateWaitsMs', () => {
  const rows: { given: { test: TestTiming; bareRequestMs: number }; want: number }[] = [
    { given: { test: t('quick', 5, 12), bareRequestMs: 2 }, want: 2 }, // 12 ms − 5 × 2 ms
    { given: { test: t('sleeps', 4, 3008), bareRequestMs: 2 }, want: 3000 }, // an expiry wait shows as waits
    { given: { test: t('faster than the floor', 10, 5), bareRequestMs: 2 }, want: 0 }, // never negative
    { given: { test: t('no baseline', 10, null), bareRequestMs: 2 }, want: 0 },
  ];
  for (const { given, want } of rows) {
    test(`${given.test.id} → ${want} ms`, () => {
      expect(estimateWaitsMs(given.test, given.bareRequestMs)).toBe(want);
    });
  }
});

test.describe('computeCriticalPath', () => {
  const rows: { name: string; given: CriticalPathInput; want: Partial<ReturnType<typeof computeCriticalPath>> }[] = [
    {
      name: 'no tests: zero',
      given: { tests: [], latencyMs: 100, bareRequestMs: 1, workers: 4 },
      want: { criticalPathMs: 0, longestTestId: null, workBoundMs: 0, lowerBoundMs: 0, totalRequests: 0 },
    },
    {
      name: 'the test with the most requests sets the path when nobody waits',
      given: { tests: [t('a', 3, 3), t('b', 8, 8), t('c', 5, 5)], latencyMs: 100, bareRequestMs: 1, workers: 4 },
      want: {
        criticalPathMs: 800,
        longestTestId: 'b',
        longestTestRequests: 8,
        longestTestWaitsMs: 0,
        workBoundMs: 400,
        lowerBoundMs: 800,
        totalRequests: 16,
      },
    },
    {
      name: 'a test with few requests but an expiry wait can be the longest chain',
      given: { tests: [t('many', 20, 20), t('expiry', 4, 3004)], latencyMs: 100, bareRequestMs: 1, workers: 2 },
      // many: 20 × 100 = 2000; expiry: 4 × 100 + 3000 = 3400
      want: { criticalPathMs: 3400, longestTestId: 'expiry', longestTestWaitsMs: 3000, workBoundMs: 2700, lowerBoundMs: 3400 },
    },
    {
      name: 'with one worker the sum of the work is the bound',
      given: { tests: [t('a', 10, 10), t('b', 10, 10), t('c', 10, 10)], latencyMs: 100, bareRequestMs: 1, workers: 1 },
      want: { criticalPathMs: 1000, workBoundMs: 3000, lowerBoundMs: 3000 },
    },
    {
      name: 'ties keep the first test',
      given: { tests: [t('first', 2, null), t('second', 2, null)], latencyMs: 50, bareRequestMs: 1, workers: 2 },
      want: { criticalPathMs: 100, longestTestId: 'first' },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(computeCriticalPath(given)).toMatchObject(want);
    });
  }

  test('workers < 1 is a clear error', () => {
    expect(() => computeCriticalPath({ tests: [], latencyMs: 100, bareRequestMs: 1, workers: 0 })).toThrow(/workers must be >= 1/);
  });
});
