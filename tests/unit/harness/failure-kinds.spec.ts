import { expect, test } from '@playwright/test';
import { classifyError, classifyTest, type FailureKind } from '../../../src/domain/failure-kinds';
import { judgeDetection } from '../../../src/harness/detection';
import type { FailedTest, SuiteRunResult } from '../../../src/harness/run-suite';

test.describe('classifyError', () => {
  const rows: { given: string; want: FailureKind }[] = [
    { given: 'Error: getToken 200: response_schema_conformance failed at /token', want: 'contract' },
    { given: '\u001b[31mTest timeout of 60000ms exceeded.\u001b[39m', want: 'timeout' },
    { given: 'Error: apiRequestContext.fetch: Request context disposed.', want: 'timeout' },
    { given: 'Environment failure: rate limited by 127.0.0.1:1 on getTokens', want: 'environment' },
    { given: 'Error: Teardown failure: Environment failure: deleteToken answered 503', want: 'teardown' },
    { given: 'TokenSetupError: Set-up failure: reader: postToken answered 500, expected 201', want: 'setup' },
    { given: 'Testing stopped early after 3 maximum allowed failures.', want: 'run' },
  ];
  for (const { given, want } of rows) test(`${want}: ${given.slice(0, 50)}`, () => expect(classifyError(given)).toBe(want));
});

test.describe('classifyTest', () => {
  const rows: { name: string; given: { messages: string[]; annotation?: boolean }; want: FailureKind }[] = [
    { name: 'a contract error wins over a later environment error', given: { messages: ['Error: 500 undocumented', 'Environment failure: budget spent'] }, want: 'contract' },
    { name: 'a contract error wins over a timeout', given: { messages: ['Test timeout of 5000ms exceeded.', 'Error: expected 404'] }, want: 'contract' },
    { name: 'environment only', given: { messages: ['Environment failure: 503'] }, want: 'environment' },
    { name: 'the annotation does not override a contract error', given: { messages: ['Error: expected 204'], annotation: true }, want: 'contract' },
    { name: 'set-up beats environment', given: { messages: ['Set-up failure: x', 'Environment failure: y'] }, want: 'setup' },
  ];
  for (const { name, given, want } of rows) test(name, () => expect(classifyTest(given.messages, given.annotation)).toBe(want));
});

test.describe('judgeDetection (self-check and alt-detection)', () => {
  const failed = (kind: FailureKind, rules: string[] = [], title: string = kind): FailedTest => ({ title, file: 'x.spec.ts', message: kind, kind, environment: kind === 'environment', rules });
  const run = (failedTests: FailedTest[], extra: Partial<SuiteRunResult> = {}): SuiteRunResult => ({
    exitCode: failedTests.length ? 1 : 0, timedOut: false, interrupted: false, durationMs: 1, stdout: '', stderr: '', stats: null, failedTests, report: null, ...extra,
  });
  const rows: { name: string; given: SuiteRunResult; want: { verdict: string; byRule: boolean } }[] = [
    { name: 'a contract failure of the rule', given: run([failed('environment'), failed('contract', ['A7'], 'a7 test')]), want: { verdict: 'detected', byRule: true } },
    { name: 'a contract failure of another rule', given: run([failed('contract', ['D1'])]), want: { verdict: 'detected', byRule: false } },
    { name: 'timeouts only', given: run([failed('timeout', ['A7'])]), want: { verdict: 'weak', byRule: false } },
    { name: 'environment and clean-up only', given: run([failed('environment'), failed('teardown'), failed('setup')]), want: { verdict: 'weak', byRule: false } },
    { name: 'the run timed out without a report', given: run([], { timedOut: true, exitCode: null }), want: { verdict: 'weak', byRule: false } },
    { name: 'a global error only', given: run([failed('run')]), want: { verdict: 'weak', byRule: false } },
    { name: 'a passing run', given: run([]), want: { verdict: 'missed', byRule: false } },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => expect(judgeDetection(given, 'A7')).toMatchObject(want));
  }
});
