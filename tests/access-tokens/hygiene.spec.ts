import { expect, test } from '../fixtures';
import { expectStatus } from '../support/assertions';
import { writes } from '../support/rules';
import { expectWalkEnded, findInList } from '../support/token-list';
import { asToken } from '../../src/session/token-types';

/**
 * Rules H1 and H2, what the suite owes a shared environment, checked on the suite's own machinery: the names
 * it gives tokens and the evidence it attaches to reports.
 */

test.describe('suite hygiene', () => {
  test(
    'every token the suite creates carries the run prefix and is listed under it',
    writes('H1'),
    async ({ api, tokens, suiteConfig }) => {
      const created = await tokens.create();
      expect(created.token.name, 'name of a created token').toEqual(
        expect.stringMatching(new RegExp(`^${escapeRegExp(suiteConfig.tokenNamePrefix)}-`)),
      );
      const walk = await findInList(api, [created.id]);
      expectWalkEnded(walk, "the caller's list");
      expect(walk.found.get(created.id)?.name, 'the listed name carries the run prefix').toBe(created.token.name);
    },
  );

  test('no whole secret reaches the evidence attached to a report', writes('H2', 'C2', 'G1'), async ({ api, tokens, harness }) => {
    const created = await tokens.create();
    const reset = await api.send('resetToken', { id: created.id });
    expectStatus(reset, 200, 'resetToken', 'G1');
    const newSecret = asToken(reset.json(), 'resetToken 200').token;
    const evidence = harness.recorder.exchangesJson();
    const secrets = [created.secret, typeof newSecret === 'string' ? newSecret : ''].filter((secret) => secret.length > 4);
    expect(secrets.length, 'the test saw two whole secrets to look for').toBe(2);
    expect(secrets.filter((secret) => evidence.includes(secret)).length, 'whole secrets found in exchanges.json').toBe(0);
    expect(evidence.includes('"operationId": "resetToken"'), 'the evidence does hold the reset exchange').toBe(true);
  });

  test(
    'no response carries a secret the run knows but the one it issues (errors around a reset token)',
    writes('H3', 'E4', 'G2'),
    async ({ api, tokens, harness }) => {
      // Every response below is scanned by the session's secret_exposure check (a hit fails this test as a
      // contract failure naming where); the requests are the ones a careless server echoes its state in.
      const created = await tokens.create();
      const failingTest = await api.send('patchToken', { id: created.id, body: [{ op: 'test', path: '/name', value: 'not its name' }] });
      expectStatus(failingTest, [400, 422], 'patchToken with a failing test', 'E4');
      const readOnly = await api.send('patchToken', { id: created.id, body: [{ op: 'replace', path: '/token', value: 'x' }] });
      expectStatus(readOnly, [400, 422], 'patchToken of /token', 'E4');
      const reset = await api.send('resetToken', { id: created.id });
      expectStatus(reset, 200, 'resetToken', 'G2');
      const oldSecret = await api.send('getTokens', { token: created.secret });
      expectStatus(oldSecret, 401, 'getTokens with the secret a reset replaced', 'G2');
      const afterReset = await api.send('patchToken', { id: created.id, body: [{ op: 'test', path: '/role', value: 'admin' }] });
      expectStatus(afterReset, [400, 422], 'patchToken with a failing test after the reset', 'E4');
      // The check was armed: the configured token, the created one's and the reset one's secrets at least.
      expect(harness.recorder.secretsLookedFor(), 'secrets the session looks for in each response').toBeGreaterThanOrEqual(3);
    },
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
