import { test, expect } from '@playwright/test';
import { startReferenceServer } from '../../../src/server';
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
  const server = await startReferenceServer({ ...WIDE, patchConflict: true });
  try {
    const api = new RefApi(server.url, server.adminToken);
    const id = (await api.createToken({ name: 'before' }))._id;
    const answers = await Promise.all(
      ['first', 'second', 'third'].map((name) => api.patchToken(id, [{ op: 'replace', path: '/name', value: name }])),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 409).length, 'overlapping patches refused').toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length, 'the first patch applied').toBe(1);
    const applied = answers.filter((r) => r.status === 200).map((r) => asToken(r).name);
    expect([asToken(await api.getToken(id)).name], 'only the applied patch shows').toEqual(applied);
  } finally {
    await server.close();
  }
});

test('interleaveMs must be a non-negative number', async () => {
  await expect(startReferenceServer({ interleaveMs: -1, log: () => undefined })).rejects.toThrow(
    'interleaveMs must be a non-negative number',
  );
});
