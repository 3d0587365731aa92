import { expect, test, type TestInfo } from '@playwright/test';
import { EnvironmentError } from '../../../src/client/errors';
import { readFailureKinds } from '../../../src/domain/failure-kinds';
import { FailureKindRecorder } from '../../../src/session/failure-kind-recorder';
import { TokenSetupError } from '../../../src/session/token-factory';

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
