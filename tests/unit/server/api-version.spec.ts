import { effectiveApiVersion, hasDefaultPageSize } from '../../../src/server/api-version';
import { ReferenceServerOptionsError, startReferenceServer } from '../../../src/server';
import { asTokens, type RefApi } from './support/ref-api';
import { expect, test } from './support/ref-test';

/**
 * Which API version the reference server serves a request under (specs/behaviour.md "API version"): a documented
 * LD-API-Version wins, else the calling token's defaultApiVersion; under versions before 20240415 getTokens has no
 * default page size. What a header that is no version gets is the server's own choice (ignored), no rule.
 */
test.describe('effectiveApiVersion', () => {
  const rows: { given: string; header: string | string[] | undefined; token: number; want: number }[] = [
    { given: 'no header: the token’s version', header: undefined, token: 20220603, want: 20220603 },
    { given: 'the header wins over the token’s version', header: '20240415', token: 20220603, want: 20240415 },
    { given: 'an older header wins over a current token', header: '20210729', token: 20240415, want: 20210729 },
    { given: 'the oldest documented version', header: '20160426', token: 20240415, want: 20160426 },
    { given: 'beta: the current version (no token operation is beta)', header: 'beta', token: 20220603, want: 20240415 },
    { given: 'surrounding spaces are no other value', header: ' 20191212 ', token: 20240415, want: 20191212 },
    { given: 'a repeated header: the first', header: ['20220603', '20240415'], token: 20240415, want: 20220603 },
    { given: 'an empty header: the token’s version', header: '', token: 20210729, want: 20210729 },
    // The server's choice where nothing says (not a rule, judged by no suite test): ignored, the token's version.
    { given: 'a date that is no version: ignored', header: '20230101', token: 20220603, want: 20220603 },
    { given: 'a word that is no version: ignored', header: 'latest', token: 20240415, want: 20240415 },
    { given: 'a version with a suffix: ignored', header: '20240415x', token: 20220603, want: 20220603 },
  ];
  for (const { given, header, token, want } of rows) {
    test(given, () => {
      expect(effectiveApiVersion(header, token)).toBe(want);
    });
  }

  const pages: { version: number; want: boolean }[] = [
    { version: 20240415, want: true },
    { version: 20220603, want: false },
    { version: 20210729, want: false },
    { version: 20160426, want: false },
    { version: 20300101, want: true },
  ];
  for (const { version, want } of pages) {
    test(`getTokens has a default page size under ${version}: ${want}`, () => {
      expect(hasDefaultPageSize(version)).toBe(want);
    });
  }
});

async function createMany(api: RefApi, n: number, body: Record<string, unknown> = {}): Promise<void> {
  for (let i = 0; i < n; i += 1) await api.createToken({ name: `bulk-${i}`, role: 'reader', ...body });
}

test.describe('an admin token whose default version is 20220603', () => {
  test.use({ refOptions: { adminDefaultApiVersion: 20220603 } });

  test('shows it as its defaultApiVersion', async ({ api }) => {
    const list = asTokens(await api.getTokens('?limit=1'));
    expect(list.items[0]?.defaultApiVersion).toBe(20220603);
  });

  test('getTokens without LD-API-Version and without limit: the whole list, no default page', async ({ api }) => {
    await createMany(api, 30); // + the seeded admin token = 31 for this member
    const all = asTokens(await api.getTokens());
    expect(all.items).toHaveLength(31);
    expect(all.totalCount).toBe(31);
    expect(Object.keys(all._links)).toEqual(['self']);
    expect(all._links.self?.href).toBe('/api/v2/tokens');
    const fromOffset = asTokens(await api.getTokens('?offset=10&showAll=true'));
    expect(fromOffset.items).toHaveLength(34 - 10); // showAll: + the other members' three
    expect(fromOffset._links.self?.href).toBe('/api/v2/tokens?offset=10&showAll=true');
  });

  test('a limit still pages; LD-API-Version 20240415 (or beta) brings the default page of 25 back', async ({ api }) => {
    await createMany(api, 30);
    expect(asTokens(await api.getTokens('?limit=5')).items).toHaveLength(5);
    for (const version of ['20240415', 'beta']) {
      const page = asTokens(await api.getTokens('', { headers: { 'LD-API-Version': version } }));
      expect(page.items, version).toHaveLength(25);
      expect(page.totalCount, version).toBe(31);
      expect(page._links.next?.href, version).toBe('/api/v2/tokens?limit=25&offset=25');
    }
    const old = asTokens(await api.getTokens('', { headers: { 'LD-API-Version': '20210729' } }));
    expect(old.items).toHaveLength(31);
  });
});

test.describe('a current admin token (the default)', () => {
  test('without LD-API-Version: 25; with an older LD-API-Version: everything; a token created with an old version lists all', async ({
    api,
  }) => {
    await createMany(api, 30);
    expect(asTokens(await api.getTokens()).items).toHaveLength(25);
    expect(asTokens(await api.getTokens('', { headers: { 'LD-API-Version': '20220603' } })).items).toHaveLength(31);
    const old = await api.createToken({ name: 'old', role: 'reader', defaultApiVersion: 20191212 });
    const asOld = api.as(old.token);
    // The new token's secret is whole only in the 201; its member is the admin's (32 tokens now).
    expect(asTokens(await asOld.getTokens()).items).toHaveLength(32);
    expect(asTokens(await asOld.getTokens('', { headers: { 'LD-API-Version': '20240415' } })).items).toHaveLength(25);
  });
});

test('startReferenceServer refuses an admin default version that is no documented version', async () => {
  await expect(startReferenceServer({ adminDefaultApiVersion: 20230101 })).rejects.toThrow(ReferenceServerOptionsError);
  await expect(startReferenceServer({ adminDefaultApiVersion: 20230101 })).rejects.toThrow(
    'adminDefaultApiVersion must be a documented API version',
  );
});
