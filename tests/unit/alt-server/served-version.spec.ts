import { expect, test } from '@playwright/test';
import { startAltServer } from '../../../src/alt-server';
import { pagesByDefault, servedVersion } from '../../../src/alt-server/served-version';
import type { StoredToken } from '../../../src/alt-server/token-model';

/**
 * The alt-server's own reading of "Versioning" (issue 25.2): a known LD-API-Version wins, else the caller's
 * defaultApiVersion; a value it cannot read is the newest version (its choice, no rule; the reference server
 * takes the token's). Before 20240415 getTokens without `limit` answers the whole list.
 */
function caller(defaultApiVersion: number | undefined): StoredToken {
  return {
    _id: 't',
    seq: 0,
    ownerId: 'o',
    memberId: 'm',
    creationDate: 0,
    lastModified: 0,
    version: 1,
    secret: 's',
    customRoleIds: [],
    serviceToken: false,
    ...(defaultApiVersion === undefined ? {} : { defaultApiVersion }),
  };
}

const rows: { given: string; header: string | string[] | undefined; token: number | undefined; want: number }[] = [
  { given: 'no header: the token’s version', header: undefined, token: 20220603, want: 20220603 },
  { given: 'a blank header: the token’s version', header: '  ', token: 20210729, want: 20210729 },
  { given: 'a token shown without a version: the version new tokens get', header: undefined, token: undefined, want: 20220603 },
  { given: 'the header wins', header: '20240415', token: 20220603, want: 20240415 },
  { given: 'an older header wins', header: '20191212', token: 20240415, want: 20191212 },
  { given: 'BETA in any case: the newest', header: 'BETA', token: 20220603, want: 20240415 },
  { given: 'the first of repeated headers', header: ['20210729', '20240415'], token: 20240415, want: 20210729 },
  // This server's choice where nothing says (no rule, no suite test): the newest version.
  { given: 'an undocumented date: the newest', header: '20230101', token: 20220603, want: 20240415 },
  { given: 'a word: the newest', header: 'latest', token: 20160426, want: 20240415 },
];
for (const { given, header, token, want } of rows) {
  test(`servedVersion: ${given}`, () => {
    expect(servedVersion(header, caller(token))).toBe(want);
  });
}

test('pagesByDefault: from 20240415 on', () => {
  expect([20160426, 20191212, 20210729, 20220603, 20240415].map(pagesByDefault)).toEqual([false, false, false, false, true]);
});

test('an admin token of 20220603: without LD-API-Version getTokens lists all 28 of its member’s tokens; with 20240415 a page', async () => {
  const server = await startAltServer({ adminApiVersion: 20220603 });
  try {
    const list = async (headers: Record<string, string> = {}, query = '') => {
      const res = await fetch(`${server.url}/api/v2/tokens${query}`, { headers: { authorization: server.adminToken, ...headers } });
      expect(res.status).toBe(200);
      return (await res.json()) as { items: { name?: string; defaultApiVersion?: number }[]; totalCount: number; _links: object };
    };
    const all = await list();
    expect(all.items).toHaveLength(28);
    expect(all.totalCount).toBe(28);
    expect(Object.keys(all._links)).toEqual(['self']);
    expect(all.items.find((t) => t.name === 'alt admin token')?.defaultApiVersion).toBe(20220603);
    expect((await list({ 'ld-api-version': '20240415' })).items).toHaveLength(25);
    expect((await list({}, '?limit=3')).items).toHaveLength(3);
    expect((await list({}, '?offset=20')).items).toHaveLength(8);
  } finally {
    await server.close();
  }
});

test('startAltServer refuses an admin version it does not know', async () => {
  await expect(startAltServer({ adminApiVersion: 20230101 })).rejects.toThrow('adminApiVersion 20230101');
});
