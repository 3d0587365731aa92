import { expect, test } from '@playwright/test';
import { EnvironmentError, TransportError } from '../../../src/client/errors';
import {
  classifyTest,
  failureKindAnnotation,
  failureKindOf,
  firstErrorOfKind,
  readFailureKinds,
  type AttemptFacts,
  type FailureKind,
  type RecordedFailureKind,
} from '../../../src/domain/failure-kinds';
import { judgeDetection } from '../../../src/harness/detection';
import type { FailedTest, SuiteRunResult } from '../../../src/harness/run-suite';

/** One attempt as the readers see it: Playwright's status, its error count, and the kinds the fixtures recorded. */
const attempt = (status: AttemptFacts['status'], errorCount: number, ...recorded: RecordedFailureKind[]): AttemptFacts => ({
  status,
  errorCount,
  recorded,
});

test.describe('classifyTest over typed data', () => {
  const rows: { name: string; given: AttemptFacts; want: FailureKind }[] = [
    // One row per kind.
    { name: 'an error nobody typed (a plain expect() in the body) is contract', given: attempt('failed', 1), want: 'contract' },
    { name: 'an error recorded as environment', given: attempt('failed', 1, { kind: 'environment', error: 0 }), want: 'environment' },
    { name: 'an error recorded as set-up', given: attempt('failed', 1, { kind: 'setup', error: 0 }), want: 'setup' },
    { name: 'an error recorded as teardown', given: attempt('failed', 1, { kind: 'teardown', error: 0 }), want: 'teardown' },
    { name: 'timed out first: the timeout error and a request torn down with it', given: attempt('timedOut', 2), want: 'timeout' },
    { name: 'interrupted (the run was stopped)', given: attempt('interrupted', 0), want: 'run' },
    // Contract wins.
    {
      name: 'a contract error wins over a later environment error',
      given: attempt('failed', 2, { kind: 'environment', error: 1 }),
      want: 'contract',
    },
    {
      name: 'a contract breach the fixtures recorded wins over a timeout',
      given: attempt('timedOut', 2, { kind: 'contract' }),
      want: 'contract',
    },
    { name: 'a contract error wins over a teardown error', given: attempt('failed', 2, { kind: 'teardown', error: 1 }), want: 'contract' },
    // Precedence among the others: setup, teardown, environment, timeout, run.
    {
      name: 'set-up beats environment',
      given: attempt('failed', 2, { kind: 'setup', error: 0 }, { kind: 'environment', error: 1 }),
      want: 'setup',
    },
    {
      name: 'set-up beats teardown',
      given: attempt('failed', 2, { kind: 'teardown', error: 1 }, { kind: 'setup', error: 0 }),
      want: 'setup',
    },
    {
      name: 'teardown beats environment',
      given: attempt('failed', 2, { kind: 'environment', error: 0 }, { kind: 'teardown', error: 1 }),
      want: 'teardown',
    },
    { name: 'environment beats timeout', given: attempt('timedOut', 2, { kind: 'environment', error: 1 }), want: 'environment' },
    { name: 'teardown after a timeout beats the timeout', given: attempt('timedOut', 2, { kind: 'teardown', error: 1 }), want: 'teardown' },
    { name: 'interrupted: an error after the stop is its consequence', given: attempt('interrupted', 1), want: 'run' },
    // A recorded kind types only the error it names.
    {
      name: 'an environment record does not cover a second, untyped error',
      given: attempt('failed', 2, { kind: 'environment', error: 0 }),
      want: 'contract',
    },
    {
      name: 'a record of an error the attempt does not have types nothing',
      given: attempt('failed', 1, { kind: 'environment', error: 3 }),
      want: 'contract',
    },
    {
      name: 'two records of one error: the first counts',
      given: attempt('failed', 1, { kind: 'environment', error: 0 }, { kind: 'setup', error: 0 }),
      want: 'environment',
    },
    { name: 'no error, nothing recorded', given: attempt('failed', 0), want: 'contract' },
    { name: 'timed out with no error listed', given: attempt('timedOut', 0), want: 'timeout' },
  ];
  for (const { name, given, want } of rows) test(name, () => expect(classifyTest(given)).toBe(want));

  test('the evidence is the first error of the deciding kind', () => {
    const given = attempt('failed', 3, { kind: 'environment', error: 0 }, { kind: 'environment', error: 2 });
    expect(firstErrorOfKind(given, 'contract')).toBe(1);
    expect(firstErrorOfKind(given, 'environment')).toBe(0);
    expect(firstErrorOfKind(attempt('failed', 1), 'teardown')).toBeUndefined();
  });
});

