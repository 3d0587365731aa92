import { expect, test } from '@playwright/test';
import { ApiError } from '../../../src/server/api-error';
import type { HandlerResult } from '../../../src/server/api-call';
import { applyUnnamedChange, UNNAMED_CHANGE_IDS, type UnnamedChange } from '../../../src/server/unnamed-changes';

/** The reference server's changes no rule names (for `npm run diff`'s tests): each changes exactly what it says. */
const token = { _id: 't1', token: 'abcd', defaultApiVersion: 20240415, inlineRole: [{ effect: 'allow' }, { effect: 'deny' }] };

const cases: { given: UnnamedChange; result: HandlerResult; want: unknown }[] = [
  { given: 'renamed-error-code', result: new ApiError(404, 'not_found', 'gone'), want: new ApiError(404, 'not_found_error', 'gone') },
  { given: 'renamed-error-code', result: { status: 200, body: token }, want: { status: 200, body: token } },
  { given: 'extra-field', result: { status: 200, body: token }, want: { status: 200, body: { ...token, tokenKind: 'personal' } } },
  {
    given: 'extra-field',
    result: { status: 200, body: { items: [token], totalCount: 1 } },
    want: { status: 200, body: { items: [{ ...token, tokenKind: 'personal' }], totalCount: 1 } },
  },
  {
    given: 'list-order',
    result: { status: 201, body: token },
    want: { status: 201, body: { ...token, inlineRole: [{ effect: 'deny' }, { effect: 'allow' }] } },
  },
  {
    given: 'number-as-string',
    result: { status: 200, body: token },
    want: { status: 200, body: { ...token, defaultApiVersion: '20240415' } },
  },
  { given: 'extra-field', result: new ApiError(400, 'invalid_request', 'bad'), want: new ApiError(400, 'invalid_request', 'bad') },
  { given: 'number-as-string', result: 'hang', want: 'hang' },
];

test.describe('applyUnnamedChange', () => {
  for (const { given, result, want } of cases) {
    test(`${given}: ${JSON.stringify(result)}`, () => expect(applyUnnamedChange(given, result)).toEqual(want));
  }
  test('no change leaves every answer as it is', () => {
    for (const { result } of cases) expect(applyUnnamedChange(null, result)).toBe(result);
  });
  test('every change has a row', () => expect([...new Set(cases.map((c) => c.given))].sort()).toEqual([...UNNAMED_CHANGE_IDS].sort()));
});
