import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { clearRegisteredSecrets, maskSecret, redactExchange, redactSecrets, registerSecret } from '../../../src/contract/secrets';
import { buildExchange, VALID_TOKEN } from './exchange-builders';

const SECRET = 'api-7f3e2a1b-9c8d-4e5f-a6b7-c8d9e0f1a2b3';
const MASKED = '***a2b3';

test.beforeEach(() => {
  clearRegisteredSecrets();
});

test.describe('maskSecret', () => {
  const rows = [
    { given: SECRET, want: MASKED },
    { given: 'abcdefghijkl', want: '***ijkl' },
    { given: 'abcdefghijk', want: '***' },
    { given: 'abcde', want: '***' },
  ];
  for (const { given, want } of rows) {
    test(`${given.length} characters → ${want}`, () => {
      expect(maskSecret(given)).toBe(want);
    });
  }
});

test.describe('redactSecrets', () => {
  const rows: { name: string; register: string[]; given: string; want: string }[] = [
    { name: 'a registered secret anywhere in text', register: [SECRET], given: `token was ${SECRET}.`, want: `token was ${MASKED}.` },
    { name: 'every occurrence', register: [SECRET], given: `${SECRET} ${SECRET}`, want: `${MASKED} ${MASKED}` },
    { name: 'a URL-encoded secret', register: ['api-a/b+c=d-0123456789'], given: 'u?x=api-a%2Fb%2Bc%3Dd-0123456789', want: 'u?x=***6789' },
    {
      name: 'the longer of two overlapping secrets first',
      register: ['abcdefghijklmnop', 'abcdefghijklmnop-longer-one'],
      given: 'abcdefghijklmnop-longer-one',
      want: '***-one',
    },
    { name: 'a secret shorter than 5 characters is not registered', register: ['ab12'], given: 'ab12 stays', want: 'ab12 stays' },
    {
      name: 'an Authorization header in a Playwright call log',
      register: [],
      given: '  - →  GET http://x/api/v2/tokens\n  -   authorization: api-unregistered-0000111122223333\n  -   accept: */*',
      want: '  - →  GET http://x/api/v2/tokens\n  -   authorization: ***3333\n  -   accept: */*',
    },
    {
      name: 'an Authorization header in JSON',
      register: [],
      given: '{"Authorization":"api-unregistered-0000111122223333","x":1}',
      want: '{"Authorization":"***3333","x":1}',
    },
    {
      name: 'a whole-secret token field in JSON',
      register: [],
      given: '{"_id":"1","token":"api-unregistered-0000111122223333"}',
      want: '{"_id":"1","token":"***3333"}',
    },
    { name: 'a token field with spaces around the colon', register: [], given: '{ "token" : "abcdefgh" }', want: '{ "token" : "***" }' },
    {
      name: 'a token field in JSON that was itself JSON-encoded',
      register: [],
      given: '{"body":"{\\"token\\":\\"api-unregistered-0000111122223333\\"}"}',
      want: '{"body":"{\\"token\\":\\"***3333\\"}"}',
    },
    {
      name: "a curl's credential variable stays a name (issue 24: `Authorization: ***OKEN`)",
      register: [],
      given: '-H "Authorization: $LD_ACCESS_TOKEN" -H "Authorization: ${ISSUED_TOKEN_1}"',
      want: '-H "Authorization: $LD_ACCESS_TOKEN" -H "Authorization: ${ISSUED_TOKEN_1}"',
    },
    {
      name: 'a value that only starts like a variable is masked',
      register: [],
      given: 'authorization: $api-unregistered-0000111122223333',
      want: 'authorization: ***3333',
    },
    { name: 'an obfuscated 4-character token stays (rule D1 reads)', register: [], given: '{"token":"3333"}', want: '{"token":"3333"}' },
    {
      name: 'already masked text is unchanged',
      register: [SECRET],
      given: `{"token":"${MASKED}"} authorization: ${MASKED}`,
      want: `{"token":"${MASKED}"} authorization: ${MASKED}`,
    },
  ];
  for (const { name, register, given, want } of rows) {
    test(name, () => {
      register.forEach(registerSecret);
      expect(redactSecrets(given)).toBe(want);
    });
  }

  test('property: a registered secret never survives, whatever surrounds it', () => {
    const secretChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: secretChars, minLength: 5, maxLength: 60 }), fc.string(), fc.string(), (secret, before, after) => {
        clearRegisteredSecrets();
        registerSecret(secret);
        const out = redactSecrets(`${before}${secret}${after}`);
        return !out.includes(secret) || `${before}${after}`.includes(secret);
      }),
      { numRuns: 300 },
    );
  });
});

test('redactExchange masks headers, URL and both bodies and leaves the original alone', () => {
  registerSecret(SECRET);
  const exchange = buildExchange({
    op: 'postToken',
    status: 201,
    body: { ...VALID_TOKEN, token: SECRET },
    requestHeaders: { Authorization: 'api-configured-admin-token-9999', 'content-type': 'application/json' },
  });
  exchange.request.bodyText = JSON.stringify({ name: `named ${SECRET}` });
  exchange.request.url += `?leak=${SECRET}`;
  const redacted = redactExchange(exchange);
  const text = JSON.stringify(redacted);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('api-configured-admin-token-9999');
  expect(redacted.request.headers).toEqual({ Authorization: '***9999', 'content-type': 'application/json' });
  expect(redacted.request.url).toContain(`leak=${MASKED}`);
  expect(redacted.request.bodyText).toBe(JSON.stringify({ name: `named ${MASKED}` }));
  expect(JSON.parse(redacted.response.bodyText)).toMatchObject({ token: MASKED, _id: VALID_TOKEN._id });
  expect(exchange.response.bodyText).toContain(SECRET);
});
