/**
 * Matching a test's failures against the known deviations. Pure, shared by the fixture (which decides
 * whether the test is an accepted, expected failure) and the reporters (which list matched, unmatched
 * and expired entries), so both judge the same way.
 */
import { isExpired, type ExpectationEntry } from './expectations-file';
import { sameSignature, type TestFailure } from './failure-signature';

export interface TestMatch {
  matched: { failure: TestFailure; entry: ExpectationEntry }[];
  /** Failures no live entry covers: they fail the test whatever else matched. */
  unmatched: TestFailure[];
}

export function matchTestFailures(
  testTitle: string,
  failures: readonly TestFailure[],
  entries: readonly ExpectationEntry[],
  now: Date = new Date(),
): TestMatch {
  const live = entries.filter((entry) => entry.test === testTitle && !isExpired(entry, now));
  const result: TestMatch = { matched: [], unmatched: [] };
  for (const failure of failures) {
    // An environment failure says nothing about the target's contract: never accepted as a deviation.
    const entry = failure.kind === 'environment' ? undefined : live.find((e) => sameSignature(e.failure, failure.signature));
    if (entry) result.matched.push({ failure, entry });
    else result.unmatched.push(failure);
  }
  return result;
}

/** The whole test is a known deviation only when it failed with failures that ALL match. */
export function isKnownDeviation(match: TestMatch): boolean {
  return match.matched.length > 0 && match.unmatched.length === 0;
}

/** The annotation text a matched failure gets in the report: signature, reason, link, expiry. */
export function describeMatch(entry: ExpectationEntry, signatureText: string): string {
  const extras = [entry.link, entry.expires ? `expires ${entry.expires}` : undefined].filter(Boolean).join('; ');
  return `${signatureText} — ${entry.reason}${extras ? ` (${extras})` : ''}`;
}
