import { randomBytes } from 'node:crypto';
import { recordInconclusive } from '../support/inconclusive';
import { expect, test } from '../fixtures';
import { expectStatus, expectStatusSoft, expectUnchanged, readToken } from '../support/assertions';
import { expectHonoured } from '../support/honoured';
import { writes } from '../support/rules';
import type { SuiteApi } from '../../src/session/suite-api';
import { asMillis, asToken, type AccessTokenPost, type StatementPost, type TokenRep } from '../../src/session/token-types';
import { unknownIds } from '../support/unknown-ids';

/**
 * patchToken PATCH /api/v2/tokens/{id} with a JSON Patch (RFC 6902): rules E1–E5, B1, A6. Every test owns
 * its token; failed patches leave it unchanged, so one token serves a whole table of failing patches.
 */

type Patch = unknown;

/** A custom role id that names no role: any ObjectId-shaped string (the spec types custom role ids as strings). */
const ROLE_ID = randomBytes(12).toString('hex');

const NEW_INLINE_ROLE: StatementPost[] = [{ effect: 'allow', actions: ['viewProject'], resources: ['proj/*'] }];

/** Rule E1: the change shows in the 200 body and in a following getToken, and lastModified moved on. */
async function expectPatched(
  result: { status: number; json(): unknown },
  readBack: () => Promise<TokenRep>,
  before: TokenRep,
  check: (token: TokenRep, where: string) => void,
): Promise<void> {
  const patched = asToken(result.json(), 'patchToken 200');
  check(patched, 'patchToken 200 body');
  const read = await readBack();
  check(read, 'getToken after patchToken');
  const old = asMillis(before.lastModified, 'lastModified before the patch');
  expect.soft(asMillis(patched.lastModified, 'patchToken 200 lastModified'), 'lastModified moves past the old value').toBeGreaterThan(old);
  expect.soft(asMillis(read.lastModified, 'getToken lastModified'), 'lastModified read back moves past the old value').toBeGreaterThan(old);
  // C3: creationDate is the time of creation; a patch is not a creation.
  expect.soft(patched.creationDate, 'patchToken 200 creationDate is the creation time, unchanged by the patch').toBe(before.creationDate);
  expect.soft(read.creationDate, 'creationDate read back after the patch is unchanged').toBe(before.creationDate);
}

/**
 * A table of failing patches leaves the token unchanged: one read after the whole table instead of one after
 * each patch (request budget). Every patch is meant to change nothing, so any change shows in that read; the
 * message lists the table, and a patch that wrongly succeeded already failed its own status check.
 */
async function expectUnchangedAfterAll(api: SuiteApi, id: string, before: TokenRep, table: readonly { given: string }[]): Promise<void> {
  await expectUnchanged(api, id, before, `the ${table.length} failing patches above (${table.map((row) => row.given).join('; ')})`);
}

