import { asToken, asTokens, type RefApi, type TokenBody } from './support/ref-api';
import { expect, rules, test } from './support/ref-test';

async function createMany(api: RefApi, n: number): Promise<TokenBody[]> {
  const out: TokenBody[] = [];
  for (let i = 0; i < n; i += 1) out.push(await api.createToken({ name: `bulk-${i}`, role: 'reader' }));
  return out;
}

test('D1 getToken returns the token as created, with only the last four secret characters', rules('D1'), async ({ api }) => {
  const created = await api.createToken({
    name: 'd1',
    description: 'desc',
    inlineRole: [{ effect: 'allow', actions: ['*'], resources: ['proj/*'] }],
  });
  const got = asToken(await api.getToken(created._id));
  expect(got).toEqual({ ...created, token: created.token.slice(-4) });
});

test('D1 getTokens obfuscates every item', rules('D1'), async ({ api }) => {
  const created = await createMany(api, 3);
  const list = await api.getTokens('?showAll=true');
  for (const item of asTokens(list).items) expect(item.token).toHaveLength(4);
  for (const c of created) expect(list.text).not.toContain(c.token);
});

test('D2 pages with the same limit do not overlap and cover the list', rules('D2'), async ({ api }) => {
  await createMany(api, 7); // + the seeded admin token = 8 for this member
  const seen: string[] = [];
  for (const offset of [0, 3, 6, 9]) {
    const page = asTokens(await api.getTokens(`?limit=3&offset=${offset}`));
    expect(page.totalCount).toBe(8);
    expect(page.items.length).toBe(Math.max(0, Math.min(3, 8 - offset)));
    seen.push(...page.items.map((t) => t._id));
  }
  expect(new Set(seen).size).toBe(8);
  const all = asTokens(await api.getTokens('?limit=100'));
  expect(seen).toEqual(all.items.map((t) => t._id));
});

test('D2 the list is in creation order and includes what the caller created', rules('D2'), async ({ api }) => {
  const created = await createMany(api, 4);
  const items = asTokens(await api.getTokens()).items;
  expect(items.slice(-4).map((t) => t._id)).toEqual(created.map((t) => t._id));
  const dates = items.map((t) => t.creationDate);
  expect(dates).toEqual([...dates].sort((a, b) => a - b));
});

test('D2 default limit is 25 and limit is capped at 100', rules('D2'), async ({ api }) => {
  await createMany(api, 104); // 105 for this member
  const byDefault = asTokens(await api.getTokens());
  expect(byDefault.items).toHaveLength(25);
  expect(byDefault.totalCount).toBe(105);
  expect(asTokens(await api.getTokens('?limit=1000')).items).toHaveLength(100);
  expect(asTokens(await api.getTokens('?limit=1000&offset=100')).items).toHaveLength(5);
});

test.describe('invalid query values are read leniently (getTokens documents no 400)', () => {
  const rows: { given: string; query: string; want: { items: number } }[] = [
    { given: 'limit=abc → default 25', query: '?limit=abc', want: { items: 25 } },
    { given: 'limit=-1 → default 25', query: '?limit=-1', want: { items: 25 } },
    { given: 'limit=0 → default 25', query: '?limit=0', want: { items: 25 } },
    { given: 'limit=2.5 → default 25', query: '?limit=2.5', want: { items: 25 } },
    { given: 'limit=99999999999999999999 → capped at 100', query: '?limit=99999999999999999999', want: { items: 30 } },
    { given: 'offset=-5 → 0', query: '?limit=10&offset=-5', want: { items: 10 } },
    { given: 'offset=x → 0', query: '?limit=10&offset=x', want: { items: 10 } },
    { given: 'offset beyond the end → empty page', query: '?offset=1000', want: { items: 0 } },
    { given: 'showAll=yes → not true', query: '?showAll=yes&limit=100', want: { items: 30 } },
    { given: 'showAll=TRUE → true', query: '?showAll=TRUE&limit=100', want: { items: 33 } },
  ];
  for (const row of rows) {
    test(row.given, rules('D2', 'A7'), async ({ api }) => {
      await createMany(api, 29); // 30 for this member, 33 for the account
      const r = await api.getTokens(row.query);
      expect(r.status).toBe(200);
      expect(asTokens(r).items).toHaveLength(row.want.items);
    });
  }
});

test('collection links', rules('D2'), async ({ api }) => {
  await createMany(api, 5); // 6 in all
  const page = asTokens(await api.getTokens('?limit=2&offset=2'));
  expect(page._links.self?.href).toBe('/api/v2/tokens?limit=2&offset=2');
  expect(page._links.next?.href).toBe('/api/v2/tokens?limit=2&offset=4');
  expect(page._links.prev?.href).toBe('/api/v2/tokens?limit=2&offset=0');
  expect(page._links.last?.href).toBe('/api/v2/tokens?limit=2&offset=4');
});
