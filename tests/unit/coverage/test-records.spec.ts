import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { toTestRecord } from '../../../src/coverage/test-records';
import { failureKindAnnotation } from '../../../src/domain/failure-kinds';
import { makeFakeTest, type FakeTestSpec } from './fake-tests';

/** What the fixtures record when error `index` of the attempt was thrown as an EnvironmentError. */
const environmentAt = (index: number): { type: string; description: string } =>
  failureKindAnnotation({ kind: 'environment', error: index });

test.describe('toTestRecord', () => {
  const rows: { name: string; given: FakeTestSpec; want: Record<string, unknown> }[] = [
    {
      name: 'passed test with rules and observations',
      given: { title: 'reads', rules: ['D1', 'D1', 'A3'], observations: [{ status: 200 }] },
      want: { status: 'passed', environmentFailure: false, rules: ['D1', 'A3'], title: 'chromium-less › tokens.spec.ts › reads' },
    },
    {
      name: 'contract failure',
      given: { title: 'f', outcome: 'unexpected', error: '\u001b[31mError: expect(received).toBe(expected)\u001b[39m\n\nExpected: 404' },
      want: { status: 'failed', environmentFailure: false, errorSummary: 'Error: expect(received).toBe(expected)' },
    },
    {
      name: 'environment failure by the kind the fixtures recorded for its error',
      given: {
        title: 'e',
        outcome: 'unexpected',
        error: 'EnvironmentError: Environment failure: rate-limit budget of 60000 ms exhausted',
        runtimeAnnotations: [environmentAt(0)],
      },
      want: { status: 'failed', environmentFailure: true },
    },
    {
      name: 'the message prefix alone is not an environment failure (nothing classifies by text)',
      given: {
        title: 'e2',
        outcome: 'unexpected',
        error: 'EnvironmentError: Environment failure: rate-limit budget of 60000 ms exhausted',
      },
      want: { status: 'failed', environmentFailure: false },
    },
    {
      name: 'a contract error is never reclassified as environment by a record of another error',
      given: {
        title: 'e3',
        outcome: 'unexpected',
        error: 'Error: getToken answered 500, not documented',
        runtimeAnnotations: [environmentAt(1)],
      },
      want: { status: 'failed', environmentFailure: false },
    },
    {
      name: 'a timeout is not an environment failure',
      given: { title: 'e4', outcome: 'unexpected', status: 'timedOut', error: 'Test timeout of 5000ms exceeded.' },
      want: { status: 'failed', environmentFailure: false },
    },
    { name: 'skipped', given: { title: 's', outcome: 'skipped' }, want: { status: 'skipped' } },
    { name: 'flaky', given: { title: 'fl', outcome: 'flaky' }, want: { status: 'flaky' } },
    {
      name: 'rule from a runtime annotation',
      given: { title: 'r', runtimeAnnotations: [{ type: 'rule', description: ' G3 ' }] },
      want: { rules: ['G3'] },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const problems: string[] = [];
      expect(toTestRecord(makeFakeTest(given), problems)).toMatchObject(want);
      expect(problems).toEqual([]);
    });
  }

  test('reads observations from a body and from a path attachment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-'));
    const file = path.join(dir, 'obs.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ observations: [{ operationId: 'deleteToken', method: 'DELETE', status: 204, conformant: true, failedChecks: [] }] }),
    );
    const problems: string[] = [];
    const rec = toTestRecord(makeFakeTest({ title: 't', observations: [{ status: 401 }], attachmentPath: file }), problems);
    expect(rec.observations.map((o) => `${o.operationId} ${o.status}`)).toEqual(['getToken 401', 'deleteToken 204']);
    expect(problems).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a malformed attachment is a problem, not a crash', () => {
    const problems: string[] = [];
    const rec = toTestRecord(makeFakeTest({ title: 'bad', rawObservationBody: '{oops', observations: [{ status: 200 }] }), problems);
    expect(rec.observations).toHaveLength(1);
    expect(problems).toEqual(['chromium-less › tokens.spec.ts › bad: contract-observations attachment is not JSON']);
  });
});
