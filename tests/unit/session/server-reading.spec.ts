import { expect, test } from '@playwright/test';
import { msUntilServerPasses, readServerClock, serverLowerAt, serverUpperAt } from '../../../src/session/server-reading';

const T = 1_700_000_000_123; // a millisecond timestamp (not a whole second)
const D = 1_700_000_000_000; // its Date header, whole seconds

test.describe('readServerClock', () => {
  const rows = [
    { given: 'a precise timestamp and its Date', response: { precise: T, date: D }, want: { low: T, high: T } },
    { given: 'a precise timestamp alone', response: { precise: T, date: null }, want: { low: T, high: T } },
    { given: 'the Date alone: up to 999 ms past it', response: { precise: null, date: D }, want: { low: D, high: D + 999 } },
    {
      given: 'a whole-second timestamp (maybe truncated): the Date decides',
      response: { precise: D, date: D },
      want: { low: D, high: D + 999 },
    },
    {
      given: 'a timestamp more than a second before the Date (stale, not now): the Date decides',
      response: { precise: D - 1_500, date: D },
      want: { low: D, high: D + 999 },
    },
    {
      given: 'a timestamp just before the Date second (the second turned between them): both bounds at the Date',
      response: { precise: D - 3, date: D },
      want: { low: D, high: D },
    },
    { given: 'neither', response: { precise: null, date: null }, want: null },
    { given: 'a non-finite timestamp and no Date', response: { precise: Number.NaN, date: null }, want: null },
  ];
  for (const { given, response, want } of rows) {
    test(given, () => {
      const reading = readServerClock(response, 10, 30);
      expect(reading).toEqual(want === null ? null : { ...want, sentAt: 10, receivedAt: 30 });
    });
  }
});

test.describe('bounds move with local time from the exchange, the round trip between them', () => {
  const reading = { low: T, high: T, sentAt: 1_000, receivedAt: 1_040 };
  const rows = [
    { given: 'at the moment we received it', now: 1_040, want: { lower: T, upper: T + 40, until: 101 } },
    { given: '100 ms later', now: 1_140, want: { lower: T + 100, upper: T + 140, until: 1 } },
    { given: '500 ms later: past the expiry', now: 1_540, want: { lower: T + 500, upper: T + 540, until: 0 } },
  ];
  for (const { given, now, want } of rows) {
    test(given, () => {
      expect(serverLowerAt(reading, now)).toBe(want.lower);
      expect(serverUpperAt(reading, now)).toBe(want.upper);
      // An expiry 100 ms after the reading's timestamp.
      expect(msUntilServerPasses(reading, T + 100, now)).toBe(want.until);
    });
  }
});
