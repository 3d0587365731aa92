import { randomBytes } from 'node:crypto';
import type { ApiResult, SendOptions } from '../../src/client/api-client';
import type { OperationId } from '../../src/spec/operation-ids';
import { test } from '../fixtures';
import { expectStatus, expectStatusSoft, expectUnchanged, readToken } from '../support/assertions';
import { sendAfterServerTime } from '../support/expiry';
import { smoke, writes, type RuleId } from '../support/rules';
import { serverTimeOf } from '../support/server-clock';
import type { SuiteApi } from '../support/suite-api';
import type { CreatedToken, TokenFactory } from '../support/token-factory';
import { readPage } from '../support/token-list';
import { asToken } from '../support/token-types';

/**
 * Rule A1 on all six operations: no Authorization header, a value that names no token, a deleted token's
 * secret, a secret rotated out by a reset, and an old secret whose reset expiry has passed — each gets 401
 * with an UnauthorizedErrorRep (the contract checks validate the body), and nothing changes. The id
 * operations target a live token of this test's own (the "victim"), so a server that wrongly accepts the
 * request can only touch a token this run created (H1).
 */

/** A credential no target knows: random, and in no particular format (the suite assumes none). */
function unknownCredential(): string {
  return `unknown-${randomBytes(20).toString('hex')}`;
}

function sixCalls(victimId: string, tokens: TokenFactory): [OperationId, SendOptions][] {
  return [
    ['getTokens', { query: { limit: 1 } }],
    ['getToken', { id: victimId }],
    ['postToken', { body: tokens.withDefaults({ name: tokens.newName('unauthenticated') }) }],
    ['patchToken', { id: victimId, body: [{ op: 'replace', path: '/description', value: 'changed without valid credentials' }] }],
    ['resetToken', { id: victimId }],
    ['deleteToken', { id: victimId }],
  ];
}

/**
 * Sends the six calls as `caller`; each must answer 401; the victim must be unchanged afterwards.
 * `first` optionally replaces how the first call is sent (used to wait for an expiry on the server's clock).
 */
async function expectSixRejected(
  api: SuiteApi,
  caller: SuiteApi,
  victim: CreatedToken,
  tokens: TokenFactory,
  label: string,
  first?: (send: () => Promise<ApiResult>) => Promise<ApiResult>,
): Promise<void> {
  const before = await readToken(api, victim.id);
  for (const [index, [op, opts]] of sixCalls(victim.id, tokens).entries()) {
    await test.step(`${op} ${label}`, async () => {
      const send = () => caller.send(op, opts);
      const result = index === 0 && first ? await first(send) : await send();
      expectStatusSoft(result, 401, `${op} ${label}`);
    });
  }
  await expectUnchanged(api, victim.id, before, `the six calls ${label}`);
}

const destructiveCases: { given: string; rules: RuleId[]; caller: (api: SuiteApi, tokens: TokenFactory) => Promise<SuiteApi> }[] = [
  { given: 'without an Authorization header', rules: ['A1'], caller: (api) => Promise.resolve(api.withToken(null)) },
  { given: 'with a token that names no token', rules: ['A1'], caller: (api) => Promise.resolve(api.withToken(unknownCredential())) },
  {
    given: "with a deleted token's secret",
    rules: ['A1', 'F1'],
    caller: async (api, tokens) => {
      const doomed = await tokens.create({ role: 'admin' });
      expectStatus(await api.send('deleteToken', { id: doomed.id }), 204, 'deleteToken of the credential');
      return api.withToken(doomed.secret);
    },
  },
  {
    given: 'with a secret rotated out by a reset without expiry',
    rules: ['A1', 'G2'],
    caller: async (api, tokens) => {
      const rotated = await tokens.create({ role: 'admin' });
      expectStatus(await api.send('resetToken', { id: rotated.id }), 200, 'resetToken of the credential');
      return api.withToken(rotated.secret);
    },
  },
];

test.describe('authentication (A1)', () => {
  test('getTokens and getToken answer 401 without an Authorization header', smoke('A1', 'A4'), async ({ api }) => {
    const [item] = await readPage(api, { limit: 1, offset: 0 });
    const id = item?._id ?? randomBytes(12).toString('hex');
    expectStatus(await api.withToken(null).send('getTokens', { query: { limit: 1 } }), 401, 'getTokens without Authorization');
    expectStatus(await api.withToken(null).send('getToken', { id }), 401, 'getToken without Authorization');
  });

  test('getTokens and getToken answer 401 for a token that names no token', smoke('A1', 'A4'), async ({ api }) => {
    const [item] = await readPage(api, { limit: 1, offset: 0 });
    const id = item?._id ?? randomBytes(12).toString('hex');
    const stranger = api.withToken(unknownCredential());
    expectStatus(await stranger.send('getTokens', { query: { limit: 1 } }), 401, 'getTokens with an unknown token');
    expectStatus(await stranger.send('getToken', { id }), 401, 'getToken with an unknown token');
  });

  for (const row of destructiveCases) {
    test(`all six operations answer 401 ${row.given}, changing nothing`, writes(...row.rules, 'A4'), async ({ api, tokens }) => {
      // The rejected credentials are admin tokens where they were ever valid: a 401 cannot be a role's doing.
      const victim = await tokens.create();
      const caller = await row.caller(api, tokens);
      await expectSixRejected(api, caller, victim, tokens, row.given);
    });
  }

  test('all six operations answer 401 for an old secret whose reset expiry has passed on the server clock, changing nothing', writes('A1', 'G3', 'A4'), async ({ api, tokens, serverNow }) => {
    const victim = await tokens.create();
    const expiring = await tokens.create({ role: 'admin' });
    const expiry = serverNow() + 2_000;
    const reset = await api.send('resetToken', { id: expiring.id, query: { expiry } });
    expectStatus(reset, 200, 'resetToken of the credential with a future expiry');
    asToken(reset.json(), 'resetToken 200');
    const resetAt = serverTimeOf(reset) ?? serverNow();
    await expectSixRejected(api, api.withToken(expiring.secret), victim, tokens, 'with an old secret past its expiry', (send) =>
      sendAfterServerTime(expiry, resetAt, send).then((after) => after.result),
    );
  });
});
