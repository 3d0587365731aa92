import { expect, test } from '@playwright/test';
import { diffResponses, type Difference } from '../../../src/differential/diff-responses';
import type { NormalisedResponse } from '../../../src/differential/normalise';

const base: NormalisedResponse = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: { a: 1, list: [1, 2], nested: { x: 'y' } },
};

test.describe('diffResponses', () => {
  const cases: { given: string; b: NormalisedResponse; want: Difference[] }[] = [
    { given: 'the same answer', b: base, want: [] },
    { given: 'another status', b: { ...base, status: 201 }, want: [{ location: 'status', a: 200, b: 201 }] },
    {
      given: 'a header changed and one added',
      b: { ...base, headers: { 'content-type': 'text/plain', allow: 'GET' } },
      want: [
        { location: 'header allow', a: undefined, b: 'GET' },
        { location: 'header content-type', a: 'application/json', b: 'text/plain' },
      ],
    },
    {
      given: 'an extra field',
      b: { ...base, body: { ...(base.body as object), extra: true } },
      want: [{ location: '/extra', a: undefined, b: true }],
    },
    { given: 'a number as a string', b: { ...base, body: { ...(base.body as object), a: '1' } }, want: [{ location: '/a', a: 1, b: '1' }] },
    {
      given: 'a list in another order',
      b: { ...base, body: { ...(base.body as object), list: [2, 1] } },
      want: [
        { location: '/list/0', a: 1, b: 2 },
        { location: '/list/1', a: 2, b: 1 },
      ],
    },
    {
      given: 'a key with / and ~ as a JSON pointer',
      b: { ...base, body: { ...(base.body as object), 'a/b~c': 1 } },
      want: [{ location: '/a~1b~0c', a: undefined, b: 1 }],
    },
    { given: 'no body on one side', b: { ...base, body: undefined }, want: [{ location: 'body', a: base.body, b: undefined }] },
  ];
  for (const { given, b, want } of cases) test(given, () => expect(diffResponses(base, b)).toEqual(want));
});
