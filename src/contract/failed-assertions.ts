import type { HttpExchange } from './exchange';

/**
 * The exchanges a failing status assertion judged (toHaveStatus), so the failed test's curl attachment
 * reproduces that very request, not the last one the test sent (issue 24.2: a reader's forbidden delete, not
 * the admin's clean-up delete). Kept by identity in a WeakSet: the session that recorded the exchange asks
 * about its own objects only, and nothing outlives the test that sent it.
 */
const judgedByFailedAssertion = new WeakSet<HttpExchange>();

export function noteFailedAssertion(exchange: HttpExchange): void {
  judgedByFailedAssertion.add(exchange);
}

export function wasJudgedByFailedAssertion(exchange: HttpExchange): boolean {
  return judgedByFailedAssertion.has(exchange);
}
