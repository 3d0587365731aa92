import { asToken, type RefApi, type TokenBody } from './support/ref-api';
import { expect, rules, test } from './support/ref-test';

async function createTarget(api: RefApi): Promise<TokenBody> {
  return api.createToken({
    name: 'patch-me',
    description: 'before',
    role: 'reader',
    customRoleIds: ['c1'],
    inlineRole: [{ effect: 'allow', actions: ['*'], resources: ['proj/*'] }],
  });
}

test('E1 a patch answers 200 with the patched token, visible to getToken, lastModified moves', rules('E1'), async ({ api }) => {
  const t = await createTarget(api);
  const r = await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: 'after' }]);
  expect(r.status).toBe(200);
  const patched = asToken(r);
  expect(patched.name).toBe('after');
  expect(patched.lastModified).toBeGreaterThan(t.lastModified);
  expect(patched.creationDate).toBe(t.creationDate);
  expect(patched.token).toBe(t.token.slice(-4));
  expect(asToken(await api.getToken(t._id))).toEqual(patched);
});

test('E1 an empty or no-op patch changes nothing, not even lastModified', rules('E1'), async ({ api }) => {
  const t = await createTarget(api);
  for (const patch of [[], [{ op: 'replace', path: '/name', value: 'patch-me' }], [{ op: 'test', path: '/role', value: 'reader' }]]) {
    const r = await api.patchToken(t._id, patch);
    expect(r.status).toBe(200);
    expect(asToken(r).lastModified).toBe(t.lastModified);
  }
});

test.describe('E2 patchable paths and operations', () => {
  const rows: { given: string; patch: unknown[]; want: Record<string, unknown> }[] = [
    { given: 'replace /name', patch: [{ op: 'replace', path: '/name', value: 'n' }], want: { name: 'n' } },
    { given: 'replace /description', patch: [{ op: 'replace', path: '/description', value: 'd' }], want: { description: 'd' } },
    { given: 'remove /description', patch: [{ op: 'remove', path: '/description' }], want: { description: undefined } },
    { given: 'replace /role', patch: [{ op: 'replace', path: '/role', value: 'writer' }], want: { role: 'writer' } },
    { given: 'add /customRoleIds/-', patch: [{ op: 'add', path: '/customRoleIds/-', value: 'c2' }], want: { customRoleIds: ['c1', 'c2'] } },
    { given: 'remove /customRoleIds/0', patch: [{ op: 'remove', path: '/customRoleIds/0' }], want: { customRoleIds: [] } },
    {
      given: 'replace /inlineRole',
      patch: [{ op: 'replace', path: '/inlineRole', value: [{ effect: 'deny', actions: ['x'] }] }],
      want: { inlineRole: [{ effect: 'deny', actions: ['x'] }] },
    },
    {
      given: 'replace /inlineRole/0/effect',
      patch: [{ op: 'replace', path: '/inlineRole/0/effect', value: 'deny' }],
      want: { inlineRole: [{ effect: 'deny', actions: ['*'], resources: ['proj/*'] }] },
    },
    {
      given: 'test then replace',
      patch: [
        { op: 'test', path: '/name', value: 'patch-me' },
        { op: 'replace', path: '/name', value: 'tested' },
      ],
      want: { name: 'tested' },
    },
    {
      given: 'test on a read-only path then replace',
      patch: [
        { op: 'test', path: '/serviceToken', value: false },
        { op: 'replace', path: '/name', value: 'ro-test' },
      ],
      want: { name: 'ro-test' },
    },
    {
      given: 'replace /defaultApiVersion',
      patch: [{ op: 'replace', path: '/defaultApiVersion', value: 20220603 }],
      want: { defaultApiVersion: 20220603 },
    },
    {
      given: 'move /description to /name',
      patch: [{ op: 'move', from: '/description', path: '/name' }],
      want: { name: 'before', description: undefined },
    },
    { given: 'copy /_id to /description', patch: [{ op: 'copy', from: '/_id', path: '/description' }], want: {} },
  ];
  for (const row of rows) {
    test(row.given, rules('E2'), async ({ api }) => {
      const t = await createTarget(api);
      const r = await api.patchToken(t._id, row.patch);
      expect(r.status).toBe(200);
      const want = row.given.startsWith('copy /_id') ? { description: t._id } : row.want;
      const got = asToken(await api.getToken(t._id)) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(want)) expect(got[k], k).toEqual(v);
    });
  }
});

const E3_ROWS: { given: string; patch?: unknown; raw?: string; contentType?: string | null }[] = [
  { given: 'an object instead of an array', patch: { op: 'replace', path: '/name', value: 'x' } },
  { given: 'a string', patch: 'replace name' },
  { given: 'an element that is not an object', patch: ['replace'] },
  { given: 'an element without op', patch: [{ path: '/name', value: 'x' }] },
  { given: 'an element without path', patch: [{ op: 'replace', value: 'x' }] },
  { given: 'an unknown op', patch: [{ op: 'frobnicate', path: '/name', value: 'x' }] },
  { given: 'an op that is not a string', patch: [{ op: 1, path: '/name', value: 'x' }] },
  { given: 'a path that is not a JSON Pointer', patch: [{ op: 'replace', path: 'name', value: 'x' }] },
  { given: 'replace without value', patch: [{ op: 'replace', path: '/name' }] },
  { given: 'move without from', patch: [{ op: 'move', path: '/name' }] },
  { given: 'a valid op followed by a malformed one', patch: [{ op: 'replace', path: '/name', value: 'x' }, { op: 'replace' }] },
  { given: 'malformed JSON', raw: '[{"op":' },
  { given: 'text/plain', patch: [{ op: 'replace', path: '/name', value: 'x' }], contentType: 'text/plain' },
  { given: 'no Content-Type', patch: [{ op: 'replace', path: '/name', value: 'x' }], contentType: null },
];

