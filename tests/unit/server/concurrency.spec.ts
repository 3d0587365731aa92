import { test, expect } from '@playwright/test';
import { startReferenceServer } from '../../../src/server';
import { validateComponent } from '../../../src/contract/schema-registry';
import { asToken, RefApi } from './support/ref-api';

/**
 * The reference server interleaves (issue 27.3): a handler awaits the store's round trip between reading a token and
 * writing it, widened here by `interleaveMs`, so overlapping requests really overlap — and a correct server stays
 * correct: writes to one token are serialised, or with `patchConflict` an overlapping patch gets 409 (E7).
 */

const WIDE = { interleaveMs: 40, log: () => undefined };

test.describe('a correct server with a wide round trip', () => {
  const cases: { given: string; want: unknown; run: (api: RefApi) => Promise<unknown> }[] = [
    {
      given: 'two overlapping patches of different fields',
      want: 'n1 | d1',
      run: async (api) => {
        const id = (await api.createToken())._id;
        await Promise.all([
          api.patchToken(id, [{ op: 'replace', path: '/name', value: 'n1' }]),
          api.patchToken(id, [{ op: 'replace', path: '/description', value: 'd1' }]),
        ]);
        const after = asToken(await api.getToken(id));
        return `${after.name} | ${String(after.description)}`;
      },
    },
    {
      given: 'two overlapping resets without expiry',
      want: 1,
      run: async (api) => {
        const id = (await api.createToken())._id;
        const resets = await Promise.all([api.resetToken(id), api.resetToken(id)]);
        const live = await Promise.all(resets.map(async (r) => (await api.as(asToken(r).token).getTokens()).status === 200));
        return live.filter(Boolean).length;
      },
    },
    {
      given: 'a delete overlapping a patch',
      want: 404,
      run: async (api) => {
        const id = (await api.createToken())._id;
        await Promise.all([api.patchToken(id, [{ op: 'replace', path: '/name', value: 'raced' }]), api.deleteToken(id)]);
        return (await api.getToken(id)).status;
      },
    },
  ];
  for (const { given, want, run } of cases) {
    test(`${given}: ${JSON.stringify(want)}`, async () => {
      const server = await startReferenceServer(WIDE);
      try {
        expect(await run(new RefApi(server.url, server.adminToken))).toEqual(want);
      } finally {
        await server.close();
      }
    });
  }
});

test('patchConflict: a patch overlapping another write to its token gets 409 StatusConflictErrorRep and changes nothing (E7)', async () => {
  // The round trip is a random pause, and a loaded machine spreads three "simultaneous" requests apart: a patch that
  // arrives after the one before it finished does not overlap and is rightly applied. So each try checks only what a
  // correct server guarantees (some patch applies; a refused one never shows), and the tries must meet a 409 at all.
  const server = await startReferenceServer({ ...WIDE, interleaveMs: 200, patchConflict: true });
  try {
    const api = new RefApi(server.url, server.adminToken);
    let refusals = 0;
    for (let attempt = 0; attempt < 5 && refusals === 0; attempt += 1) {
      const id = (await api.createToken({ name: 'before' }))._id;
      const names = ['first', 'second', 'third'];
      const answers = await Promise.all(names.map((name) => api.patchToken(id, [{ op: 'replace', path: '/name', value: name }])));
      expect(
        answers.map((r) => r.status).filter((s) => s !== 200 && s !== 409),
        'every patch applied (200) or refused (409)',
      ).toEqual([]);
      const applied = names.filter((_, i) => answers[i]?.status === 200);
      const refused = names.filter((_, i) => answers[i]?.status === 409);
      expect(applied.length, 'the first of overlapping patches applies').toBeGreaterThan(0);
      for (const r of answers.filter((a) => a.status === 409))
        expect(validateComponent('StatusConflictErrorRep', r.json), 'a 409 carries StatusConflictErrorRep').toEqual([]);
      const now = asToken(await api.getToken(id)).name;
      expect(applied, `the stored name "${String(now)}" is one a 200 applied`).toContain(now);
      expect(refused, 'a refused patch never shows').not.toContain(now);
      refusals += refused.length;
    }
    expect(refusals, 'overlapping patches refused with 409 in five tries of three at once').toBeGreaterThan(0);
  } finally {
    await server.close();
  }
});

test('interleaveMs must be a non-negative number', async () => {
  await expect(startReferenceServer({ interleaveMs: -1, log: () => undefined })).rejects.toThrow(
    'interleaveMs must be a non-negative number',
  );
});
