import { randomBytes } from 'node:crypto';
import type { ApiResult, SendOptions } from '../../src/client/api-client';
import type { OperationId } from '../../src/domain/operations';
import { test } from '../fixtures';
import { expectStatus, expectStatusSoft, expectUnchanged, readToken } from '../support/assertions';
import { createAndReadClock, expiryAheadMs, sendAfterServerTime } from '../support/expiry';
import { smoke, writes, type RuleId } from '../support/rules';
import { serverUpperAt } from '../../src/session/server-reading';
import type { SuiteApi } from '../../src/session/suite-api';
import type { CreatedToken, TokenFactory } from '../../src/session/token-factory';
import { readPage } from '../support/token-list';
import { asToken } from '../../src/session/token-types';

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

/**
 * One call per operation, in the order they are sent (the delete last): the Record is exhaustive, so a new
 * operation must be given its call here before A1 can claim "all operations".
 */
function sixCalls(victimId: string, tokens: TokenFactory): [OperationId, SendOptions][] {
  const calls: Record<OperationId, SendOptions> = {
    getTokens: { query: { limit: 1 } },
    getToken: { id: victimId },
    postToken: { body: tokens.withDefaults({ name: tokens.newName('unauthenticated') }) },
    patchToken: { id: victimId, body: [{ op: 'replace', path: '/description', value: 'changed without valid credentials' }] },
    resetToken: { id: victimId },
    deleteToken: { id: victimId },
  };
  return Object.entries(calls) as [OperationId, SendOptions][];
}

/** One rejected credential: how the calls are labelled and the client that sends them. */
interface RejectedCaller {
  label: string;
  caller: SuiteApi;
}

/**
 * Sends the six calls as each caller in turn; each call must answer 401; the victim must be unchanged
 * afterwards. One victim serves every caller of a test: one read before and one after all of them (request
 * budget); each call's status is judged on its own.
 * `first` optionally replaces how the very first call is sent (used to wait for an expiry on the server's clock).
 */
async function expectSixRejected(
  api: SuiteApi,
  callers: readonly RejectedCaller[],
  victim: CreatedToken,
  tokens: TokenFactory,
  first?: (send: () => Promise<ApiResult>) => Promise<ApiResult>,
): Promise<void> {
  const before = await readToken(api, victim.id);
  let sent = 0;
  for (const { label, caller } of callers) {
    for (const [op, opts] of sixCalls(victim.id, tokens)) {
      await test.step(`${op} ${label}`, async () => {
        const send = () => caller.send(op, opts);
        const result = sent++ === 0 && first ? await first(send) : await send();
        expectStatusSoft(result, 401, `${op} ${label}`, 'A1');
      });
    }
  }
  await expectUnchanged(api, victim.id, before, `the six calls ${callers.map((c) => c.label).join(' and ')}`);
}

/**
 * Credentials that must be rejected, grouped so that one victim token serves a group. The victim is a token
 * of this test: where a credential's own token still exists (a rotated secret) it is the victim itself — its
 * old secret must not reach it either; otherwise a fresh token.
 */
const destructiveCases: {
  given: string;
  rules: RuleId[];
  setup: (api: SuiteApi, tokens: TokenFactory) => Promise<{ callers: RejectedCaller[]; victim: CreatedToken }>;
}[] = [
  {
    given: 'without an Authorization header or with a token that names no token',
    rules: ['A1'],
    setup: async (api, tokens) => ({
      victim: await tokens.create(),
      callers: [
        { label: 'without an Authorization header', caller: api.withToken(null) },
        { label: 'with a token that names no token', caller: api.withToken(unknownCredential()) },
      ],
    }),
  },
  {
    given: "with a deleted token's secret or a secret rotated out by a reset without expiry",
    rules: ['A1', 'F1', 'G2'],
    setup: async (api, tokens) => {
      const doomed = await tokens.create({ role: 'admin' });
      expectStatus(await api.send('deleteToken', { id: doomed.id }), 204, 'deleteToken of the credential', 'F1');
      const rotated = await tokens.create({ role: 'admin' });
      expectStatus(await api.send('resetToken', { id: rotated.id }), 200, 'resetToken of the credential', 'G2');
      return {
        victim: rotated,
        callers: [
          { label: "with a deleted token's secret", caller: api.withToken(doomed.secret) },
          { label: 'with a secret rotated out by a reset without expiry', caller: api.withToken(rotated.secret) },
        ],
      };
    },
  },
];

test.describe('authentication (A1)', () => {
  // First in the first file: its wait for the expiry then overlaps the rest of the run (see expiry.spec.ts).
  test(
    'all six operations answer 401 for an old secret whose reset expiry has passed on the server clock, changing nothing',
    writes('A1', 'G3', 'A4'),
    async ({ api, tokens }) => {
      // The expiring token is also the victim (see destructiveCases): its old secret must not reach it once expired.
      // The expiry is a short, measured distance ahead of the server's clock (tests/support/expiry.ts): this test
      // judges only "after", so it only needs the reset to come first (no round trips added: this test runs first, and
      // its reading's round trip is mostly the worker's warm-up); the wait is until the clock surely passed it.
      const { created: expiring, clock } = await createAndReadClock(() => tokens.create({ role: 'admin' }));
      const victim = expiring;
      // Whole milliseconds: `expiry` is an integer (epoch ms); a fraction would make it no expiry at all.
      const expiry = Math.ceil(serverUpperAt(clock, performance.now()) + expiryAheadMs(clock, 0, 0));
      const reset = await api.send('resetToken', { id: expiring.id, query: { expiry } });
      expectStatus(reset, 200, 'resetToken of the credential with a future expiry', 'G3');
      asToken(reset.json(), 'resetToken 200');
      await expectSixRejected(
        api,
        [{ label: 'with an old secret past its expiry', caller: api.withToken(expiring.secret) }],
        victim,
        tokens,
        (send) => sendAfterServerTime(expiry, clock, send).then((after) => after.result),
      );
    },
  );

  // One read-only test for both credentials: one read of the list finds the id both use (request budget).
  test(
    'getTokens and getToken answer 401 without an Authorization header and for a token that names no token',
    smoke('A1', 'A4'),
    async ({ api }) => {
      const [item] = await readPage(api, { limit: 1, offset: 0 });
      const id = item?._id ?? randomBytes(12).toString('hex');
      for (const { label, caller } of [
        { label: 'without Authorization', caller: api.withToken(null) },
        { label: 'with an unknown token', caller: api.withToken(unknownCredential()) },
      ]) {
        expectStatusSoft(await caller.send('getTokens', { query: { limit: 1 } }), 401, `getTokens ${label}`, 'A1');
        expectStatusSoft(await caller.send('getToken', { id }), 401, `getToken ${label}`, 'A1');
      }
    },
  );

  for (const row of destructiveCases) {
    test(`all six operations answer 401 ${row.given}, changing nothing`, writes(...row.rules, 'A4'), async ({ api, tokens }) => {
      // The rejected credentials are admin tokens where they were ever valid: a 401 cannot be a role's doing.
      const { callers, victim } = await row.setup(api, tokens);
      await expectSixRejected(api, callers, victim, tokens);
    });
  }
});
