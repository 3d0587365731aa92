import { expect, test } from '@playwright/test';
import type { ExpectationEntry } from '../../../src/expectations/expectations-file';
import type { TestFailure } from '../../../src/expectations/failure-signature';
import { isKnownDeviation, matchTestFailures } from '../../../src/expectations/match';

const T = 'resetToken.spec.ts › resetToken › resetToken 200 issues a new secret';
const NOW = new Date('2026-11-30T12:00:00Z');
const statusFailure: TestFailure = {
  kind: 'contract',
  signature: { check: 'status_code_conformance', operation: 'resetToken', status: 201 },
  message: 'm',
};
const ruleFailure: TestFailure = { kind: 'assertion', signature: { rule: 'G1', operation: 'resetToken', status: 201 }, message: 'm' };
const envFailure: TestFailure = {
  kind: 'environment',
  signature: { check: 'environment', operation: 'resetToken', status: 429 },
  message: 'm',
};
const entryFor = (f: TestFailure, extra: Partial<ExpectationEntry> = {}): ExpectationEntry => ({
  test: T,
  failure: f.signature,
  reason: 'accepted',
  ...extra,
});

const rows: {
  name: string;
  given: { failures: TestFailure[]; entries: ExpectationEntry[]; title?: string };
  want: { matched: number; unmatched: number; known: boolean };
}[] = [
  {
    name: 'every failure listed',
    given: { failures: [statusFailure, ruleFailure], entries: [entryFor(statusFailure), entryFor(ruleFailure)] },
    want: { matched: 2, unmatched: 0, known: true },
  },
  {
    name: 'a second, new failure in the same test still fails it',
    given: { failures: [statusFailure, ruleFailure], entries: [entryFor(statusFailure)] },
    want: { matched: 1, unmatched: 1, known: false },
  },
  {
    name: 'same signature, other status',
    given: { failures: [statusFailure], entries: [{ ...entryFor(statusFailure), failure: { ...statusFailure.signature, status: 200 } }] },
    want: { matched: 0, unmatched: 1, known: false },
  },
  {
    name: 'same signature, other test',
    given: { failures: [statusFailure], entries: [entryFor(statusFailure)], title: `${T} (other)` },
    want: { matched: 0, unmatched: 1, known: false },
  },
  {
    name: 'expired entry no longer matches',
    given: { failures: [statusFailure], entries: [entryFor(statusFailure, { expires: '2026-11-29' })] },
    want: { matched: 0, unmatched: 1, known: false },
  },
  {
    name: 'entry expiring today still matches',
    given: { failures: [statusFailure], entries: [entryFor(statusFailure, { expires: '2026-11-30' })] },
    want: { matched: 1, unmatched: 0, known: true },
  },
  {
    name: 'environment failures never match',
    given: { failures: [envFailure], entries: [entryFor(envFailure)] },
    want: { matched: 0, unmatched: 1, known: false },
  },
  {
    name: 'no failures: not a known deviation',
    given: { failures: [], entries: [entryFor(statusFailure)] },
    want: { matched: 0, unmatched: 0, known: false },
  },
];

for (const { name, given, want } of rows) {
  test(name, () => {
    const match = matchTestFailures(given.title ?? T, given.failures, given.entries, NOW);
    expect({ matched: match.matched.length, unmatched: match.unmatched.length, known: isKnownDeviation(match) }).toEqual(want);
  });
}
