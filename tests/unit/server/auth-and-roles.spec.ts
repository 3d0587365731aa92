import type { OperationId } from '../../../src/domain/operations';
import { asToken, asTokens, type RefApi, type RefResponse } from './support/ref-api';
import { expect, rules, test } from './support/ref-test';

/** Call one operation on `id` (ignored by getTokens/postToken) with a valid body where one is needed. */
function callOperation(api: RefApi, op: OperationId, id: string, token?: string | null): Promise<RefResponse> {
  const opts = token === undefined ? {} : { token };
  switch (op) {
    case 'getTokens':
      return api.getTokens('', opts);
    case 'postToken':
      return api.postToken({ name: 'x', role: 'reader' }, opts);
    case 'getToken':
      return api.getToken(id, opts);
    case 'patchToken':
      return api.patchToken(id, [{ op: 'replace', path: '/name', value: 'changed' }], opts);
    case 'deleteToken':
      return api.deleteToken(id, opts);
    case 'resetToken':
      return api.resetToken(id, undefined, opts);
  }
}

const ALL_OPS: OperationId[] = ['getTokens', 'postToken', 'getToken', 'patchToken', 'deleteToken', 'resetToken'];
const WRITE_OPS: OperationId[] = ['postToken', 'patchToken', 'deleteToken', 'resetToken'];

test.describe('A1 authentication', () => {
  const rows: { given: string; token: (admin: string) => string | null }[] = [
    { given: 'no Authorization header', token: () => null },
    { given: 'an empty Authorization header', token: () => '' },
    { given: 'an unknown secret', token: () => 'api-00000000-0000-4000-8000-000000000000' },
    { given: 'the admin secret behind a scheme word', token: (admin) => `Bearer ${admin}` },
    { given: 'the admin secret with a changed last character', token: (admin) => admin.slice(0, -1) + (admin.endsWith('0') ? '1' : '0') },
  ];
  for (const row of rows) {
    test(`${row.given} gets 401 on all six operations and changes nothing`, rules('A1'), async ({ api, ref }) => {
      const target = await api.createToken({ name: 'target' });
      const before = asTokens(await api.getTokens('?limit=100')).items;
      for (const op of ALL_OPS) {
        const r = await callOperation(api, op, target._id, row.token(ref.adminToken));
        expect(r.status, `${op} with ${row.given}`).toBe(401);
        expect(r.json).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
      }
      expect(asTokens(await api.getTokens('?limit=100')).items).toEqual(before);
    });
  }

  test('the raw secret authenticates', rules('A1'), async ({ api }) => {
    expect((await api.getTokens()).status).toBe(200);
  });
});

test.describe('B1 reader tokens', () => {
  test('may read their own member tokens', rules('B1'), async ({ api }) => {
    const reader = await api.createToken({ role: 'reader' });
    const asReader = api.as(reader.token);
    const list = await asReader.getTokens();
    expect(list.status).toBe(200);
    expect(asTokens(list).items.map((t) => t._id)).toContain(reader._id);
    expect((await asReader.getToken(reader._id)).status).toBe(200);
  });

  test('get 403 on every write and change nothing', rules('B1'), async ({ api }) => {
    const reader = await api.createToken({ role: 'reader' });
    const victim = await api.createToken({ name: 'victim' });
    const before = asTokens(await api.getTokens('?limit=100&showAll=true')).items;
    for (const op of WRITE_OPS) {
      const r = await callOperation(api.as(reader.token), op, victim._id);
      expect(r.status, op).toBe(403);
      expect(r.json).toMatchObject({ code: 'forbidden' });
    }
    // Also on its own token, and on an id that does not exist: the role alone decides.
    expect((await api.as(reader.token).deleteToken(reader._id)).status).toBe(403);
    expect((await api.as(reader.token).resetToken('000000000000000000000000')).status).toBe(403);
    expect(asTokens(await api.getTokens('?limit=100&showAll=true')).items).toEqual(before);
  });

  test("see another member's token as 404, not 403", rules('B1'), async ({ api }) => {
    const reader = await api.createToken({ role: 'reader' });
    const all = asTokens(await api.getTokens('?showAll=true')).items;
    const others = all.filter((t) => t.memberId !== reader.memberId);
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const other of others) expect((await api.as(reader.token).getToken(other._id)).status).toBe(404);
  });

  test('a token with only an inline role acts as a reader', rules('B1'), async ({ api }) => {
    const inline = await api.createToken({ role: undefined, inlineRole: [{ effect: 'allow', actions: ['*'], resources: ['proj/*'] }] });
    expect(inline.role).toBeUndefined();
    expect((await api.as(inline.token).postToken({ name: 'x' })).status).toBe(403);
  });
});

