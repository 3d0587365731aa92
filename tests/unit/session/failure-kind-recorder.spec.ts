import { expect, test, type TestInfo } from '@playwright/test';
import { A7BlockedError, EnvironmentError, HangError } from '../../../src/client/errors';
import { FailureCollector } from '../../../src/session/failure-collector';
import { readFailureKinds } from '../../../src/domain/failure-kinds';
import { FailureKindRecorder } from '../../../src/session/failure-kind-recorder';
import { TokenSetupError, WholeSecretMissingError } from '../../../src/session/token-factory';
import { ExploreFailed } from '../../../src/explore/run-explore';

/**
 * The fixtures' side of typed failure kinds: each error in testInfo.errors that was thrown typed gets its kind
 * recorded with its index; everything else stays untyped. The errors below are in the form Playwright stores a
 * thrown Error (`name: message`); tests/system/failure-kinds.spec.ts proves it end to end on a real run.
 */
function fakeTestInfo(): { info: TestInfo; errors: { message: string }[]; annotations: { type: string; description?: string }[] } {
  const errors: { message: string }[] = [];
  const annotations: { type: string; description?: string }[] = [];
  return { info: { errors, annotations } as unknown as TestInfo, errors, annotations };
}

test('a typed error that reached the test is recorded by its index; an untyped one and a caught one are not', () => {
  const { info, errors, annotations } = fakeTestInfo();
  const recorder = new FailureKindRecorder(info);
  const reached = new EnvironmentError('getToken answered 503 3 time(s)');
  const caught = new EnvironmentError('rate limited, caught by the test');
  const setup = new TokenSetupError('reader: postToken answered 500, expected 201');
  for (const error of [reached, caught, setup, new Error('not typed')]) recorder.note(error);

  errors.push(
    { message: 'Error: expect(received).toBe(expected)' },
    { message: `EnvironmentError: ${reached.message}` },
    { message: `TokenSetupError: ${setup.message}` },
  );
  recorder.recordErrors();
  recorder.recordErrors(); // idempotent: an index is recorded once
  expect(readFailureKinds(annotations)).toEqual([
    { kind: 'environment', error: 1 },
    { kind: 'setup', error: 2 },
  ]);
  expect([0, 1, 2].map((i) => recorder.kindAt(i))).toEqual([undefined, 'environment', 'setup']);
});

test('a message that only looks typed is not: the kind comes from the object that was thrown', () => {
  const { info, errors, annotations } = fakeTestInfo();
  const recorder = new FailureKindRecorder(info);
  errors.push({ message: 'Error: Environment failure: spelled by hand' });
  recorder.recordErrors();
  expect(annotations).toEqual([]);
});

test("the fixture's own teardown error is the next entry; a contract breach is recorded for the whole test", () => {
  const { info, errors, annotations } = fakeTestInfo();
  const recorder = new FailureKindRecorder(info);
  errors.push({ message: 'Error: a soft failure' });
  recorder.recordTest('contract');
  recorder.recordNextError('teardown');
  expect(readFailureKinds(annotations)).toEqual([{ kind: 'contract' }, { kind: 'teardown', error: 1 }]);
});

test('a confirmed hang and a request it blocked: contract, signed A7 + operation, and the test names rule A7', () => {
  const { info, errors, annotations } = fakeTestInfo();
  annotations.push({ type: 'rule', description: 'G1' });
  const recorder = new FailureKindRecorder(info);
  const blocked = new A7BlockedError(
    { operationId: 'resetToken', test: 'resetToken.spec.ts › first', verdict: 'Rule A7 (never a hang): resetToken POST …', at: 1 },
    5_000,
  );
  recorder.note(blocked);
  errors.push({ message: `A7BlockedError: ${blocked.message}` });
  recorder.recordErrors();
  expect(recorder.kindAt(0)).toBe('contract');
  expect(recorder.signatureAt(0)).toEqual({ rule: 'A7', operation: 'resetToken' });
  expect(annotations.filter((a) => a.type === 'rule').map((a) => a.description)).toEqual(['G1', 'A7']);

  // The failure signature the known deviations match: A7 and the operation, not the test's own rules.
  const collector = new FailureCollector(info);
  const failures = collector.collect(
    [],
    undefined,
    (i) => recorder.kindAt(i),
    (i) => recorder.signatureAt(i),
  );
  expect(failures.map((f) => f.signature)).toEqual([{ rule: 'A7', operation: 'resetToken' }]);
  // Without the error's own signature it would be the test's rules (what a plain assertion gets).
  expect(collector.collect([], undefined, () => undefined).map((f) => f.signature)).toEqual([{ rule: 'G1,A7' }]);
});

test('a HangError carries the same kind and signature as the requests it blocks', () => {
  const hang = new HangError('resetToken', 'Rule A7 (never a hang): resetToken POST …');
  expect([hang.failureKind, hang.failureSignature]).toEqual(['contract', { rule: 'A7', operation: 'resetToken' }]);
});

/** Issue 24 (b): explore's failure is its own kind in summary.json, with the breaking step's rule, operation and status. */
test("explore's breaking step is a failure of kind explore, signed by the step, not an assertion of the test's rules", () => {
  const { info, errors, annotations } = fakeTestInfo();
  annotations.push({ type: 'rule', description: 'A1' }, { type: 'rule', description: 'E1' });
  const recorder = new FailureKindRecorder(info);
  const failed = new ExploreFailed('explore: patchToken answered 500 …', { rule: 'A7', operation: 'patchToken', status: 500 });
  recorder.note(failed);
  errors.push({ message: `ExploreFailed: ${failed.message}` });
  recorder.recordErrors();
  const failures = new FailureCollector(info).collect(
    [],
    undefined,
    (i) => recorder.kindAt(i),
    (i) => recorder.signatureAt(i),
    [],
    (i) => recorder.signatureKindAt(i),
  );
  expect(failures.map(({ kind, signature }) => ({ kind, signature }))).toEqual([
    { kind: 'explore', signature: { rule: 'A7', operation: 'patchToken', status: 500 } },
  ]);
});

test("a 201 without the whole secret met in a test's set-up is signed C2 on postToken 201, and names C2 on the test", () => {
  const { info, errors, annotations } = fakeTestInfo();
  const recorder = new FailureKindRecorder(info);
  const missing = new WholeSecretMissingError(
    'tokens.create: postToken 201 carries no whole secret in "token" (rule C2): got 4 character(s)',
  );
  recorder.note(missing);
  errors.push({ message: `WholeSecretMissingError: ${missing.message}` });
  recorder.recordErrors();
  expect(recorder.kindAt(0)).toBe('contract');
  expect(recorder.signatureAt(0)).toEqual({ rule: 'C2', operation: 'postToken', status: 201 });
  expect(annotations.filter((a) => a.type === 'rule').map((a) => a.description)).toEqual(['C2']);
});