const E4_ROWS: { given: string; patch: unknown[] }[] = [
  {
    given: 'a failing test',
    patch: [
      { op: 'test', path: '/name', value: 'not the name' },
      { op: 'replace', path: '/name', value: 'x' },
    ],
  },
  ...[
    '/_id',
    '/token',
    '/ownerId',
    '/memberId',
    '/creationDate',
    '/lastModified',
    '/serviceToken',
    '/_links',
    '/_links/self/href',
    '/_member',
    '/_member/email',
  ].map((path) => ({
    given: `replace read-only ${path}`,
    patch: [{ op: 'replace', path, value: 'x' }],
  })),
  { given: 'remove read-only /_id', patch: [{ op: 'remove', path: '/_id' }] },
  { given: 'move from a read-only path', patch: [{ op: 'move', from: '/ownerId', path: '/description' }] },
  { given: 'an unknown path', patch: [{ op: 'add', path: '/colour', value: 'blue' }] },
  { given: 'the whole document', patch: [{ op: 'replace', path: '', value: {} }] },
  // E6 makes `replace` of a whole unset patchable field an `add`; inside a field RFC 6902 still holds.
  { given: 'replace a missing member', patch: [{ op: 'replace', path: '/inlineRole/0/notActions', value: ['x'] }] },
  { given: 'an array index out of range', patch: [{ op: 'replace', path: '/customRoleIds/7', value: 'x' }] },
  { given: 'a name of the wrong type', patch: [{ op: 'replace', path: '/name', value: 42 }] },
  { given: 'a role outside the enum', patch: [{ op: 'replace', path: '/role', value: 'owner' }] },
  { given: 'customRoleIds of the wrong type', patch: [{ op: 'replace', path: '/customRoleIds', value: 'c1' }] },
  { given: 'an inlineRole statement without effect', patch: [{ op: 'add', path: '/inlineRole/-', value: { actions: ['*'] } }] },
  { given: 'removing an inline statement effect', patch: [{ op: 'remove', path: '/inlineRole/0/effect' }] },
  { given: 'removing defaultApiVersion', patch: [{ op: 'remove', path: '/defaultApiVersion' }] },
  {
    given: 'a valid change then a bad one',
    patch: [
      { op: 'replace', path: '/name', value: 'half' },
      { op: 'replace', path: '/role', value: 'owner' },
    ],
  },
  { given: 'a prototype-polluting path', patch: [{ op: 'add', path: '/__proto__/polluted', value: true }] },
];

test.describe('E3 malformed patches get 400 and change nothing', () => {
  for (const row of E3_ROWS) {
    test(row.given, rules('E3', 'E5'), async ({ api }) => {
      const t = await createTarget(api);
      const before = asToken(await api.getToken(t._id));
      const opts = {
        ...(row.raw === undefined ? {} : { rawBody: row.raw }),
        ...(row.contentType === undefined ? {} : { contentType: row.contentType }),
      };
      const r = await api.patchToken(t._id, row.patch, opts);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 'invalid_request' });
      expect(asToken(await api.getToken(t._id))).toEqual(before);
    });
  }
});

test.describe('E4 unappliable patches get 422 and change nothing', () => {
  for (const row of E4_ROWS) {
    test(row.given, rules('E4', 'E5'), async ({ api }) => {
      const t = await createTarget(api);
      const before = asToken(await api.getToken(t._id));
      const r = await api.patchToken(t._id, row.patch);
      expect(r.status).toBe(422);
      expect(r.json).toMatchObject({ code: 'patch_failed', message: expect.any(String) });
      expect(asToken(await api.getToken(t._id))).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});

test(
  'E6 replace of a patchable field the token shows no value for acts as add (Terraform sends replace, never add)',
  rules('E6'),
  async ({ api }) => {
    const t = await api.createToken({
      name: 'inline-only',
      description: 'before',
      inlineRole: [{ effect: 'deny', actions: ['*'], resources: ['proj/*'] }],
    });
    expect(asToken(await api.patchToken(t._id, [{ op: 'remove', path: '/role' }])).role).toBeUndefined();
    const r = await api.patchToken(t._id, [
      { op: 'replace', path: '/role', value: 'writer' },
      { op: 'remove', path: '/inlineRole' },
      { op: 'remove', path: '/description' },
      { op: 'replace', path: '/description', value: 'set by replace' },
    ]);
    expect(r.status).toBe(200);
    expect(asToken(await api.getToken(t._id))).toMatchObject({ role: 'writer', inlineRole: [], description: 'set by replace' });
  },
);

test('E1 lastModified never goes backwards over many patches', rules('E1'), async ({ api }) => {
  const t = await createTarget(api);
  let last = t.lastModified;
  for (let i = 0; i < 20; i += 1) {
    const p = asToken(await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: `n${i}` }]));
    expect(p.lastModified).toBeGreaterThan(last);
    last = p.lastModified;
  }
});
