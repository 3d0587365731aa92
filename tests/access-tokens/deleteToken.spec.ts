import { expect, test } from '../fixtures';
import { expectStatus, expectStatusSoft, expectUnchanged, readToken } from '../support/assertions';
import { writes } from '../support/rules';
import { unknownIds } from '../support/unknown-ids';

/** deleteToken DELETE /api/v2/tokens/{id}: rules F1, A6, B1. */

test.describe('deleteToken', () => {
  // The four id operations on a deleted token, in one test (they used to be one test per operation file, each
  // creating and deleting a token of its own: request budget).
  test(
    'deleteToken 204 with no body; then every id operation answers 404 and its secret no longer authenticates',
    writes('F1', 'A1', 'A6'),
    async ({ api, tokens }) => {
      const created = await tokens.create();
      const result = await api.send('deleteToken', { id: created.id });
      expectStatus(result, 204, 'deleteToken', 'F1');
      expect(result.bodyText, 'deleteToken 204 has no body').toBe('');
      expectStatusSoft(await api.send('getToken', { id: created.id }), 404, 'getToken after deleteToken', 'F1');
      expectStatusSoft(
        await api.send('patchToken', { id: created.id, body: [{ op: 'replace', path: '/description', value: 'x' }] }),
        404,
        'patchToken after deleteToken',
        'F1',
      );
      expectStatusSoft(await api.send('resetToken', { id: created.id }), 404, 'resetToken after deleteToken', 'F1');
      expectStatusSoft(await api.send('deleteToken', { id: created.id }), 404, 'a second deleteToken', 'F1');
      expectStatus(
        await api.withToken(created.secret).send('getTokens', { query: { limit: 1 } }),
        401,
        "getTokens with the deleted token's secret",
        'A1',
      );
    },
  );

  test('deleteToken 403 for a reader leaves the token in place', writes('B1'), async ({ api, tokens, reader }) => {
    const created = await tokens.create();
    const before = await readToken(api, created.id);
    expectStatus(await reader.api.send('deleteToken', { id: created.id }), 403, 'deleteToken with a reader token');
    await expectUnchanged(api, created.id, before, 'deleteToken by a reader');
  });

  test('deleteToken 404 for ids that name no token', writes('A6', 'A4'), async ({ api }) => {
    for (const { given, id } of unknownIds('deleteToken')) {
      await test.step(`deleteToken with ${given}`, async () => {
        expectStatusSoft(await api.send('deleteToken', { id }), 404, `deleteToken with ${given}`, 'A6');
      });
    }
  });
});
