import { asToken, serverDate } from './support/ref-api';
import { expect, rules, test } from './support/ref-test';

test.describe('F1 deleteToken', () => {
  test('204 without a body, then 404 everywhere and the secret is dead', rules('F1', 'A1'), async ({ api }) => {
    const t = await api.createToken();
    const r = await api.deleteToken(t._id);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(r.headers['content-type']).toBeUndefined();
    expect((await api.getToken(t._id)).status).toBe(404);
    expect((await api.deleteToken(t._id)).status).toBe(404);
    expect((await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: 'x' }])).status).toBe(404);
    expect((await api.resetToken(t._id)).status).toBe(404);
    expect((await api.as(t.token).getTokens()).status).toBe(401);
  });

  test('a token may delete itself; its secret dies with it', rules('F1'), async ({ api }) => {
    const t = await api.createToken({ role: 'writer' });
    expect((await api.as(t.token).deleteToken(t._id)).status).toBe(204);
    expect((await api.as(t.token).getTokens()).status).toBe(401);
  });

  test('old secrets still inside their reset expiry die with the token', rules('F1', 'G3'), async ({ api }) => {
    const t = await api.createToken();
    const reset = asToken(await api.resetToken(t._id, t.lastModified + 60_000));
    expect((await api.as(t.token).getTokens()).status).toBe(200);
    expect((await api.deleteToken(t._id)).status).toBe(204);
    expect((await api.as(t.token).getTokens()).status).toBe(401);
    expect((await api.as(reset.token).getTokens()).status).toBe(401);
  });
});

test.describe('G1/G2 resetToken', () => {
  test('200 with a new whole secret, same id, the new secret works at once', rules('G1'), async ({ api }) => {
    const t = await api.createToken();
    const r = await api.resetToken(t._id);
    expect(r.status).toBe(200);
    const reset = asToken(r);
    expect(reset._id).toBe(t._id);
    expect(reset.token).toMatch(/^api-[0-9a-f-]{36}$/);
    expect(reset.token).not.toBe(t.token);
    expect(reset.lastModified).toBeGreaterThan(t.lastModified);
    expect((await api.as(reset.token).getTokens()).status).toBe(200);
    expect(asToken(await api.getToken(t._id)).token).toBe(reset.token.slice(-4));
  });

  test('without expiry the old secret dies at once', rules('G2'), async ({ api }) => {
    const t = await api.createToken();
    await api.resetToken(t._id);
    expect((await api.as(t.token).getTokens()).status).toBe(401);
  });

  const dieAtOnce: { given: string; expiry: (now: number) => number | string }[] = [
    { given: 'an expiry in the past', expiry: (now) => now - 60_000 },
    { given: 'an expiry equal to now', expiry: (now) => now - 1 },
    { given: 'an expiry that is not a number', expiry: () => 'tomorrow' },
    { given: 'a fractional expiry', expiry: (now) => `${now + 60_000}.5` },
    { given: 'an empty expiry', expiry: () => '' },
    { given: 'a huge expiry string', expiry: () => '9'.repeat(400) },
  ];
  for (const row of dieAtOnce) {
    test(`${row.given}: 200 and the old secret dies at once`, rules('G2', 'G3', 'A7'), async ({ api }) => {
      const t = await api.createToken();
      const r = await api.resetToken(t._id, row.expiry(t.lastModified));
      expect(r.status).toBe(200);
      expect((await api.as(t.token).getTokens()).status).toBe(401);
      expect((await api.as(asToken(r).token).getTokens()).status).toBe(200);
    });
  }
});

test.describe('G3 reset with a future expiry', () => {
  test('the old secret works until the expiry (server clock) and gets 401 after', rules('G3'), async ({ api }) => {
    const t = await api.createToken();
    const reset = asToken(await api.resetToken(t._id, t.lastModified + 1500));
    expect((await api.as(t.token).getTokens()).status).toBe(200);
    expect((await api.as(reset.token).getTokens()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await api.as(t.token).getTokens()).status).toBe(401);
    expect((await api.as(reset.token).getTokens()).status).toBe(200);
  });

  test('each old secret keeps its own expiry over several resets', rules('G3'), async ({ api }) => {
    const t = await api.createToken();
    const first = asToken(await api.resetToken(t._id, t.lastModified + 60_000)); // t.token lives a minute
    const second = asToken(await api.resetToken(t._id)); // first.token dies now
    expect((await api.as(t.token).getTokens()).status).toBe(200);
    expect((await api.as(first.token).getTokens()).status).toBe(401);
    expect((await api.as(second.token).getTokens()).status).toBe(200);
  });

  test('an old secret still alive has the same rights as before', rules('G3'), async ({ api }) => {
    const t = await api.createToken({ role: 'reader' });
    await api.resetToken(t._id, t.lastModified + 60_000);
    expect((await api.as(t.token).postToken({ name: 'x' })).status).toBe(403);
    expect((await api.as(t.token).getToken(t._id)).status).toBe(200);
  });
});

test.describe('clock skew: the server clock rules everything', () => {
  const HOUR = 3_600_000;
  for (const skew of [HOUR, -HOUR]) {
    test.describe(`skew ${skew > 0 ? '+' : '-'}1h`, () => {
      test.use({ refOptions: { clockSkewMs: skew } });

      test('Date header, creationDate and lastModified follow the server clock', rules('G3', 'C3'), async ({ api }) => {
        const before = Date.now();
        const r = await api.postToken({ name: 'skewed', role: 'reader' });
        const t = asToken(r);
        expect(Math.abs(serverDate(r) - (before + skew))).toBeLessThan(5000);
        expect(Math.abs(t.creationDate - (before + skew))).toBeLessThan(5000);
      });

      test('an expiry taken from the client clock is wrong; one from the server clock is right', rules('G3'), async ({ api }) => {
        const a = await api.createToken();
        const b = await api.createToken();
        await api.resetToken(a._id, Date.now() + 60_000); // client clock: in the server's past when skew is +1h
        await api.resetToken(b._id, b.lastModified + 60_000); // server clock: a minute ahead, always
        expect((await api.as(a.token).getTokens()).status).toBe(skew > 0 ? 401 : 200);
        expect((await api.as(b.token).getTokens()).status).toBe(200);
      });
    });
  }
});
