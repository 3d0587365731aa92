import { expect, test } from '@playwright/test';
import { checkExchange } from '../../../src/contract/checks';
import { ContractLookupError } from '../../../src/contract/contract-errors';
import type { ContractFailure } from '../../../src/contract/failures';
import type { OperationId } from '../../../src/domain/operations';
import { buildExchange, VALID_TOKEN, type ExchangeSpec } from './exchange-builders';

const { _id: _omitId, ...TOKEN_WITHOUT_ID } = VALID_TOKEN;

interface Row {
  name: string;
  given: ExchangeSpec & { strict?: boolean };
  /** Failing check ids, in order; [] = conformant. */
  want: ContractFailure['check'][];
}

const ERROR_BODY = { code: 'not_found', message: 'Invalid resource identifier' };
const RATE_LIMITED = { code: 'rate_limited', message: 'slow down' };
const DATE = 'Fri, 28 Nov 2025 09:10:00 GMT';

/** JSON headers with a Date and the given rate-limit headers. */
function rl(given: { reset?: string; global?: string; route?: string }): Record<string, string> {
  return {
    'content-type': 'application/json',
    date: DATE,
    ...(given.reset === undefined ? {} : { 'x-ratelimit-reset': given.reset }),
    ...(given.global === undefined ? {} : { 'x-ratelimit-global-remaining': given.global }),
    ...(given.route === undefined ? {} : { 'x-ratelimit-route-remaining': given.route }),
  };
}

