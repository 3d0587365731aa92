import { expect, test } from '@playwright/test';
import type { ApiResult } from '../../../src/client/api-client';
import { ExchangeRecorder } from '../../../src/session/exchange-recorder';
import { buildExchange, VALID_TOKEN, type ExchangeSpec } from '../contract/exchange-builders';

/** What a test's evidence holds for self-judged (explore) exchanges, and which request a failed test's curl reproduces. */

function resultOf(spec: ExchangeSpec): ApiResult {
  const exchange = buildExchange(spec);
  return {
    operationId: spec.op,
    status: spec.status,
    headers: exchange.response.headers,
    bodyText: exchange.response.bodyText,
    json: () => JSON.parse(exchange.response.bodyText || 'null') as unknown,
    exchange,
    waits: [],
    serverDate: null,
    durationMs: 3,
  };
}

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