test.describe('patchToken', () => {
  test(
    'patchToken 200 replaces name and description; getToken shows the change and lastModified moves on',
    writes('E1', 'E2'),
    async ({ api, tokens }) => {
      const created = await tokens.create({ description: 'before the patch' });
      const name = tokens.newName('patched');
      const result = await api.send('patchToken', {
        id: created.id,
        body: [
          { op: 'replace', path: '/name', value: name },
          { op: 'replace', path: '/description', value: 'after the patch' },
        ],
      });
      expectStatus(result, 200, 'patchToken replace /name and /description');
      await expectPatched(
        result,
        () => readToken(api, created.id),
        created.token,
        (token, where) => {
          expectHonoured(token, { name, description: 'after the patch' }, ['name', 'description'], where, created.token);
        },
      );
    },
  );

  // Rule E2: each patchable path with add / replace / remove / test.
  const patchable: {
    given: string;
    create: AccessTokenPost;
    patch: (token: TokenRep, newName: string) => Patch;
    want: (token: TokenRep, where: string, newName: string, before: TokenRep) => void;
    /** A target may validate that custom roles exist (the spec types them as any string). */
    mayRejectAsUnknownRole?: boolean;
  }[] = [
    {
      given: 'add /description',
      create: {},
      patch: () => [{ op: 'add', path: '/description', value: 'added by a patch' }],
      want: (token, where, _newName, before) => expectHonoured(token, { description: 'added by a patch' }, ['description'], where, before),
    },
    {
      given: 'remove /description',
      create: { description: 'to be removed' },
      patch: () => [{ op: 'remove', path: '/description' }],
      want: (token, where) => expect.soft(token.description ?? '', `${where}: description is gone`).toBe(''),
    },
    {
      given: 'replace /role',
      create: { role: 'reader' },
      patch: () => [{ op: 'replace', path: '/role', value: 'writer' }],
      want: (token, where, _newName, before) => expectHonoured(token, { role: 'writer' }, ['role'], where, before),
    },
    {
      given: 'replace /inlineRole',
      create: { inlineRole: [{ effect: 'allow', actions: ['*'], resources: ['proj/*:env/*:flag/*'] }] },
      patch: () => [{ op: 'replace', path: '/inlineRole', value: NEW_INLINE_ROLE }],
      want: (token, where, _newName, before) => expectHonoured(token, { inlineRole: NEW_INLINE_ROLE }, ['inlineRole'], where, before),
    },
    {
      given: 'add /customRoleIds',
      create: { role: 'reader' },
      patch: () => [{ op: 'add', path: '/customRoleIds', value: [ROLE_ID] }],
      want: (token, where, _newName, before) => expectHonoured(token, { customRoleIds: [ROLE_ID] }, ['customRoleIds'], where, before),
      mayRejectAsUnknownRole: true,
    },
    {
      given: 'test /name then replace /name',
      create: {},
      patch: (token, newName) => [
        { op: 'test', path: '/name', value: token.name },
        { op: 'replace', path: '/name', value: newName },
      ],
      want: (token, where, newName, before) => expectHonoured(token, { name: newName }, ['name'], where, before),
    },
  ];

  for (const row of patchable) {
    test(`patchToken 200 applies ${row.given}`, writes('E1', 'E2'), async ({ api, tokens }) => {
      const created = await tokens.create(row.create);
      // A read, not the 201 body, is what "unchanged" compares with: the 201 body holds the whole secret (D1).
      const before = row.mayRejectAsUnknownRole ? await readToken(api, created.id) : created.token;
      const newName = tokens.newName('patched');
      const result = await api.send('patchToken', { id: created.id, body: row.patch(created.token, newName) });
      if (row.mayRejectAsUnknownRole && (result.status === 400 || result.status === 422)) {
        recordInconclusive('E2', `target answered ${result.status}: it validates that custom role ids exist; ${row.given} was not judged`);
        await expectUnchanged(api, created.id, before, `a rejected ${row.given}`);
        return;
      }
      expectStatus(result, 200, `patchToken ${row.given}`);
      await expectPatched(
        result,
        () => readToken(api, created.id),
        created.token,
        (token, where) => row.want(token, where, newName, created.token),
      );
    });
  }

  // One token serves three tables of failing patches (request budget: one token, one read before and one after
  // all of them); the message of a change lists every patch, and each patch's status is judged on its own.
  test(
    'patchToken 400 or 422 for malformed, unappliable and partly failing multi-op patches leaves the token exactly unchanged',
    writes('E3', 'E4', 'E5', 'A4'),
    async ({ api, tokens }) => {
      const created = await tokens.create({ description: 'must not change' });
      const before = await readToken(api, created.id);
      // E3: a malformed patch document gets 400.
      const malformed: { given: string; body: Patch }[] = [
        { given: 'a single operation object instead of an array', body: { op: 'replace', path: '/description', value: 'changed' } },
        { given: 'a JSON string', body: 'replace /description' },
        { given: 'an element that is not an object', body: [42] },
        { given: 'an element without op', body: [{ path: '/description', value: 'changed' }] },
        { given: 'an element without path', body: [{ op: 'replace', value: 'changed' }] },
        { given: 'an element with an unknown op', body: [{ op: 'frobnicate', path: '/description', value: 'changed' }] },
      ];
      for (const { given, body } of malformed) {
        await test.step(`patchToken with ${given}`, async () => {
          expectStatusSoft(await api.send('patchToken', { id: created.id, body }), 400, `patchToken with ${given}`, 'E3');
        });
      }

      // E4: a well-formed patch that cannot be applied gets 400 or 422.
      const unappliable: { given: string; body: Patch }[] = [
        { given: 'a failing test op', body: [{ op: 'test', path: '/description', value: 'not the description' }] },
        { given: 'replace /_id (read-only)', body: [{ op: 'replace', path: '/_id', value: randomBytes(12).toString('hex') }] },
        { given: 'replace /token (read-only)', body: [{ op: 'replace', path: '/token', value: 'not-a-secret-value' }] },
        { given: 'replace /ownerId (read-only)', body: [{ op: 'replace', path: '/ownerId', value: randomBytes(12).toString('hex') }] },
        { given: 'replace /memberId (read-only)', body: [{ op: 'replace', path: '/memberId', value: randomBytes(12).toString('hex') }] },
        { given: 'replace /creationDate (read-only)', body: [{ op: 'replace', path: '/creationDate', value: 0 }] },
        { given: 'replace of an unknown path', body: [{ op: 'replace', path: '/notAField', value: 'x' }] },
        { given: 'a value of the wrong type', body: [{ op: 'replace', path: '/name', value: 42 }] },
        { given: 'a role outside the enum', body: [{ op: 'replace', path: '/role', value: 'superuser' }] },
      ];
      for (const { given, body } of unappliable) {
        await test.step(`patchToken with ${given}`, async () => {
          expectStatusSoft(await api.send('patchToken', { id: created.id, body }), [400, 422], `patchToken with ${given}`, 'E4');
        });
      }

      // E5: a multi-op patch whose last op fails applies none of its operations.
      const atomic: { given: string; body: Patch }[] = [
        {
          given: 'two replaces then a failing test',
          body: [
            { op: 'replace', path: '/name', value: tokens.newName('partial') },
            { op: 'replace', path: '/description', value: 'partially applied' },
            { op: 'test', path: '/description', value: 'not the description' },
          ],
        },
        {
          given: 'a replace then a role outside the enum',
          body: [
            { op: 'replace', path: '/description', value: 'partially applied' },
            { op: 'replace', path: '/role', value: 'superuser' },
          ],
        },
        {
          given: 'a replace of /role then a read-only path',
          body: [
            { op: 'replace', path: '/role', value: 'writer' },
            { op: 'replace', path: '/_id', value: randomBytes(12).toString('hex') },
          ],
        },
      ];
      for (const { given, body } of atomic) {
        await test.step(`patchToken with ${given}`, async () => {
          expectStatusSoft(await api.send('patchToken', { id: created.id, body }), [400, 422], `patchToken with ${given}`, 'E4');
        });
      }
      await expectUnchangedAfterAll(api, created.id, before, [...malformed, ...unappliable, ...atomic]);
    },
  );

  test('patchToken 403 for a reader leaves the token unchanged', writes('B1'), async ({ api, tokens, reader }) => {
    const created = await tokens.create({ description: 'must not change' });
    const before = await readToken(api, created.id);
    const result = await reader.api.send('patchToken', {
      id: created.id,
      body: [{ op: 'replace', path: '/description', value: 'changed by a reader' }],
    });
    expectStatus(result, 403, 'patchToken with a reader token');
    await expectUnchanged(api, created.id, before, 'patchToken by a reader');
  });

  test('patchToken 404 for ids that name no token', writes('A6', 'A4'), async ({ api }) => {
    for (const { given, id } of unknownIds('patchToken')) {
      await test.step(`patchToken with ${given}`, async () => {
        const result = await api.send('patchToken', { id, body: [{ op: 'replace', path: '/description', value: 'x' }] });
        expectStatusSoft(result, 404, `patchToken with ${given}`, 'A6');
      });
    }
  });
});
