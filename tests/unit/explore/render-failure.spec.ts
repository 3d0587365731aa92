import { expect, test } from '@playwright/test';
import type { TestError } from '@playwright/test/reporter';
import type { HttpExchange } from '../../../src/contract/exchange';
import { clearRegisteredSecrets, maskSecret, registerSecret } from '../../../src/contract/secrets';
import { renderExploreFailure } from '../../../src/explore/render-failure';
import type { ExploreFailure } from '../../../src/explore/run-explore';
import { redactTestError } from '../../../src/reporters/redact-results';
import { renderCurlCommand } from '../../../src/session/curl-command';

/**
 * Issue 24.2: explore's inline curl, as the reader meets it. The rendered failure is the test's error message,
 * which the redacting reporter passes through redactSecrets before the console, the HTML report and the JSON
 * report see it; that pass masked the credential's variable name itself (`Authorization: ***OKEN`). The
 * credential must reach the reader as a named variable, never as a partly masked value.
 */

const ADMIN = 'api-11111111-2222-3333-4444-555555555555';
const ISSUED = 'api-99999999-8888-7777-6666-00000000beef';

function listWith(authorization: string): HttpExchange {
  return {
    operationId: 'getTokens',
    request: { method: 'GET', url: 'http://127.0.0.1:4010/api/v2/tokens?limit=1', headers: { authorization, accept: 'application/json' } },
    response: { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"items":[],"totalCount":0}' },
  };
}

function failureWith(authorization: string): ExploreFailure {
  const exchange = listWith(authorization);
  return {
    rule: 'G2',
    message: "getTokens answered 200, expected 401: token #1's secret 2 of 3 (replaced) was replaced by a reset without expiry",
    steps: [{ intent: "use token #1's secret 2 of 3 (replaced)", exchange, original: exchange }],
    commands: 'use every secret of #0',
    shrinks: 0,
    signature: { rule: 'G2', operation: 'getTokens', status: 200 },
  };
}

/** What the console and the HTML report show: the rendered failure after the redacting reporter's pass. */
function asReported(failure: ExploreFailure): string {
  const error: TestError = { message: renderExploreFailure(failure, { seed: 1, budget: 500, curl: (e) => renderCurlCommand(e, ADMIN) }) };
  redactTestError(error);
  return error.message ?? '';
}

test.describe('explore failure: the curl credential is a named variable, after redaction too', () => {
  test.beforeAll(() => {
    registerSecret(ADMIN);
    registerSecret(ISSUED);
  });
  test.afterAll(() => clearRegisteredSecrets());

  const rows: { given: string; authorization: string; want: RegExp[] }[] = [
    {
      given: 'the configured token (recorded masked)',
      authorization: maskSecret(ADMIN),
      want: [/^ {2}-H "Authorization: \$LD_ACCESS_TOKEN" \\$/m],
    },
    {
      given: 'a token the run issued (recorded masked)',
      authorization: maskSecret(ISSUED),
      want: [
        /^# ISSUED_TOKEN_1: a token this run issued for the request; the run has deleted it\./m,
        /^ {2}-H "Authorization: \$ISSUED_TOKEN_1" \\$/m,
      ],
    },
  ];
  for (const row of rows) {
    test(`with ${row.given}`, () => {
      const shown = asReported(failureWith(row.authorization));
      for (const pattern of row.want) expect(shown).toMatch(pattern);
      // Never a partly masked credential: no Authorization value is a mask, and no secret or its tail shows.
      expect(shown).not.toMatch(/Authorization: \*\*\*/);
      for (const tail of ['***OKEN', '***TEST', '***5555', '***beef', ADMIN, ISSUED]) expect(shown).not.toContain(tail);
    });
  }
});
