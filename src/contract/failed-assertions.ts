import type { HttpExchange } from './exchange';

/**
 * The exchanges a failing status assertion judged (toHaveStatus), so the failed test's curl attachment
 * reproduces that very request, not the last one the test sent (issue 24.2: a reader's forbidden delete, not
 * the admin's clean-up delete), and the rule the assertion said it judged, so its failure marks that rule and
 * not every rule its test names (issue 24.1: one failure, one rule). Kept by identity in a WeakMap: the session
 * that recorded the exchange asks about its own objects only, and nothing outlives the test that sent it.
 */
export interface FailedAssertionNote {
  /** The rule id(s) the assertion judged, as the caller named them (e.g. "A6"); absent: the test's rules. */
  rule?: string;
  /**
   * The matcher's own message (describeStatusMismatch), which Playwright quotes whole in the error it records:
   * how the failure collector tells which of the test's errors this assertion raised.
   */
  message: string;
}

const judgedByFailedAssertion = new WeakMap<HttpExchange, FailedAssertionNote[]>();

export function noteFailedAssertion(exchange: HttpExchange, note: FailedAssertionNote = { message: '' }): void {
  const notes = judgedByFailedAssertion.get(exchange) ?? [];
  notes.push(note);
  judgedByFailedAssertion.set(exchange, notes);
}

export function wasJudgedByFailedAssertion(exchange: HttpExchange): boolean {
  return judgedByFailedAssertion.has(exchange);
}

/** What each failing assertion on `exchange` noted, in the order they failed. */
export function failedAssertionsOn(exchange: HttpExchange): readonly FailedAssertionNote[] {
  return judgedByFailedAssertion.get(exchange) ?? [];
}
