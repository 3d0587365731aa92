import { test } from '../fixtures';
import { expectObfuscated, expectStatus, expectStatusSoft, expectUnchanged, readToken } from '../support/assertions';
import { resetAndCheck } from '../support/reset-token';
import { writes } from '../support/rules';
import { asToken } from '../../src/session/token-types';
import { unknownIds } from '../support/unknown-ids';

/**
 * resetToken POST /api/v2/tokens/{id}/reset?expiry=<epoch ms>: rules G1–G3, B1, A6. "Now" always comes from
 * the server (its Date header or the timestamps of a token just written), never from this machine's clock.
 * The test that waits for a future expiry lives in expiry.spec.ts (see there why).
 */

test.describe('resetToken', () => {
  test(
    'resetToken 200 issues a new whole secret for the same token; the old one stops working at once',
    writes('G1', 'G2', 'D1', 'A1'),
    async ({ api, tokens }) => {
      const created = await tokens.create();
      const { secret } = await resetAndCheck(api, created);
      const own = await api.withToken(secret).send('getToken', { id: created.id });
      expectStatus(own, 200, 'getToken with the new secret right after the reset', 'G1');
      expectStatus(
        await api.withToken(created.secret).send('getToken', { id: created.id }),
        401,
        'getToken with the old secret after a reset without expiry',
        'G2',
      );
      // D1 on that read: it shows the last four characters of the NEW secret.
      expectObfuscated(asToken(own.json(), 'getToken 200').token, secret, 'getToken after resetToken');
    },
  );

  test(
    'resetToken 200 with an expiry in the past retires the old secret at once',
    writes('G2', 'G3', 'A7'),
    async ({ api, tokens, serverNow }) => {
      const created = await tokens.create();
      const { secret } = await resetAndCheck(api, created, { expiry: serverNow() - 60_000 });
      expectStatus(
        await api.withToken(created.secret).send('getToken', { id: created.id }),
        401,
        'getToken with the old secret after a reset with a past expiry',
        'G3',
      );
      expectStatus(await api.withToken(secret).send('getToken', { id: created.id }), 200, 'getToken with the new secret', 'G1');
    },
  );

  test('resetToken 403 for a reader leaves the token and its secret as they were', writes('B1'), async ({ api, tokens, reader }) => {
    const created = await tokens.create();
    const before = await readToken(api, created.id);
    expectStatus(await reader.api.send('resetToken', { id: created.id }), 403, 'resetToken with a reader token');
    expectStatus(
      await api.withToken(created.secret).send('getToken', { id: created.id }),
      200,
      "the token's secret still works after a reader's reset",
    );
    await expectUnchanged(api, created.id, before, 'resetToken by a reader');
  });

  test('resetToken 404 for ids that name no token', writes('A6', 'A4'), async ({ api }) => {
    for (const { given, id } of unknownIds('resetToken')) {
      await test.step(`resetToken with ${given}`, async () => {
        expectStatusSoft(await api.send('resetToken', { id }), 404, `resetToken with ${given}`, 'A6');
      });
    }
  });
});
