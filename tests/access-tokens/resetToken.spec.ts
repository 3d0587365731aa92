import { expect, test } from '../fixtures';
import { expectObfuscated, expectStatus, expectStatusSoft, expectUnchanged, readToken } from '../support/assertions';
import { sendAfterServerTime } from '../support/expiry';
import { writes } from '../support/rules';
import { fingerprintSecret, isWholeSecret } from '../support/secret-compare';
import { serverTimeOf } from '../support/server-clock';
import type { SuiteApi } from '../support/suite-api';
import type { CreatedToken } from '../support/token-factory';
import { asToken } from '../support/token-types';
import { unknownIds } from '../support/unknown-ids';

/**
 * resetToken POST /api/v2/tokens/{id}/reset?expiry=<epoch ms>: rules G1–G3, B1, A6. "Now" always comes from
 * the server (its Date header or the timestamps of a token just written), never from this machine's clock.
 */

/** How far ahead of the server's now the old secret's expiry is set: long enough to use it once more. */
const EXPIRY_AHEAD_MS = 4_000;

/** Resets `created` and checks G1: 200, same _id, a new whole secret different from the old one. */
async function resetAndCheck(api: SuiteApi, created: CreatedToken, query?: { expiry: number }) {
  const result = await api.send('resetToken', { id: created.id, ...(query ? { query } : {}) });
  expectStatus(result, 200, `resetToken${query ? ' with expiry' : ''}`);
  const reset = asToken(result.json(), 'resetToken 200');
  expect(reset._id, 'resetToken keeps the _id').toBe(created.id);
  const secret = reset.token;
  expect(isWholeSecret(secret), 'resetToken 200 "token" holds a whole new secret (more than four characters)').toBe(true);
  if (!isWholeSecret(secret)) throw new Error('unreachable: asserted above');
  expect(secret !== created.secret, `resetToken must issue a new secret; it returned the old one (${fingerprintSecret(secret)})`).toBe(true);
  return { result, secret };
}

test.describe('resetToken', () => {
  test('resetToken 200 issues a new whole secret for the same token; the old one stops working at once', writes('G1', 'G2', 'D1', 'A1'), async ({ api, tokens }) => {
    const created = await tokens.create();
    const { secret } = await resetAndCheck(api, created);
    expectStatus(await api.withToken(secret).send('getToken', { id: created.id }), 200, 'getToken with the new secret right after the reset');
    expectStatus(await api.withToken(created.secret).send('getToken', { id: created.id }), 401, 'getToken with the old secret after a reset without expiry');
    expectObfuscated((await readToken(api, created.id)).token, secret, 'getToken after resetToken');
  });

  test('resetToken 200 with a future expiry keeps the old secret working until the server clock passes it', writes('G1', 'G3', 'A1'), async ({ api, tokens, serverNow }) => {
    const created = await tokens.create();
    const expiry = serverNow() + EXPIRY_AHEAD_MS;
    const { result, secret } = await resetAndCheck(api, created, { expiry });
    const resetAt = serverTimeOf(result) ?? serverNow();
    const old = api.withToken(created.secret);
    const stillValid = await old.send('getToken', { id: created.id });
    const checkedAt = serverTimeOf(stillValid);
    // On a slow or rate-limited target the check itself may land after the expiry. The Date header has
    // whole seconds, so only when the server's own time at that response is surely before the expiry is a
    // 401 a broken promise; otherwise this run cannot judge G3 and says so instead of crying wolf.
    if (stillValid.status === 401 && checkedAt !== null && checkedAt + 1000 > expiry) {
      test.info().annotations.push({ type: 'inconclusive', description: `G3: the "old secret still works" check reached the server at ${new Date(checkedAt).toISOString()}, too close to the expiry ${new Date(expiry).toISOString()} to judge` });
      return;
    }
    expectStatus(stillValid, 200, 'getToken with the old secret right after a reset with a future expiry');
    expectStatus(await api.withToken(secret).send('getToken', { id: created.id }), 200, 'getToken with the new secret right after the reset');
    const after = await sendAfterServerTime(expiry, resetAt, () => old.send('getToken', { id: created.id }));
    const serverDate = after.result.serverDate === null ? 'no Date header' : `server Date ${new Date(after.result.serverDate).toISOString()}`;
    expectStatus(after.result, 401, `getToken with the old secret after its expiry ${new Date(expiry).toISOString()} (${serverDate}, ${after.requests} request(s))`);
  });

  test('resetToken 200 with an expiry in the past retires the old secret at once', writes('G2', 'G3', 'A7'), async ({ api, tokens, serverNow }) => {
    const created = await tokens.create();
    const { secret } = await resetAndCheck(api, created, { expiry: serverNow() - 60_000 });
    expectStatus(await api.withToken(created.secret).send('getToken', { id: created.id }), 401, 'getToken with the old secret after a reset with a past expiry');
    expectStatus(await api.withToken(secret).send('getToken', { id: created.id }), 200, 'getToken with the new secret');
  });

  test("resetToken 403 for a reader leaves the token and its secret as they were", writes('B1'), async ({ api, tokens, reader }) => {
    const created = await tokens.create();
    const before = await readToken(api, created.id);
    expectStatus(await reader.api.send('resetToken', { id: created.id }), 403, 'resetToken with a reader token');
    expectStatus(await api.withToken(created.secret).send('getToken', { id: created.id }), 200, "the token's secret still works after a reader's reset");
    await expectUnchanged(api, created.id, before, 'resetToken by a reader');
  });

  test('resetToken 404 for ids that name no token', writes('A6', 'A4'), async ({ api }) => {
    for (const { given, id } of unknownIds()) {
      await test.step(`resetToken with ${given}`, async () => {
        expectStatusSoft(await api.send('resetToken', { id }), 404, `resetToken with ${given}`);
      });
    }
  });

  test('resetToken 404 for a deleted token', writes('A6', 'F1'), async ({ api, tokens }) => {
    const created = await tokens.create();
    expectStatus(await api.send('deleteToken', { id: created.id }), 204, 'deleteToken');
    expectStatus(await api.send('resetToken', { id: created.id }), 404, 'resetToken after deleteToken');
  });
});
