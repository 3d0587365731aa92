import { expect, test } from '@playwright/test';
import { checkExchange } from '../../../src/contract/checks';
import type { SecretSighting } from '../../../src/contract/failures';
import { renderContractReport } from '../../../src/contract/render';
import { registerSecret } from '../../../src/contract/secrets';
import type { KnownSecret } from '../../../src/contract/secret-exposure';
import { buildExchange, VALID_TOKEN, type ExchangeSpec } from './exchange-builders';

/** Rule H3: the contract check secret_exposure, fed the secrets known before the response. */

const CONFIGURED = 'api-configured-0000-4000-8000-00000000c0de';
const ISSUED = 'api-issued-00000-4000-8000-000000001ss0';
const RESET = 'api-reset-000000-4000-8000-00000000e5e7';
const NEW = 'api-new-00000000-4000-8000-0000000000ne';
const SECRETS: KnownSecret[] = [
  { value: CONFIGURED, kind: 'configured' },
  { value: ISSUED, kind: 'issued' },
  { value: RESET, kind: 'reset' },
];

interface Row {
  name: string;
  given: ExchangeSpec & { statusText?: string; secrets?: KnownSecret[] };
  want: SecretSighting[];
}

const ERROR = { code: 'patch_failed', message: 'Unprocessable entity. Could not apply patch' };

const rows: Row[] = [
  { name: 'a read showing four characters', given: { op: 'getToken', status: 200, body: VALID_TOKEN }, want: [] },
  {
    name: 'postToken 201 with the secret it issues (not known before)',
    given: { op: 'postToken', status: 201, body: { ...VALID_TOKEN, token: NEW } },
    want: [],
  },
  {
    name: 'resetToken 200 answering an earlier (old) secret',
    given: { op: 'resetToken', status: 200, body: { ...VALID_TOKEN, token: ISSUED } },
    want: [{ where: 'body /token', kind: 'issued', masked: '***1ss0' }],
  },
  {
    name: 'a 422 message echoing the stored token',
    given: { op: 'patchToken', status: 422, body: { ...ERROR, message: `${ERROR.message}: {"token":"${RESET}"}` } },
    want: [{ where: 'body /message', kind: 'reset', masked: '***e5e7' }],
  },
  {
    name: 'the configured token in a header',
    given: {
      op: 'getTokens',
      status: 401,
      body: { code: 'unauthorized', message: 'Invalid access token' },
      headers: { 'content-type': 'application/json', 'X-Debug-Auth': `Bearer ${CONFIGURED}` },
    },
    want: [{ where: 'header x-debug-auth', kind: 'configured', masked: '***c0de' }],
  },
  {
    name: 'a secret in the status line',
    given: { op: 'getToken', status: 404, statusText: `No token for ${CONFIGURED}`, body: { code: 'not_found', message: 'x' } },
    want: [{ where: 'status line', kind: 'configured', masked: '***c0de' }],
  },
  {
    name: 'a secret deep in a list item',
    given: { op: 'getTokens', status: 200, body: { items: [VALID_TOKEN, { ...VALID_TOKEN, token: ISSUED }], _links: {} } },
    want: [{ where: 'body /items/1/token', kind: 'issued', masked: '***1ss0' }],
  },
  {
    name: 'a secret in a body that is not JSON',
    given: { op: 'getToken', status: 500, bodyText: `panic: token ${ISSUED}`, headers: { 'content-type': 'text/plain' } },
    want: [{ where: 'body', kind: 'issued', masked: '***1ss0' }],
  },
  {
    name: 'a secret as a JSON key',
    given: { op: 'getToken', status: 400, body: { code: 'x', message: 'y', [RESET]: true } },
    want: [{ where: `body /${RESET} (the key)`, kind: 'reset', masked: '***e5e7' }],
  },
  {
    name: 'no secrets passed in: nothing judged',
    given: { op: 'resetToken', status: 200, body: { ...VALID_TOKEN, token: ISSUED }, secrets: [] },
    want: [],
  },
  {
    name: 'the last four characters alone are no hit',
    given: { op: 'getToken', status: 200, body: { ...VALID_TOKEN, token: CONFIGURED.slice(-4) } },
    want: [],
  },
];

for (const { name, given, want } of rows) {
  test(`H3: ${name}`, () => {
    const exchange = buildExchange(given);
    if (given.statusText !== undefined) exchange.response.statusText = given.statusText;
    const report = checkExchange(exchange, { strict: false, secrets: given.secrets ?? SECRETS });
    const sightings = report.failures.flatMap((f) => (f.check === 'secret_exposure' ? f.sightings : []));
    expect(sightings).toEqual(want);
  });
}

test('H3: the rendered report names where, with the value masked', () => {
  // Redaction masks the secrets registered in the process (the session registers every one it knows: run-secrets.ts).
  for (const { value } of SECRETS) registerSecret(value);
  const exchange = buildExchange({ op: 'patchToken', status: 422, body: { ...ERROR, message: `echo ${RESET}` } });
  const report = checkExchange(exchange, { strict: false, secrets: SECRETS });
  const text = renderContractReport(report, exchange);
  expect(text).toContain('secret_exposure — the response carries a secret of the run it did not just issue (rule H3)');
  expect(text).toContain('Found:       ***e5e7 (the secret of a token the run reset) in body /message');
  for (const { value } of SECRETS) expect(text.includes(value), 'no whole secret in the report').toBe(false);
});

test('H3: without secrets the check costs nothing and finds nothing (the default of checkExchange)', () => {
  const exchange = buildExchange({ op: 'resetToken', status: 200, body: { ...VALID_TOKEN, token: ISSUED } });
  expect(checkExchange(exchange, { strict: false }).ok).toBe(true);
});
