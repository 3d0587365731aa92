import { expect, test } from '@playwright/test';
import type { ApiResult } from '../../../src/client/api-client';
import { ExchangeRecorder } from '../../../src/session/exchange-recorder';
import { contractMatchers } from '../../../src/contract/matcher';
import { resultOf, VALID_TOKEN } from '../contract/exchange-builders';

/** What a test's evidence holds for self-judged (explore) exchanges, and which request a failed test's curl reproduces. */

const GOOD = resultOf({ op: 'getToken', status: 200, body: VALID_TOKEN });
const BROKEN = resultOf({ op: 'getToken', status: 418, body: { message: 'teapot' } });
const CLEANUP = resultOf({ op: 'deleteToken', status: 204 });

const rows: {
  given: string;
  record: (r: ExchangeRecorder) => void;
  want: { observations: [string, number, boolean][]; failing: number; reproduce: string[] };
}[] = [
  {
    given: 'self-judged (quiet) exchanges',
    record: (r) => [GOOD, BROKEN].forEach((result) => r.judge(result, { quiet: true })),
    // Counted in the coverage matrix, verdict included; reported by their test, so not "failing" here.
    want: {
      observations: [
        ['getToken', 200, true],
        ['getToken', 418, false],
      ],
      failing: 0,
      reproduce: ['getToken'],
    },
  },
  {
    given: 'unjudged exchanges',
    record: (r) => r.keepUnjudged(GOOD),
    want: { observations: [], failing: 0, reproduce: ['getToken'] },
  },
  {
    given: 'a judged breach, then a clean-up delete',
    record: (r) => [BROKEN, CLEANUP].forEach((result) => r.judge(result)),
    want: {
      observations: [
        ['getToken', 418, false],
        ['deleteToken', 204, true],
      ],
      failing: 1,
      reproduce: ['getToken'],
    },
  },
  {
    given: 'a quiet breach marked for reproduction, then a clean-up delete',
    record: (r) => {
      r.judge(BROKEN, { quiet: true });
      r.markForReproduction(BROKEN.exchange);
      r.judge(CLEANUP);
    },
    want: {
      observations: [
        ['getToken', 418, false],
        ['deleteToken', 204, true],
      ],
      failing: 0,
      reproduce: ['getToken'],
    },
  },
  {
    given: 'a quiet breach not marked, then a clean-up delete (the last exchange is all there is)',
    record: (r) => [BROKEN, CLEANUP].forEach((result) => r.judge(result, { quiet: true })),
    want: {
      observations: [
        ['getToken', 418, false],
        ['deleteToken', 204, true],
      ],
      failing: 0,
      reproduce: ['deleteToken'],
    },
  },
];

for (const { given, record, want } of rows) {
  test(`ExchangeRecorder: ${given}`, () => {
    const recorder = new ExchangeRecorder(false);
    record(recorder);
    expect(recorder.observations().map((o) => [o.operationId, o.status, o.conformant])).toEqual(want.observations);
    expect(recorder.failing()).toHaveLength(want.failing);
    expect(recorder.toReproduce().map((entry) => entry.exchange.operationId)).toEqual(want.reproduce);
  });
}

test('ExchangeRecorder: a marked exchange is kept redacted for the attachment, whole only in memory', () => {
  const recorder = new ExchangeRecorder(false);
  recorder.markForReproduction(GOOD.exchange);
  const [entry] = recorder.toReproduce();
  expect(entry?.original).toBe(GOOD.exchange);
  expect(JSON.stringify(entry?.exchange)).not.toContain('api-test-admin-token-0001');
});

/** Issue 24.2: the curl of a behaviour-assertion failure reproduces the request the assertion judged. */
test.describe('ExchangeRecorder: the judged request of a failed assertion', () => {
  const judgeWith = expect.extend(contractMatchers);
  const readerDelete = (): ApiResult => resultOf({ op: 'deleteToken', status: 204 });
  const rows: {
    given: string;
    record: (r: ExchangeRecorder, reader: ApiResult) => void;
    firstAssertionError?: number;
    want: (reader: ApiResult) => ApiResult[];
  }[] = [
    {
      given: "a reader's delete answered 204, an admin read, then a failing toHaveStatus(403) on the delete and the clean-up",
      record: (r, reader) => {
        r.judge(reader, { errorsBefore: 0 });
        // A read sent after the delete but before the assertion: the last response, yet not the judged one.
        r.judge(GOOD, { errorsBefore: 0 });
        expect(() => judgeWith(reader, 'deleteToken with a reader token').toHaveStatus(403)).toThrow(/expected one of 403; received 204/);
        r.judge(CLEANUP, { errorsBefore: 1, cleanup: true });
      },
      firstAssertionError: 0,
      want: (reader) => [reader],
    },
    {
      given: 'an assertion that names no exchange: the last response before its error, not a later read nor the clean-up',
      record: (r, reader) => {
        r.judge(reader, { errorsBefore: 0 });
        r.judge(GOOD, { errorsBefore: 1 });
        r.judge(CLEANUP, { errorsBefore: 1, cleanup: true });
      },
      firstAssertionError: 0,
      want: (reader) => [reader],
    },
    {
      given: 'a failure with no assertion error (a timeout): the last response outside clean-up',
      record: (r, reader) => {
        r.judge(reader, { errorsBefore: 0 });
        r.judge(CLEANUP, { errorsBefore: 0, cleanup: true });
      },
      want: (reader) => [reader],
    },
    {
      given: 'a contract breach and a failing status assertion: both, each once',
      record: (r, reader) => {
        r.judge(BROKEN, { errorsBefore: 0 });
        r.judge(reader, { errorsBefore: 1 });
        expect(() => judgeWith(reader).toHaveStatus([403])).toThrow();
        r.judge(CLEANUP, { errorsBefore: 2, cleanup: true });
      },
      firstAssertionError: 1,
      want: (reader) => [BROKEN, reader],
    },
  ];
  for (const { given, record, firstAssertionError, want } of rows) {
    test(given, () => {
      const recorder = new ExchangeRecorder(false);
      const reader = readerDelete();
      record(recorder, reader);
      expect(recorder.toReproduce(firstAssertionError).map((entry) => entry.original)).toEqual(want(reader).map((r) => r.exchange));
      expect(recorder.toReproduce(firstAssertionError).map((entry) => entry.original === CLEANUP.exchange)).not.toContain(true);
    });
  }
});
