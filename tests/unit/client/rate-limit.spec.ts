import { expect, test } from '@playwright/test';
import { computeProactiveWait, computeRateLimitWait, defaultBackoffMs, WaitBudget } from '../../../src/client/rate-limit';

const CLIENT_NOW = Date.parse('2026-01-01T12:00:00Z');
const noJitter = () => 0;

test.describe('computeRateLimitWait (A5)', () => {
  const serverDate = 'Thu, 01 Jan 2026 13:00:00 GMT'; // the server's clock runs an hour ahead of the client
  const serverNow = Date.parse(serverDate);
  const rows: { name: string; given: Record<string, string>; want: { waitMs: number; source: string } }[] = [
    { name: 'Retry-After seconds', given: { 'retry-after': '3' }, want: { waitMs: 3000, source: 'retry-after' } },
    { name: 'Retry-After fractional seconds', given: { 'retry-after': '0.5' }, want: { waitMs: 500, source: 'retry-after' } },
    {
      name: 'X-Ratelimit-Reset against the client clock when there is no Date',
      given: { 'x-ratelimit-reset': String(CLIENT_NOW + 2500) },
      want: { waitMs: 2500, source: 'x-ratelimit-reset' },
    },
    {
      name: 'X-Ratelimit-Reset against the SERVER Date, not the client clock',
      given: { date: serverDate, 'x-ratelimit-reset': String(serverNow + 1200) },
      want: { waitMs: 1200, source: 'x-ratelimit-reset' },
    },
    {
      name: 'both: the later wins (reset)',
      given: { 'retry-after': '1', 'x-ratelimit-reset': String(CLIENT_NOW + 4000) },
      want: { waitMs: 4000, source: 'x-ratelimit-reset' },
    },
    {
      name: 'both: the later wins (retry-after)',
      given: { 'retry-after': '5', 'x-ratelimit-reset': String(CLIENT_NOW + 4000) },
      want: { waitMs: 5000, source: 'retry-after' },
    },
    {
      name: 'both, a minute apart (A12 disagreement): the reset, not the longer Retry-After',
      given: { date: serverDate, 'retry-after': '60', 'x-ratelimit-reset': String(serverNow + 1000) },
      want: { waitMs: 1000, source: 'x-ratelimit-reset' },
    },
    {
      name: 'both, a gateway Retry-After of 1000 s beside a 1 s reset: 1 s, never 1000 s',
      given: { date: serverDate, 'retry-after': '1000', 'x-ratelimit-reset': String(serverNow + 1000) },
      want: { waitMs: 1000, source: 'x-ratelimit-reset' },
    },
    {
      name: 'both, within one window (+2 s of rounding) of each other: still the later',
      given: { date: serverDate, 'retry-after': '13', 'x-ratelimit-reset': String(serverNow + 1000) },
      want: { waitMs: 13000, source: 'retry-after' },
    },
    {
      name: 'reset already passed by the server Date → no wait',
      given: { date: serverDate, 'x-ratelimit-reset': String(serverNow - 10_000) },
      want: { waitMs: 0, source: 'x-ratelimit-reset' },
    },
    {
      name: 'no Date and a reset 7 min ahead of the client (a skewed server) → default backoff, not a 7 min wait',
      given: { 'x-ratelimit-reset': String(CLIENT_NOW + 7 * 60_000) },
      want: { waitMs: 1000, source: 'default' },
    },
    {
      name: 'no Date and a reset behind the client clock (a slow server) → default backoff',
      given: { 'x-ratelimit-reset': String(CLIENT_NOW - 10_000) },
      want: { waitMs: 1000, source: 'default' },
    },
    {
      name: 'Retry-After as an HTTP date, against the server Date',
      given: { date: serverDate, 'retry-after': 'Thu, 01 Jan 2026 13:00:07 GMT' },
      want: { waitMs: 7000, source: 'retry-after' },
    },
    { name: 'no hint → default backoff', given: {}, want: { waitMs: 1000, source: 'default' } },
    {
      name: 'garbage hints → default backoff',
      given: { 'retry-after': 'soon', 'x-ratelimit-reset': 'later' },
      want: { waitMs: 1000, source: 'default' },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(computeRateLimitWait(given, { clientNow: CLIENT_NOW, attempt: 1, random: noJitter })).toEqual(want);
    });
  }

  test('jitter adds at most 100 ms + 10 % and never shortens the wait', () => {
    const low = computeRateLimitWait({ 'retry-after': '2' }, { clientNow: CLIENT_NOW, attempt: 1, random: () => 0 });
    const high = computeRateLimitWait({ 'retry-after': '2' }, { clientNow: CLIENT_NOW, attempt: 1, random: () => 0.999 });
    expect(low.waitMs).toBe(2000);
    expect(high.waitMs).toBeGreaterThan(2000);
    expect(high.waitMs).toBeLessThanOrEqual(2000 + 100 + 200);
  });

  test('default backoff doubles and is capped', () => {
    expect([1, 2, 3, 10].map(defaultBackoffMs)).toEqual([1000, 2000, 4000, 30_000]);
  });
});

