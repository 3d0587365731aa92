import { expect, test } from '../fixtures';
import { expectStatus } from '../support/assertions';
import { sendAfterServerTime } from '../support/expiry';
import { recordInconclusive } from '../support/inconclusive';
import { resetAndCheck } from '../support/reset-token';
import { writes } from '../support/rules';
import { serverTimeOf } from '../../src/session/server-clock';

/**
 * resetToken with a future expiry (G3): the old secret works until the server's clock passes the expiry.
 * The test sleeps until then (seconds), which makes it the run's longest chain. It lives in a file of its own
 * that sorts before most others (Playwright hands out tests in file order), so its wait starts early and
 * overlaps the rest of the run instead of trailing it; auth.spec.ts likewise runs its own expiry test first.
 * Not a place for other tests.
 */

/**
 * How far ahead of the server's now the old secret's expiry is set, per try: long enough to use it once more.
 * A later try gets a longer margin; after the last, a target still too slow to judge fails G3.
 */
const EXPIRY_MARGINS_MS = [4_000, 8_000, 16_000] as const;
/** A Date header has whole seconds: the server's clock may be up to this much past what it says. */
const DATE_RESOLUTION_MS = 1_000;

test.describe('resetToken', () => {
  test(
    'resetToken 200 with a future expiry keeps the old secret working until the server clock passes it',
    writes('G1', 'G3', 'A1'),
    async ({ api, tokens, serverNow }) => {
      const created = await tokens.create();
      // Each try resets with a longer margin. A 401 for the old secret fails G3 when OUR measured timings prove
      // the check reached the server before the expiry; only when they cannot (a slow target, a loaded machine)
      // is the try "too close to judge" — decided from our monotonic clock, never from the target's Date header.
      let oldSecret = created.secret;
      for (const [index, aheadMs] of EXPIRY_MARGINS_MS.entries()) {
        const started = performance.now();
        // A fresh observation of the server's clock, taken after `started`: its true time then is at most
        // serverNow() + 1 s (a Date header has whole seconds) — the bound the judgement below relies on.
        expectStatus(await api.send('getToken', { id: created.id }), 200, 'getToken before the reset');
        const expiry = serverNow() + aheadMs;
        const { result, secret } = await resetAndCheck(api, { ...created, secret: oldSecret }, { expiry });
        const resetAt = serverTimeOf(result) ?? serverNow();
        const old = api.withToken(oldSecret);
        const stillValid = await old.send('getToken', { id: created.id });
        const elapsedMs = performance.now() - started;
        const provablyBeforeExpiry = elapsedMs + DATE_RESOLUTION_MS < aheadMs;
        if (stillValid.status === 401 && !provablyBeforeExpiry) {
          recordInconclusive(
            'G3',
            `try ${index + 1}: the old-secret check took ${Math.round(elapsedMs)} ms from the clock reading, too close to the ${aheadMs} ms expiry to judge a 401`,
          );
          oldSecret = secret;
          continue;
        }
        expectStatus(
          stillValid,
          200,
          `getToken with the old secret ${Math.round(elapsedMs)} ms after reading the server clock, before the expiry ${aheadMs} ms ahead`,
        );
        expectStatus(
          await api.withToken(secret).send('getToken', { id: created.id }),
          200,
          'getToken with the new secret right after the reset',
        );
        const after = await sendAfterServerTime(expiry, resetAt, () => old.send('getToken', { id: created.id }));
        const serverDate =
          after.result.serverDate === null ? 'no Date header' : `server Date ${new Date(after.result.serverDate).toISOString()}`;
        expectStatus(
          after.result,
          401,
          `getToken with the old secret after its expiry ${new Date(expiry).toISOString()} (${serverDate}, ${after.requests} request(s))`,
        );
        return;
      }
      // Bounded: a target too slow to judge on every margin fails G3 rather than passing unjudged.
      expect(
        'every try too close to judge',
        `G3: on each of ${EXPIRY_MARGINS_MS.length} tries (expiry ${EXPIRY_MARGINS_MS.join(' / ')} ms ahead) the old secret got 401 and the check took too long to prove it came before the expiry`,
      ).toBe('the old secret judged before its expiry');
    },
  );
});
