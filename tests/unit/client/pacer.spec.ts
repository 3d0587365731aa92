import { expect, test } from '@playwright/test';
import { TokenBucketPacer } from '../../../src/client/pacer';

test('token bucket: burst passes at once, then one slot per 1/rate seconds (fake clock)', () => {
  let now = 0;
  const pacer = new TokenBucketPacer(4, 2, () => now);
  // Two tokens of burst, then each reservation queues 250 ms behind the previous one.
  expect([pacer.reserve(), pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 0, 250, 500]);
  now = 2_000; // long idle: refills to the burst, not beyond
  expect([pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 0, 250]);
});

test('token bucket: measured with real time, N takes at rate r last at least (N-1)/r', async () => {
  const pacer = new TokenBucketPacer(20);
  const started = performance.now();
  await Promise.all(Array.from({ length: 6 }, () => pacer.take()));
  const elapsed = performance.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(5 * 50 - 5);
  expect(elapsed).toBeLessThan(2_000);
});

test('rejects a rate or burst that cannot pace', () => {
  expect(() => new TokenBucketPacer(0)).toThrow(/rate must be positive/);
  expect(() => new TokenBucketPacer(1, 0)).toThrow(/burst must be at least 1/);
});