test('WaitBudget takes only what fits', () => {
  const budget = new WaitBudget(1000);
  expect(budget.tryTake(600)).toBe(true);
  expect(budget.tryTake(600)).toBe(false);
  expect(budget.spentMs).toBe(600);
  expect(budget.remainingMs).toBe(400);
  expect(budget.tryTake(400)).toBe(true);
  expect(budget.remainingMs).toBe(0);
});

test('WaitBudget grows with the requests a test sends: B × (1 + n / 100), at most 10 × B (issue 23)', () => {
  const budget = new WaitBudget(30_000);
  expect(budget.totalMs).toBe(30_000);
  budget.noteRequest();
  expect(budget.totalMs).toBe(30_300);
  for (let i = 1; i < 150; i++) budget.noteRequest();
  expect(budget.requestsSent).toBe(150);
  expect(budget.totalMs).toBe(75_000);
  // A wait that did not fit the fixed 30 s fits now, and is taken from the grown allowance.
  expect(budget.tryTake(40_000)).toBe(true);
  expect(budget.remainingMs).toBe(35_000);
  for (let i = 150; i < 5_000; i++) budget.noteRequest();
  expect(budget.totalMs, 'capped: one test cannot wait forever').toBe(300_000);
  expect(budget.tryTake(260_001)).toBe(false);

  const never = new WaitBudget(0);
  for (let i = 0; i < 1_000; i++) never.noteRequest();
  expect(never.totalMs, 'LD_RATE_LIMIT_BUDGET_MS=0 still means never wait').toBe(0);
  expect(never.tryTake(1)).toBe(false);
});

test.describe('computeProactiveWait: slowing before a 429 on a remaining count of 0 (issue 25.5)', () => {
  const serverDate = 'Thu, 01 Jan 2026 13:00:00 GMT'; // the server's clock an hour ahead of the client
  const serverNow = Date.parse(serverDate);
  const rows: { name: string; given: Record<string, string>; want: number }[] = [
    { name: 'no rate-limit headers → go on', given: {}, want: 0 },
    {
      name: 'requests remaining → go on',
      given: { date: serverDate, 'x-ratelimit-global-remaining': '3', 'x-ratelimit-reset': String(serverNow + 4000) },
      want: 0,
    },
    {
      name: 'global remaining 0 → until the reset, on the server Date',
      given: { date: serverDate, 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': String(serverNow + 4000) },
      want: 4000,
    },
    {
      name: 'route remaining 0 (global left) → until the reset',
      given: {
        date: serverDate,
        'x-ratelimit-global-remaining': '50',
        'x-ratelimit-route-remaining': '0',
        'x-ratelimit-reset': String(serverNow + 2500),
      },
      want: 2500,
    },
    {
      name: 'remaining 0 and the reset already passed → go on',
      given: { date: serverDate, 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': String(serverNow - 500) },
      want: 0,
    },
    { name: 'remaining 0 without a reset → the 1 s fallback', given: { 'x-ratelimit-route-remaining': '0' }, want: 1000 },
    {
      name: 'remaining 0 with a reset that is no number → the 1 s fallback',
      given: { 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': 'soon' },
      want: 1000,
    },
    {
      name: 'remaining 0, no Date, a reset 2 s ahead of the client → 2 s',
      given: { 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': String(CLIENT_NOW + 2000) },
      want: 2000,
    },
    {
      name: 'remaining 0, no Date, a reset an hour ahead of the client (a skewed server) → the 1 s fallback',
      given: { 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': String(CLIENT_NOW + 3_600_000) },
      want: 1000,
    },
    {
      name: 'remaining 0, a reset a minute past the Date → one window at most',
      given: { date: serverDate, 'x-ratelimit-global-remaining': '0', 'x-ratelimit-reset': String(serverNow + 60_000) },
      want: 10_000,
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(computeProactiveWait(given, { clientNow: CLIENT_NOW })).toBe(want);
    });
  }
});
