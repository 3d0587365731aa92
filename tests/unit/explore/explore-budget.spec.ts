import { expect, test } from '@playwright/test';
import { EXPLORE_WAIT_SHARE, ExploreBudget, type RateLimitWaits } from '../../../src/explore/explore-budget';

/** Issue 23: rate limits make explore stop generating (inconclusive), never fail it. */

test('explore stops generating once it has waited its share of the allowance, and says why', () => {
  const waits: RateLimitWaits = { spentMs: 0, allowanceMs: 10_000 };
  const budget = new ExploreBudget(100, 400, () => waits);
  expect(budget.canSpend()).toBe(true);
  waits.spentMs = EXPLORE_WAIT_SHARE * 10_000 - 1;
  expect(budget.canSpend()).toBe(true);
  expect(budget.rateLimited()).toBeNull();
  waits.spentMs = EXPLORE_WAIT_SHARE * 10_000;
  expect(budget.canSpend()).toBe(false);
  expect(budget.rateLimited()).toBe('its share of the 429 wait allowance is spent (waited 8000 ms of 10000 ms)');
  // Sticky: the allowance growing again later does not restart generation mid-way.
  waits.allowanceMs = 1_000_000;
  expect(budget.canSpend()).toBe(false);
  expect(budget.aborted(), 'not an environment failure').toBeNull();
});

test('the client giving up on a 429 stops explore softly; no waiting at all never stops it', () => {
  const budget = new ExploreBudget(100, 400, () => ({ spentMs: 0, allowanceMs: 0 }));
  expect(budget.canSpend(), 'LD_RATE_LIMIT_BUDGET_MS=0 and no 429 seen: explore runs').toBe(true);
  budget.stopRateLimited(new Error('Environment failure: rate limited by host …\nmore'));
  expect(budget.canSpend()).toBe(false);
  expect(budget.rateLimited()).toBe('Environment failure: rate limited by host …');
  expect(budget.aborted()).toBeNull();
});
