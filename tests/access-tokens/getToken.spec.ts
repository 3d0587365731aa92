import { expect, test } from '../fixtures';
import { expectObfuscated, expectStatus, expectStatusSoft, readToken, stableView } from '../support/assertions';
import { smoke, writes } from '../support/rules';
import { recordInconclusive } from '../support/inconclusive';
import { containsSecret } from '../../src/session/secret-compare';
import { readPage } from '../support/token-list';
import { asToken } from '../../src/session/token-types';
import { unknownIds } from '../support/unknown-ids';

/** getToken GET /api/v2/tokens/{id}: rules D1, A6, B1. */

test.describe('getToken', () => {
  test(
    "getToken 200 returns a token of the caller's list without its whole secret",
    smoke('D1', 'B3', 'D2'),
    async ({ api, suiteConfig }) => {
      const items = await readPage(api, { limit: 20, offset: 0 });
      // A lower bound, not a skip: the calling token itself was created by the caller's member, so by D2 ("a
      // token the caller created is on some page of the caller's list") the list is never empty.
      expect(
        items.length,
        "getTokens?limit=20 for the caller: at least one item (the caller's own token at least must be listed, D2)",
      ).toBeGreaterThan(0);
      // Read a token this run did not make when the page shows one: this run's own tokens are deleted by other
      // tests at any moment, so a 404 for one of them between the list and the read is a race, not a breach
      // (seen against a newest-first server with pages of 10, where the first item was another test's token).
      const isOurs = (t: { name?: unknown }): boolean => typeof t.name === 'string' && t.name.startsWith(`${suiteConfig.tokenNamePrefix}-`);
      const item = items.find((t) => !isOurs(t)) ?? items[0];
      if (item === undefined) return;
      const result = await api.send('getToken', { id: item._id });
      if (result.status === 404 && isOurs(item)) {
        recordInconclusive(
          'D1',
          `every token on the first page was made by this run, and ${item._id} was deleted by another test before it could be read`,
        );
        return;
      }
      expectStatus(result, 200, 'getToken');
      const read = asToken(result.json(), 'getToken');
      expect(read._id, '_id').toBe(item._id);
      expect.soft(read.memberId, 'memberId matches the list item').toEqual(item.memberId);
      expect.soft(read.name, 'name matches the list item').toEqual(item.name);
      const shown = typeof read.token === 'string' ? read.token.length : 0;
      expect(shown, '"token" in a read shows at most the last four characters').toBeLessThanOrEqual(4);
    },
  );

  test(
    'getToken 200 returns the created token with its secret reduced to the last four characters',
    writes('D1', 'C1'),
    async ({ api, tokens }) => {
      const created = await tokens.create({
        name: tokens.newName('read-back'),
        description: 'Conformance suite token: read back with getToken',
        role: 'writer',
        defaultApiVersion: 20240415,
      });
      const read = await readToken(api, created.id);
      expectObfuscated(read.token, created.secret, 'getToken');
      // D1: a whole secret anywhere in a read (another field, a link) is a security failure too.
      expect(containsSecret(read, created.secret), 'getToken carries the whole secret in some field').toBe(false);
      const { token: _createdSecret, ...createdFields } = stableView(created.token);
      const { token: _readSecret, ...readFields } = stableView(read);
      expect(readFields, 'getToken shows the token exactly as postToken created it (apart from the secret)').toEqual(createdFields);
    },
  );

  test('getToken 200 for a reader reading a token of its own member', writes('B1', 'D1'), async ({ tokens, reader }) => {
    const created = await tokens.create();
    const result = await reader.api.send('getToken', { id: created.id });
    expectStatus(result, 200, 'getToken with a reader token', 'B1');
    expectObfuscated(asToken(result.json(), 'getToken').token, created.secret, 'getToken by a reader');
  });

  test('getToken 404 for ids that name no token', smoke('A6', 'A4'), async ({ api }) => {
    for (const { given, id } of unknownIds('getToken')) {
      await test.step(`getToken with ${given}`, async () => {
        expectStatusSoft(await api.send('getToken', { id }), 404, `getToken with ${given}`, 'A6');
      });
    }
  });
});
