import { expect, test } from '@playwright/test';
import { BenchInputError, median, peakInWindow, percentile } from '../../../src/bench/stats';

test.describe('median', () => {
  const rows: { given: number[]; want: number }[] = [
    { given: [5], want: 5 },
    { given: [3, 1, 2], want: 2 },
    { given: [4, 1, 3, 2], want: 2.5 },
    { given: [10, 10, 1000], want: 10 }, // one outlier batch does not move it
    { given: [-1, -3, -2], want: -2 },
  ];
  for (const { given, want } of rows) {
    test(`median(${JSON.stringify(given)}) = ${want}`, () => {
      expect(median(given)).toBe(want);
    });
  }

  test('does not reorder its input', () => {
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });

  test('an empty list is a clear error', () => {
    expect(() => median([])).toThrow(BenchInputError);
    expect(() => median([])).toThrow(/no values/);
  });
});

test.describe('percentile (nearest rank)', () => {
  const rows: { given: { values: number[]; p: number }; want: number }[] = [
    { given: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50 }, want: 5 },
    { given: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90 }, want: 9 },
    { given: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 100 }, want: 10 },
    { given: { values: [7], p: 0 }, want: 7 },
  ];
  for (const { given, want } of rows) {
    test(`p${given.p} of ${given.values.length} values = ${want}`, () => {
      expect(percentile(given.values, given.p)).toBe(want);
    });
  }
  test('p outside 0..100 is a clear error', () => {
    expect(() => percentile([1], 101)).toThrow(/within 0\.\.100/);
  });
});

test.describe('peakInWindow (sliding window, half-open [t, t + window))', () => {
  const rows: { name: string; given: { timestamps: number[]; windowMs: number }; want: { count: number; startMs: number | null } }[] = [
    { name: 'no events', given: { timestamps: [], windowMs: 10_000 }, want: { count: 0, startMs: null } },
    { name: 'one event', given: { timestamps: [42], windowMs: 10_000 }, want: { count: 1, startMs: 42 } },
    { name: 'all inside one window', given: { timestamps: [0, 1000, 9999], windowMs: 10_000 }, want: { count: 3, startMs: 0 } },
    { name: 'the window end is exclusive', given: { timestamps: [0, 10_000], windowMs: 10_000 }, want: { count: 1, startMs: 0 } },
    {
      // Fixed 10 s buckets aligned at 0 would count 3 then 2; the sliding window sees the burst of 4 across the boundary.
      name: 'a burst across a fixed-bucket boundary',
      given: { timestamps: [500, 9000, 9500, 10_500, 11_000, 25_000], windowMs: 10_000 },
      want: { count: 4, startMs: 9000 },
    },
    { name: 'unsorted input', given: { timestamps: [30_000, 5, 31_000, 3, 32_000, 4], windowMs: 10_000 }, want: { count: 3, startMs: 3 } },
    { name: 'duplicates count each', given: { timestamps: [7, 7, 7, 20_000], windowMs: 10_000 }, want: { count: 3, startMs: 7 } },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(peakInWindow(given.timestamps, given.windowMs)).toEqual(want);
    });
  }

  test('a window of 0 ms is a clear error', () => {
    expect(() => peakInWindow([1], 0)).toThrow(/windowMs must be > 0/);
  });
});
