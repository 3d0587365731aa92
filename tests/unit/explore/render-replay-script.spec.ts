import { expect, test } from '@playwright/test';
import type { HttpExchange } from '../../../src/contract/exchange';
import { maskSecret } from '../../../src/contract/secrets';
import type { OperationId } from '../../../src/domain/operations';
import { renderReplayScript } from '../../../src/explore/render-replay-script';
import type { ExploreFailure } from '../../../src/explore/run-explore';

/**
 * Issue 24.2: explore's shrunk sequence as one runnable script. Ids and secrets of earlier responses are bound to
 * variables at run time; the script holds no secret (the configured token, an issued one) and no id of the run.
 */

const BASE = 'http://127.0.0.1:4010';
const ADMIN = 'api-11111111-2222-3333-4444-555555555555';
const ISSUED = 'api-99999999-8888-7777-6666-00000000beef';
const RESET = 'api-77777777-8888-7777-6666-00000000cafe';
const ID = '65f0c0ffee0000000000abcd';

function step(op: OperationId, method: string, url: string, authorization: string | null, status: number, answer: unknown, sent?: string) {
  const exchange: HttpExchange = {
    operationId: op,
    request: {
      method,
      url: `${BASE}${url}`,
      // Recorded as the client records it: the credential already masked.
      headers: { ...(authorization === null ? {} : { authorization: maskSecret(authorization) }), 'ld-api-version': '20240415' },
      ...(sent === undefined ? {} : { bodyText: sent }),
    },
    response: { status, headers: {}, bodyText: answer === undefined ? '' : JSON.stringify(answer) },
  };
  return { intent: `${method} ${url}`, exchange, original: exchange };
}

function failure(steps: ExploreFailure['steps']): ExploreFailure {
  return { rule: 'G2', message: 'the replaced secret still authenticates', steps, commands: '', shrinks: 0, signature: { rule: 'G2' } };
}

const SEQUENCE = failure([
  step('postToken', 'POST', '/api/v2/tokens', ADMIN, 201, { _id: ID, token: ISSUED }, '{"name":"ldct-run-x"}'),
  step('resetToken', 'POST', `/api/v2/tokens/${ID}/reset`, ADMIN, 200, { _id: ID, token: RESET }),
  step('getTokens', 'GET', '/api/v2/tokens?limit=1', ISSUED, 200, { items: [] }),
]);

const rows: { given: string; want: RegExp | string; absent?: boolean }[] = [
  { given: 'bash that stops at the first error', want: /^#!\/usr\/bin\/env bash\n[\s\S]*^set -euo pipefail$/m },
  { given: 'the target from LD_BASE_URL', want: `"$LD_BASE_URL"'/api/v2/tokens'` },
  { given: 'the admin credential as $LD_ACCESS_TOKEN', want: '-H "Authorization: $LD_ACCESS_TOKEN"' },
  { given: "the created token's id bound from its response", want: /ID_1=\$\(field _id\)[\s\S]*'\/api\/v2\/tokens\/'"\$ID_1"'\/reset'/ },
  {
    given: 'the replaced secret bound from the create, used by the breaking step',
    want: /SECRET_1=\$\(field token\)[\s\S]*-H "Authorization: \$SECRET_1"/,
  },
  { given: 'each step prints its status and the one the run saw', want: "send 3 'GET /api/v2/tokens?limit=1 (getTokens) breaks G2' 200" },
  { given: 'a verdict on the breaking step', want: `if [ "$status" = '200' ]; then` },
  { given: 'no admin secret', want: ADMIN, absent: true },
  { given: 'no issued secret', want: ISSUED, absent: true },
  { given: 'no reset secret', want: RESET, absent: true },
  { given: 'no id of the run', want: ID, absent: true },
  { given: 'no mangled credential', want: '***', absent: true },
];

for (const { given, want, absent } of rows) {
  test(`replay script: ${given}`, () => {
    const script = renderReplayScript(SEQUENCE, { seed: 1, configuredToken: ADMIN });
    if (absent) expect(script).not.toContain(want as string);
    else if (typeof want === 'string') expect(script).toContain(want);
    else expect(script).toMatch(want);
  });
}

test('replay script: a secret no step issued is a named variable with a note, never its mask', () => {
  const script = renderReplayScript(failure([step('getToken', 'GET', `/api/v2/tokens/${ID}`, ISSUED, 200, {})]), {
    seed: 1,
    configuredToken: ADMIN,
  });
  expect(script).toContain('-H "Authorization: $ISSUED_TOKEN_1"');
  expect(script).toMatch(/^# ISSUED_TOKEN_1: a token the run used that no step of this script issues/m);
  expect(script).not.toContain(maskSecret(ISSUED));
});
