import { expect as baseExpect, test } from '@playwright/test';
import { expect } from '../../../src/contract/expect';
import { describeStatusMismatch, STATUS_BODY_LIMIT, type StatusMismatch } from '../../../src/contract/matcher';
import { clearRegisteredSecrets, registerSecret } from '../../../src/contract/secrets';
import { buildExchange, VALID_TOKEN } from './exchange-builders';

/**
 * The suite's one way to say "the status must be one of these" (issue 24.3): `toHaveStatus` and its message,
 * read the right way round — what was expected, then what came — never toContain's backwards
 * "Expected value: 204 / Received array: [403]".
 */

const SECRET = 'api-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9';
const DELETE_204 = buildExchange({ op: 'deleteToken', status: 204 });
const PATCH_200 = buildExchange({
  op: 'patchToken',
  status: 200,
  body: { token: SECRET, _id: VALID_TOKEN._id, description: 'x'.repeat(500) },
});

test.describe('describeStatusMismatch', () => {
  test.beforeAll(() => registerSecret(SECRET));
  test.afterAll(() => clearRegisteredSecrets());

  const rows: { given: string; mismatch: StatusMismatch; want: string }[] = [
    { given: 'one allowed status, no exchange', mismatch: { allowed: [403], received: 204 }, want: 'expected one of 403; received 204' },
    {
      given: 'several allowed statuses, in the caller order',
      mismatch: { allowed: [400, 422], received: 200 },
      want: 'expected one of 400, 422; received 200',
    },
    { given: '.not', mismatch: { allowed: [404], received: 404, negated: true }, want: 'expected none of 404; received 404' },
    {
      given: 'the exchange: operation and request line follow',
      mismatch: { allowed: [403], received: 204, exchange: DELETE_204 },
      want: [
        'expected one of 403; received 204',
        'deleteToken DELETE http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21 → 204',
      ].join('\n'),
    },
  ];
  for (const row of rows) {
    test(`with ${row.given}`, () => {
      baseExpect(describeStatusMismatch(row.mismatch)).toBe(row.want);
    });
  }

  test('a body is shown redacted and shortened', () => {
    const message = describeStatusMismatch({ allowed: [400, 422], received: 200, exchange: PATCH_200 });
    const [first, second, third = ''] = message.split('\n');
    baseExpect([first, second]).toEqual([
      'expected one of 400, 422; received 200',
      'patchToken PATCH http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21 → 200',
    ]);
    baseExpect(third).toMatch(/^Response body: \{"token":"\*\*\*e8f9","_id":"61095542756dba551110ae21"/);
    baseExpect(message.includes(SECRET), 'the whole secret must not reach the message').toBe(false);
    baseExpect(third.length).toBeLessThan(STATUS_BODY_LIMIT + 80);
  });
});

/** The message of a failed expectation, or a test failure when it did not fail. */
function failureMessage(run: () => void): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the assertion to fail, but it passed');
}

test.describe('toHaveStatus', () => {
  test('passes when the status is one of the allowed, for an exchange, an ApiResult-like { exchange } and a number', () => {
    expect(DELETE_204).toHaveStatus(204);
    expect({ exchange: DELETE_204 }).toHaveStatus([200, 204]);
    expect(204).toHaveStatus([204]);
    expect(DELETE_204).not.toHaveStatus([403, 404]);
  });

  test('a failing use reads "expected one of …; received …" after the caller message, never toContain backwards', () => {
    const message = failureMessage(() => expect({ exchange: DELETE_204 }, 'reader token: deleteToken').toHaveStatus(403));
    baseExpect(message).toBe(
      [
        'reader token: deleteToken',
        '',
        'expected one of 403; received 204',
        'deleteToken DELETE http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21 → 204',
      ].join('\n'),
    );
    baseExpect(message).not.toMatch(/Received array|Expected value/);
  });

  test('.not reads "expected none of …"', () => {
    const message = failureMessage(() => expect(DELETE_204).not.toHaveStatus([204]));
    baseExpect(message.split('\n')[0]).toBe('expected none of 204; received 204');
  });

  test('a bad use fails both ways, in one line', () => {
    for (const run of [() => expect(DELETE_204).toHaveStatus([]), () => expect(DELETE_204).not.toHaveStatus([])]) {
      baseExpect(failureMessage(run)).toBe('toHaveStatus needs at least one allowed status');
    }
  });
});