const rows: Row[] = [
  { name: 'a valid Token on getToken 200', given: { op: 'getToken', status: 200, body: VALID_TOKEN }, want: [] },
  {
    name: 'a valid Token on postToken 201',
    given: { op: 'postToken', status: 201, body: { ...VALID_TOKEN, token: 'api-0123456789abcdef' } },
    want: [],
  },
  {
    name: 'a valid Tokens list',
    given: { op: 'getTokens', status: 200, body: { items: [VALID_TOKEN], totalCount: 1, _links: {} } },
    want: [],
  },
  { name: 'a valid 404 error body', given: { op: 'getToken', status: 404, body: ERROR_BODY }, want: [] },
  {
    name: 'an error body with an extra id (allowed)',
    given: { op: 'patchToken', status: 422, body: { ...ERROR_BODY, id: 'x1' } },
    want: [],
  },
  {
    name: 'content type with charset parameter',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: { 'content-type': 'application/json; charset=utf-8' } },
    want: [],
  },
  {
    name: 'Content-Type header name in another case',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: { 'Content-Type': 'Application/JSON' } },
    want: [],
  },
  { name: 'deleteToken 204 with no body', given: { op: 'deleteToken', status: 204 }, want: [] },
  // wrong type / missing required
  {
    name: 'creationDate of the wrong type',
    given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, creationDate: 'yesterday' } },
    want: ['response_schema_conformance'],
  },
  {
    name: 'creationDate as the spec example string "1628001602644"',
    given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, creationDate: '1628001602644' } },
    want: ['response_schema_conformance'],
  },
  { name: 'a Token missing _id', given: { op: 'getToken', status: 200, body: TOKEN_WITHOUT_ID }, want: ['response_schema_conformance'] },
  {
    name: 'a 401 body missing message (rule A4)',
    given: { op: 'getTokens', status: 401, body: { code: 'unauthorized' } },
    want: ['response_schema_conformance'],
  },
  {
    name: 'a list item of the wrong shape',
    given: { op: 'getTokens', status: 200, body: { items: [{ ...VALID_TOKEN, _links: { self: { href: 7 } } }] } },
    want: ['response_schema_conformance'],
  },
  // undocumented status
  {
    name: 'status 418 on getToken',
    given: { op: 'getToken', status: 418, body: { code: 'teapot', message: 'no' } },
    want: ['status_code_conformance'],
  },
  {
    name: 'status 409 on getToken (documented only for patchToken)',
    given: { op: 'getToken', status: 409, body: ERROR_BODY },
    want: ['status_code_conformance'],
  },
  {
    name: 'status 500 with an HTML page',
    given: { op: 'getTokens', status: 500, bodyText: '<html>oops</html>', headers: { 'content-type': 'text/html' } },
    want: ['status_code_conformance', 'content_type_conformance', 'json_parse'],
  },
  // content type
  {
    name: 'a Token served as text/plain',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: { 'content-type': 'text/plain' } },
    want: ['content_type_conformance'],
  },
  {
    name: 'a Token with no Content-Type',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: {} },
    want: ['content_type_conformance'],
  },
  {
    name: 'application/jsonx is not application/json',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: { 'content-type': 'application/jsonx' } },
    want: ['content_type_conformance'],
  },
  // body on 204
  { name: 'deleteToken 204 with a body', given: { op: 'deleteToken', status: 204, body: { deleted: true } }, want: ['body_on_no_content'] },
  // invalid JSON
  {
    name: 'a truncated JSON body',
    given: { op: 'getToken', status: 200, bodyText: '{"_id": "6109', headers: { 'content-type': 'application/json' } },
    want: ['json_parse'],
  },
  {
    name: 'an empty body where a Token is documented',
    given: { op: 'getToken', status: 200, bodyText: '', headers: { 'content-type': 'application/json' } },
    want: ['json_parse'],
  },
  // 429 (rule A5)
  {
    name: '429 without rate-limit headers',
    given: { op: 'getTokens', status: 429, body: { code: 'rate_limited', message: 'slow down' } },
    want: ['rate_limit_headers'],
  },
  {
    name: '429 with Retry-After seconds',
    given: {
      op: 'getTokens',
      status: 429,
      body: { code: 'rate_limited', message: 'slow down' },
      headers: { 'content-type': 'application/json', 'retry-after': '30' },
    },
    want: [],
  },
  {
    name: '429 with X-Ratelimit-Reset epoch ms',
    given: {
      op: 'postToken',
      status: 429,
      body: { code: 'rate_limited', message: 'slow down' },
      headers: { 'content-type': 'application/json', 'x-ratelimit-reset': '1764321000000' },
    },
    want: [],
  },
  {
    name: '429 with Retry-After "soon"',
    given: {
      op: 'getToken',
      status: 429,
      body: { code: 'rate_limited', message: 'slow down' },
      headers: { 'content-type': 'application/json', 'retry-after': 'soon' },
    },
    want: ['rate_limit_headers'],
  },
  {
    name: '429 with X-Ratelimit-Reset in seconds',
    given: {
      op: 'getToken',
      status: 429,
      body: { code: 'rate_limited', message: 'slow down' },
      headers: { 'content-type': 'application/json', 'x-ratelimit-reset': '1764321000' },
    },
    want: ['rate_limit_headers'],
  },
  {
    name: '429 with Retry-After as an HTTP-date (RFC 9110 §10.2.3)',
    given: {
      op: 'getToken',
      status: 429,
      body: { code: 'rate_limited', message: 'slow down' },
      headers: { 'content-type': 'application/json', 'retry-after': 'Fri, 28 Nov 2025 09:10:05 GMT' },
    },
    want: [],
  },
  // rate-limit headers wherever they appear (rule A12); DATE is 2025-11-28T09:10:00Z = 1764321000000
  { name: 'a 200 with no rate-limit headers (not rate limited)', given: { op: 'getToken', status: 200, body: VALID_TOKEN }, want: [] },
  {
    name: 'a 200 with a reset at the end of the window and remaining counts',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: rl({ reset: '1764321008000', global: '7', route: '0' }) },
    want: [],
  },
  {
    name: 'a 200 with a reset a little before its Date (processing crossed the window end)',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: rl({ reset: '1764320995000' }) },
    want: [],
  },
  {
    name: 'a 200 with X-Ratelimit-Reset in seconds',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: rl({ reset: '1764321010' }) },
    want: ['rate_limit_header_values'],
  },
  {
    name: 'a 200 with X-Ratelimit-Reset a minute before its Date',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: rl({ reset: '1764320940000' }) },
    want: ['rate_limit_header_values'],
  },
  {
    name: "a 200 without Date: only the reset's form is judged",
    given: {
      op: 'getToken',
      status: 200,
      body: VALID_TOKEN,
      headers: { 'content-type': 'application/json', 'x-ratelimit-reset': '1000000000000' },
    },
    want: [],
  },
  {
    name: 'a 200 with a negative X-Ratelimit-Global-Remaining',
    given: { op: 'getTokens', status: 200, body: { items: [], _links: {} }, headers: rl({ reset: '1764321008000', global: '-1' }) },
    want: ['rate_limit_header_values'],
  },
  {
    name: 'a 200 with X-Ratelimit-Route-Remaining "lots"',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: rl({ route: 'lots' }) },
    want: ['rate_limit_header_values'],
  },
  {
    name: 'a 200 with Retry-After "soon"',
    given: { op: 'getToken', status: 200, body: VALID_TOKEN, headers: { ...rl({}), 'retry-after': 'soon' } },
    want: ['rate_limit_header_values'],
  },
  {
    name: 'a 429 whose Retry-After and Reset agree within one window',
    given: { op: 'getTokens', status: 429, body: RATE_LIMITED, headers: { ...rl({ reset: '1764321008000' }), 'retry-after': '9' } },
    want: [],
  },
  {
    name: 'a 429 whose Retry-After (1000 s) and Reset (8 s) disagree',
    given: { op: 'getTokens', status: 429, body: RATE_LIMITED, headers: { ...rl({ reset: '1764321008000' }), 'retry-after': '1000' } },
    want: ['rate_limit_header_values'],
  },
  {
    name: 'a 429 whose Retry-After HTTP-date and Reset disagree by a minute',
    given: {
      op: 'getTokens',
      status: 429,
      body: RATE_LIMITED,
      headers: { ...rl({ reset: '1764321008000' }), 'retry-after': 'Fri, 28 Nov 2025 09:11:08 GMT' },
    },
    want: ['rate_limit_header_values'],
  },
  {
    name: 'a 429 with Reset in seconds: A5 reports the form once',
    given: { op: 'getTokens', status: 429, body: RATE_LIMITED, headers: rl({ reset: '1764321008' }) },
    want: ['rate_limit_headers'],
  },
  // strict mode
  {
    name: 'an undocumented property, lenient',
    given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, surprise: 1 }, strict: false },
    want: [],
  },
  {
    name: 'an undocumented property, strict',
    given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, surprise: 1 }, strict: true },
    want: ['response_schema_conformance'],
  },
  {
    name: 'an undocumented nested property, strict',
    given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, inlineRole: [{ effect: 'deny', why: 'x' }] }, strict: true },
    want: ['response_schema_conformance'],
  },
  { name: 'a valid Token, strict', given: { op: 'getToken', status: 200, body: VALID_TOKEN, strict: true }, want: [] },
  {
    name: 'links map of Link entries with an extra key, strict',
    given: {
      op: 'getToken',
      status: 200,
      body: { ...VALID_TOKEN, _links: { self: { href: '/x', type: 'application/json', rel: 'self' } } },
      strict: true,
    },
    want: ['response_schema_conformance'],
  },
];

