import { test, expect as baseExpect } from '@playwright/test';
import { checkExchange } from '../../../src/contract/checks';
import type { HttpExchange } from '../../../src/contract/exchange';
import { expect } from '../../../src/contract/expect';
import { renderContractReport } from '../../../src/contract/render';
import { clearRegisteredSecrets, registerSecret } from '../../../src/contract/secrets';
import { buildExchange, VALID_TOKEN } from './exchange-builders';

const { _id: _omitId, ...TOKEN_WITHOUT_ID } = VALID_TOKEN;

/** The message of a failed expectation, or a test failure when it did not fail. */
function failureMessage(run: () => void): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the assertion to fail, but it passed');
}

test('a conformant exchange passes, and passes for an ApiResult-like { exchange } too', () => {
  const exchange = buildExchange({ op: 'getToken', status: 200, body: VALID_TOKEN });
  expect(exchange).toConformTo('getToken');
  expect({ exchange }).toConformTo();
});

test.describe('failure messages are the rendered report', () => {
  const rows: { name: string; given: Parameters<typeof buildExchange>[0]; want: string[] }[] = [
    {
      name: 'wrong type',
      given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, creationDate: 'yesterday' } },
      want: [
        'getToken GET http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21 → 200',
        'response_schema_conformance',
        'Schema at:   schemas/components/Token.schema.json',
        '- at /creationDate: must be integer',
        'Schema path: components/UnixMillis.schema.json#/type',
        'Value:       "yesterday"',
        '"creationDate": "yesterday"',
      ],
    },
    {
      name: 'missing _id',
      given: { op: 'getToken', status: 200, body: TOKEN_WITHOUT_ID },
      want: ["- at (root): must have required property '_id'", 'Schema path: components/Token.schema.json#/required'],
    },
    {
      name: 'undocumented status',
      given: { op: 'getToken', status: 418, body: { code: 'teapot', message: 'short and stout' } },
      want: [
        '→ 418',
        'status_code_conformance — status 418 is not documented for getToken (rule A2)',
        'Received:    418',
        'Documented:  200, 401, 403, 404, 429',
      ],
    },
    {
      name: 'body on 204',
      given: { op: 'deleteToken', status: 204, bodyText: 'gone', headers: { 'content-type': 'text/plain' } },
      want: ['body_on_no_content — status 204 must have no body', 'Documented:  no body', 'gone'],
    },
    {
      name: '429 without headers',
      given: { op: 'getTokens', status: 429, body: { code: 'rate_limited', message: 'm' } },
      want: ['rate_limit_headers', 'Received:    neither header', 'Missing:     X-Ratelimit-Reset, Retry-After'],
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const message = failureMessage(() => expect(buildExchange(given)).toConformTo(given.op, { strict: false }));
      baseExpect(message).toContain('Expected the response to conform to the');
      for (const fragment of want) baseExpect(message).toContain(fragment);
      baseExpect(message).not.toMatch(/expected true/i);
    });
  }
});

test('.not passes for a broken response and fails, with the report, for a conformant one', () => {
  expect(buildExchange({ op: 'getToken', status: 418, body: {} })).not.toConformTo('getToken');
  const message = failureMessage(() =>
    expect(buildExchange({ op: 'getToken', status: 200, body: VALID_TOKEN })).not.toConformTo('getToken'),
  );
  baseExpect(message).toContain('Expected the response NOT to conform to the getToken contract');
  baseExpect(message).toContain('Conforms to the getToken contract');
});

test('strict mode is named in the report', () => {
  const message = failureMessage(() =>
    expect(buildExchange({ op: 'getToken', status: 200, body: { ...VALID_TOKEN, surprise: true } })).toConformTo('getToken', {
      strict: true,
    }),
  );
  baseExpect(message).toContain('strict mode');
  baseExpect(message).toContain('must NOT have additional properties: "surprise"');
});

test('a subject that is not an exchange fails with a clear message', () => {
  const message = failureMessage(() => expect({ status: 200 } as unknown as HttpExchange).toConformTo('getToken'));
  baseExpect(message).toContain('toConformTo expects an HttpExchange or an ApiResult');
});

test('the rendered report masks secrets in the body and the request URL', () => {
  clearRegisteredSecrets();
  const secret = 'api-registered-secret-0123456789';
  registerSecret(secret);
  const exchange = buildExchange({ op: 'postToken', status: 201, body: { ...VALID_TOKEN, token: secret, creationDate: 'now' } });
  exchange.request.url += `?x=${secret}`;
  const rendered = renderContractReport(checkExchange(exchange, { strict: false }), exchange);
  baseExpect(rendered).toContain('"token": "***6789"');
  baseExpect(rendered).not.toContain(secret);
});

test('long bodies and values are truncated', () => {
  const exchange = buildExchange({ op: 'getToken', status: 200, body: { ...VALID_TOKEN, creationDate: 'x'.repeat(5000) } });
  const rendered = renderContractReport(checkExchange(exchange, { strict: false }), exchange);
  baseExpect(rendered).toMatch(/Value: {7}"x{199}… \(truncated, \d+ more characters\)/);
  baseExpect(rendered).toMatch(/… \(truncated, \d+ more characters\)$/);
  baseExpect(rendered.length).toBeLessThan(4000);
});