test.describe('failure-kind annotations', () => {
  test('what the fixtures write is what the readers read', () => {
    const written: RecordedFailureKind[] = [{ kind: 'environment', error: 0 }, { kind: 'contract' }, { kind: 'teardown', error: 2 }];
    const annotations = [{ type: 'rule', description: 'A1' }, ...written.map(failureKindAnnotation)];
    expect(readFailureKinds(annotations)).toEqual(written);
  });

  test('a malformed failure-kind annotation types nothing', () => {
    const bad = [
      'not json',
      '{"kind":"weather","error":0}',
      '{"kind":"environment","error":-1}',
      '{"kind":"environment","error":"0"}',
      'null',
    ];
    expect(readFailureKinds([...bad.map((description) => ({ type: 'failure-kind', description })), { type: 'failure-kind' }])).toEqual([]);
  });

  test('an error carries its kind as a field, read by a typed check; its message prefix types nothing', () => {
    expect(failureKindOf(new EnvironmentError('rate limited'))).toBe('environment');
    expect(failureKindOf(new TransportError('Request failed'))).toBeUndefined();
    expect(failureKindOf(new Error('Environment failure: the prefix alone'))).toBeUndefined();
    expect(failureKindOf(Object.assign(new Error('x'), { failureKind: 'weather' }))).toBeUndefined();
    expect(failureKindOf('Environment failure: a string')).toBeUndefined();
  });
});

test.describe('judgeDetection (self-check and alt-detection)', () => {
  const failed = (kind: FailureKind, rules: string[] = [], title: string = kind): FailedTest => ({
    title,
    file: 'x.spec.ts',
    message: kind,
    kind,
    environment: kind === 'environment',
    rules,
  });
  const run = (failedTests: FailedTest[], extra: Partial<SuiteRunResult> = {}): SuiteRunResult => ({
    exitCode: failedTests.length ? 1 : 0,
    timedOut: false,
    interrupted: false,
    durationMs: 1,
    stdout: '',
    stderr: '',
    stats: null,
    failedTests,
    report: null,
    ...extra,
  });
  const rows: { name: string; given: SuiteRunResult; want: { verdict: string; byRule: boolean } }[] = [
    {
      name: 'a contract failure of the rule',
      given: run([failed('environment'), failed('contract', ['A7'], 'a7 test')]),
      want: { verdict: 'detected', byRule: true },
    },
    { name: 'a contract failure of another rule', given: run([failed('contract', ['D1'])]), want: { verdict: 'detected', byRule: false } },
    { name: 'timeouts only', given: run([failed('timeout', ['A7'])]), want: { verdict: 'weak', byRule: false } },
    {
      name: 'environment and clean-up only',
      given: run([failed('environment'), failed('teardown'), failed('setup')]),
      want: { verdict: 'weak', byRule: false },
    },
    {
      name: 'the run timed out without a report',
      given: run([], { timedOut: true, exitCode: null }),
      want: { verdict: 'weak', byRule: false },
    },
    { name: 'a global error only', given: run([failed('run')]), want: { verdict: 'weak', byRule: false } },
    { name: 'a passing run', given: run([]), want: { verdict: 'missed', byRule: false } },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => expect(judgeDetection(given, 'A7')).toMatchObject(want));
  }
});
