import { expect, test, type TestInfo } from '@playwright/test';
import { contractMatchers } from '../../../src/contract/matcher';
import type { RuleId } from '../../../src/domain/rules';
import type { FailureSignature } from '../../../src/domain/failure-signature';
import { ExchangeRecorder } from '../../../src/session/exchange-recorder';
import { FailureCollector } from '../../../src/session/failure-collector';
import { resultOf, type ExchangeSpec } from '../contract/exchange-builders';

/**
 * Issue 24.1, one failure, one rule: a failing status assertion that names the rule it judges signs its failure
 * with that rule and the response it judged — not with every rule its test names, nor the test's last response.
 */

const judgeWith = expect.extend(contractMatchers);
const BAD_REQUEST = { message: 'invalid id', code: 'invalid_request' };

/** One assertion of a test body: a status assertion on a fresh response (with or without a rule), or a plain one. */
type Step =
  | { status: { op: ExchangeSpec['op']; got: number; want: number; rule?: RuleId } }
  | { plain: string }
  | { read: { op: ExchangeSpec['op']; got: number } };

const rows: { given: string; testRules: RuleId[]; steps: Step[]; want: FailureSignature[] }[] = [
  {
    given: 'a 404 assertion naming A6 in a test of A6 and A4: A6 alone, on the response it judged',
    testRules: ['A6', 'A4'],
    steps: [{ status: { op: 'deleteToken', got: 400, want: 404, rule: 'A6' } }, { read: { op: 'getToken', got: 200 } }],
    want: [{ rule: 'A6', operation: 'deleteToken', status: 400 }],
  },
  {
    given: 'two soft assertions naming different rules: each failure its own rule',
    testRules: ['F1', 'A1', 'A6'],
    steps: [
      { status: { op: 'getToken', got: 200, want: 404, rule: 'F1' } },
      { status: { op: 'getTokens', got: 200, want: 401, rule: 'A1' } },
    ],
    want: [
      { rule: 'F1', operation: 'getToken', status: 200 },
      { rule: 'A1', operation: 'getTokens', status: 200 },
    ],
  },
  {
    given: 'a status assertion naming no rule: the test rules, on the response it judged (not a later read)',
    testRules: ['B1'],
    steps: [{ status: { op: 'deleteToken', got: 204, want: 403 } }, { read: { op: 'getToken', got: 200 } }],
    want: [{ rule: 'B1', operation: 'deleteToken', status: 204 }],
  },
  {
    given: 'a plain assertion: the test rules and the last response before it, as before',
    testRules: ['D1', 'D2'],
    steps: [{ read: { op: 'getTokens', got: 200 } }, { plain: 'items.length: expected 3, received 2' }],
    want: [{ rule: 'D1,D2', operation: 'getTokens', status: 200 }],
  },
];

function errorOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

for (const { given, testRules, steps, want } of rows) {
  test(given, () => {
    const errors: { message: string }[] = [];
    const annotations = testRules.map((rule) => ({ type: 'rule', description: rule }));
    const info = { errors, annotations } as unknown as TestInfo;
    const recorder = new ExchangeRecorder(false);
    const collector = new FailureCollector(info);
    for (const step of steps) {
      if ('plain' in step) {
        errors.push({ message: `Error: ${step.plain}` });
        continue;
      }
      const { op, got } = 'status' in step ? step.status : step.read;
      const result = resultOf({ op, status: got, ...(got === 400 ? { body: BAD_REQUEST } : {}) });
      recorder.judge(result, { errorsBefore: errors.length });
      collector.observe(result);
      if (!('status' in step)) continue;
      const { want: allowed, rule } = step.status;
      // What Playwright keeps of the failing matcher: the thrown error's message, whole.
      const thrown = errorOf(() => judgeWith(result, `${op} status`).toHaveStatus(allowed, rule ? { rule } : {}));
      expect(thrown, `${op}: toHaveStatus(${allowed}) on a ${got} fails`).toBeDefined();
      errors.push({ message: thrown ?? '' });
    }
    const failures = collector.collect(
      [],
      undefined,
      () => undefined,
      () => undefined,
      recorder.failedAssertions(),
    );
    expect(failures.map((failure) => failure.signature)).toEqual(want);
    expect(failures.map((failure) => failure.kind)).toEqual(want.map(() => 'assertion'));
  });
}

test('the status message names the rule it judged, after the first line', () => {
  const result = resultOf({ op: 'deleteToken', status: 204 });
  expect(() => judgeWith(result, 'deleteToken with a reader token').toHaveStatus(403, { rule: 'B1' })).toThrow(
    /expected one of 403; received 204 \(rule B1\)/,
  );
});