test.describe('checkExchange', () => {
  for (const { name, given, want } of rows) {
    test(name, () => {
      const report = checkExchange(buildExchange(given), { strict: given.strict ?? false });
      expect(report.failures.map((f) => f.check)).toEqual(want);
      expect(report.ok).toBe(want.length === 0);
      expect(report.status).toBe(given.status);
    });
  }
});

test('a wrong type names the instance path, the schema file and the value', () => {
  const report = checkExchange(buildExchange({ op: 'getToken', status: 200, body: { ...VALID_TOKEN, creationDate: 'yesterday' } }), {
    strict: false,
  });
  expect(report.failures).toEqual([
    {
      check: 'response_schema_conformance',
      status: 200,
      schemaRef: 'components/Token.schema.json',
      violations: [
        {
          instancePath: '/creationDate',
          schemaPath: 'components/UnixMillis.schema.json#/type',
          keyword: 'type',
          message: 'must be integer',
          value: 'yesterday',
        },
      ],
    },
  ]);
});

test('a missing required field is reported with the keyword required', () => {
  const report = checkExchange(buildExchange({ op: 'getToken', status: 200, body: TOKEN_WITHOUT_ID }), { strict: false });
  const failure = report.failures[0];
  expect(failure?.check).toBe('response_schema_conformance');
  if (failure?.check !== 'response_schema_conformance') return;
  expect(failure.violations.map((v) => [v.instancePath, v.keyword, v.schemaPath, v.message])).toEqual([
    ['', 'required', 'components/Token.schema.json#/required', "must have required property '_id'"],
  ]);
});