test.describe('B2/B3 showAll and the caller-member filter', () => {
  test('admin without showAll lists only its own member tokens', rules('B3'), async ({ api }) => {
    const mine = await api.createToken();
    const items = asTokens(await api.getTokens()).items;
    expect(new Set(items.map((t) => t.memberId))).toEqual(new Set([mine.memberId]));
    expect(items.map((t) => t._id)).toContain(mine._id);
  });

  test('admin with showAll=true lists every member personal tokens', rules('B2'), async ({ api }) => {
    const mine = await api.createToken();
    const all = asTokens(await api.getTokens('?showAll=true'));
    const own = asTokens(await api.getTokens());
    // Seeded: the admin member, a writer member with two tokens, a second admin member with one (B6).
    expect(new Set(all.items.map((t) => t.memberId)).size).toBe(3);
    expect(all.totalCount).toBe(own.totalCount + 3);
    expect(all.items.map((t) => t._id)).toContain(mine._id);
  });

  for (const role of ['reader', 'writer']) {
    test(`showAll=true is ignored for a ${role} token`, rules('B2', 'B3'), async ({ api }) => {
      const t = await api.createToken({ role });
      const withShowAll = asTokens(await api.as(t.token).getTokens('?showAll=true'));
      const without = asTokens(await api.as(t.token).getTokens());
      expect(withShowAll.items.map((i) => i._id)).toEqual(without.items.map((i) => i._id));
      expect(new Set(withShowAll.items.map((i) => i.memberId))).toEqual(new Set([t.memberId]));
    });
  }
});

test.describe('writer tokens', () => {
  test('may write tokens of their own member', rules('B2'), async ({ api }) => {
    const writer = await api.createToken({ role: 'writer' });
    const w = api.as(writer.token);
    const created = asToken(await w.postToken({ name: 'by writer', role: 'reader' }));
    expect(created.memberId).toBe(writer.memberId);
    expect((await w.patchToken(created._id, [{ op: 'replace', path: '/name', value: 'renamed' }])).status).toBe(200);
    expect((await w.resetToken(created._id)).status).toBe(200);
    expect((await w.deleteToken(created._id)).status).toBe(204);
  });

  test('may not create or patch a token above their own role', rules('B1'), async ({ api }) => {
    const writer = await api.createToken({ role: 'writer' });
    const w = api.as(writer.token);
    expect((await w.postToken({ name: 'escalate', role: 'admin' })).status).toBe(403);
    const r = await w.patchToken(writer._id, [{ op: 'replace', path: '/role', value: 'admin' }]);
    expect(r.status).toBe(403);
    expect(asToken(await api.getToken(writer._id)).role).toBe('writer');
  });

  test("get 404 for another member's token on writes", rules('B1'), async ({ api }) => {
    const writer = await api.createToken({ role: 'writer' });
    const other = asTokens(await api.getTokens('?showAll=true')).items.find((t) => t.memberId !== writer.memberId);
    expect(other).toBeDefined();
    const id = other?._id ?? '';
    for (const op of ['patchToken', 'deleteToken', 'resetToken'] as const) {
      expect((await callOperation(api.as(writer.token), op, id)).status, op).toBe(404);
    }
  });
});
