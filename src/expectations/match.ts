/**
 * Matching a test's failures against the known deviations. Pure, shared by the fixture (which decides
 * whether the test is an accepted, expected failure) and the reporters (which list matched, unmatched
 * and expired entries), so both judge the same way.
 */
import { isExpired, type ExpectationEntry } from './expectations-file';
import { isCauseSignature, sameSignature, type FailureSignature, type TestFailure } from './failure-signature';

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
    // An exact entry first: when a file has both, the per-check entry is the one the failure is reported against.
    const entry = live.find((e) => covers(e.failure, failure, 'exact')) ?? live.find((e) => covers(e.failure, failure, 'cause'));
    if (entry) result.matched.push({ failure, entry });
    else result.unmatched.push(failure);
  }
  return result;
}

/**
 * Whether an entry's signature covers a failure. `exact`: the same signature (an entry for one check or one
 * rule). `cause`: an entry with an operation and status but no check and no rule covers every contract
 * check that failed on that response — one HTML 413 from a load balancer breaks the status, content-type
 * and schema checks at once, and that is one thing to accept, not three. It covers nothing else: not an
 * assertion (a rule is its own cause), not another operation or status. An environment failure says
 * nothing about the target's contract: never covered.
 */
export function covers(entry: FailureSignature, failure: TestFailure, how: 'exact' | 'cause'): boolean {
  if (failure.kind === 'environment') return false;
  if (how === 'exact') return sameSignature(entry, failure.signature);
  const s = failure.signature;
  return (
    isCauseSignature(entry) &&
    failure.kind === 'contract' &&
    s.check !== undefined &&
    s.rule === undefined &&
    entry.operation !== undefined &&
    entry.status !== undefined &&
    s.operation === entry.operation &&
    s.status === entry.status
  );
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