test('strict mode names the undocumented property and the report says strict', () => {
  const report = checkExchange(buildExchange({ op: 'getToken', status: 200, body: { ...VALID_TOKEN, surprise: 1 } }), { strict: true });
  expect(report.strict).toBe(true);
  const failure = report.failures[0];
  if (failure?.check !== 'response_schema_conformance') throw new Error(`unexpected ${JSON.stringify(failure)}`);
  expect(failure.violations[0]).toMatchObject({
    keyword: 'additionalProperties',
    message: 'must NOT have additional properties: "surprise"',
    instancePath: '',
  });
});

test('status and rate-limit failures carry what was received and documented', () => {
  const teapot = checkExchange(buildExchange({ op: 'getToken', status: 418, body: {} }), { strict: false });
  expect(teapot.failures).toEqual([{ check: 'status_code_conformance', received: 418, documented: ['200', '401', '403', '404', '429'] }]);
  expect(teapot.documentedStatuses).toEqual([200, 401, 403, 404, 429]);

  const limited = checkExchange(buildExchange({ op: 'getTokens', status: 429, body: { code: 'rate_limited', message: 'm' } }), {
    strict: false,
  });
  expect(limited.failures).toEqual([{ check: 'rate_limit_headers', missing: ['X-Ratelimit-Reset', 'Retry-After'], malformed: [] }]);

  const wrongType = checkExchange(
    buildExchange({ op: 'getToken', status: 200, body: VALID_TOKEN, headers: { 'content-type': 'text/html; charset=utf-8' } }),
    { strict: false },
  );
  expect(wrongType.failures).toEqual([
    { check: 'content_type_conformance', received: 'text/html; charset=utf-8', expected: 'application/json' },
  ]);
});

test('report carries method, path with query, operation and strictness', () => {
  const exchange = buildExchange({ op: 'getTokens', status: 200, body: { items: [] } });
  exchange.request.url += '?limit=5&offset=10';
  const report = checkExchange(exchange, { strict: false });
  expect(report).toMatchObject({
    operationId: 'getTokens',
    method: 'GET',
    path: '/api/v2/tokens?limit=5&offset=10',
    strict: false,
    ok: true,
  });
});

test('the operationId option checks against another operation', () => {
  // A 204 is fine for deleteToken but undocumented for getToken.
  const exchange = buildExchange({ op: 'deleteToken', status: 204 });
  expect(checkExchange(exchange, { strict: false }).ok).toBe(true);
  expect(checkExchange(exchange, { strict: false, operationId: 'getToken' }).failures.map((f) => f.check)).toEqual([
    'status_code_conformance',
  ]);
});

test('an operation the spec does not have is a typed error, not a contract failure', () => {
  const exchange = { ...buildExchange({ op: 'getToken', status: 200, body: VALID_TOKEN }), operationId: 'getFlags' as OperationId };
  expect(() => checkExchange(exchange, { strict: false })).toThrow(ContractLookupError);
  expect(() => checkExchange(exchange, { strict: false })).toThrow(/unknown operationId "getFlags"/);
});
