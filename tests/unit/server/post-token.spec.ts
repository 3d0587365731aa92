import { asToken, asTokens, serverDate } from './support/ref-api';
import { expect, rules, test } from './support/ref-test';

test.describe('C1 postToken echoes what was sent', () => {
  const rows: { given: string; body: Record<string, unknown>; want: Record<string, unknown> }[] = [
    {
      given: 'name and role',
      body: { name: 'n1', role: 'reader' },
      want: { name: 'n1', role: 'reader', serviceToken: false, defaultApiVersion: 20240415, customRoleIds: [], inlineRole: [] },
    },
    {
      given: 'every field',
      body: {
        name: 'n2',
        description: 'd2',
        role: 'writer',
        customRoleIds: ['aaaaaaaaaaaaaaaaaaaaaaaa'],
        serviceToken: true,
        defaultApiVersion: 20220603,
      },
      want: {
        name: 'n2',
        description: 'd2',
        role: 'writer',
        customRoleIds: ['aaaaaaaaaaaaaaaaaaaaaaaa'],
        serviceToken: true,
        defaultApiVersion: 20220603,
      },
    },
    {
      given: 'an inline role',
      body: { name: 'n3', inlineRole: [{ effect: 'deny', actions: ['deleteFlag'], resources: ['proj/*:env/*:flag/*'] }] },
      want: { name: 'n3', inlineRole: [{ effect: 'deny', actions: ['deleteFlag'], resources: ['proj/*:env/*:flag/*'] }] },
    },
    { given: 'no role at all (defaults to reader)', body: { name: 'n4' }, want: { name: 'n4', role: 'reader' } },
    { given: 'an empty object', body: {}, want: { role: 'reader' } },
    { given: 'unknown properties (accepted, not echoed)', body: { name: 'n5', role: 'reader', colour: 'blue' }, want: { name: 'n5' } },
    {
      given: 'unicode and a long name',
      body: { name: `ключ-🔑-${'x'.repeat(5000)}`, role: 'reader' },
      want: { name: `ключ-🔑-${'x'.repeat(5000)}` },
    },
  ];
  for (const row of rows) {
    test(`${row.given} → 201 with the fields echoed`, rules('C1'), async ({ api }) => {
      const r = await api.postToken(row.body);
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject(row.want);
      expect(r.json).not.toHaveProperty('colour');
    });
  }
});

test('C2 the whole secret is returned once and authenticates at once', rules('C2'), async ({ api }) => {
  const t = asToken(await api.postToken({ name: 'c2', role: 'reader' }));
  expect(t.token).toMatch(/^api-[0-9a-f-]{36}$/);
  expect((await api.as(t.token).getTokens()).status).toBe(200);
});

test('C3 memberId, ownerId and server-clock dates', rules('C3'), async ({ api }) => {
  const first = await api.postToken({ name: 'a', role: 'reader' });
  const second = await api.postToken({ name: 'b', role: 'reader' });
  const a = asToken(first);
  const b = asToken(second);
  const seeded = asTokens(await api.getTokens('?showAll=true')).items;
  expect(a.memberId).toBe(b.memberId);
  expect(a.ownerId).toBe(b.ownerId);
  expect(new Set(seeded.map((t) => t.ownerId))).toEqual(new Set([a.ownerId]));
  expect(a._id).toMatch(/^[0-9a-f]{24}$/);
  expect(a._id).not.toBe(b._id);
  expect(a.creationDate).toBe(a.lastModified);
  // Date has second precision: the creation instant lies within the Date header's second.
  expect(Math.abs(a.creationDate - serverDate(first))).toBeLessThan(1000);
  expect(b.creationDate).toBeGreaterThanOrEqual(a.creationDate);
});

test('C4 links', rules('C4'), async ({ api }) => {
  const t = await api.createToken();
  expect(t._links.self).toEqual({ href: `/api/v2/tokens/${t._id}`, type: 'application/json' });
  expect(t._links.parent).toEqual({ href: '/api/v2/tokens', type: 'application/json' });
});

test.describe('C5 bad bodies get 400 and create nothing', () => {
  const bad: { given: string; body?: unknown; raw?: string | Buffer; contentType?: string | null }[] = [
    { given: 'a JSON array', body: [{ name: 'x' }] },
    { given: 'a JSON string', body: 'token please' },
    { given: 'JSON null', raw: 'null' },
    { given: 'a JSON number', raw: '42' },
    { given: 'a role outside the enum', body: { role: 'owner' } },
    { given: 'a role in the wrong case', body: { role: 'Admin' } },
    { given: 'a numeric name', body: { name: 42 } },
    { given: 'a boolean description', body: { description: false } },
    { given: 'customRoleIds as a string', body: { customRoleIds: 'abc' } },
    { given: 'customRoleIds with a number', body: { customRoleIds: [1] } },
    { given: 'inlineRole as an object', body: { inlineRole: { effect: 'allow' } } },
    { given: 'an inlineRole statement without effect', body: { inlineRole: [{ actions: ['*'], resources: ['proj/*'] }] } },
    { given: 'an inlineRole statement with an unknown effect', body: { inlineRole: [{ effect: 'maybe' }] } },
    { given: 'an inlineRole statement with actions as a string', body: { inlineRole: [{ effect: 'allow', actions: '*' }] } },
    { given: 'serviceToken as a string', body: { serviceToken: 'yes' } },
    { given: 'a fractional defaultApiVersion', body: { defaultApiVersion: 2024.5 } },
    { given: 'defaultApiVersion as a string', body: { defaultApiVersion: '20240415' } },
    { given: 'malformed JSON', raw: '{"name": "x",' },
    { given: 'an empty body', raw: '' },
    { given: 'a body that is not UTF-8 JSON', raw: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
    { given: 'valid JSON sent as text/plain', body: { name: 'x' }, contentType: 'text/plain' },
    { given: 'valid JSON without a Content-Type', body: { name: 'x' }, contentType: null },
    { given: 'valid JSON as application/x-www-form-urlencoded', body: { name: 'x' }, contentType: 'application/x-www-form-urlencoded' },
    { given: 'a body over 1 MiB', body: { name: 'x'.repeat(1024 * 1024 + 10) } },
  ];
  for (const row of bad) {
    test(row.given, rules('C5', 'A7'), async ({ api }) => {
      const before = asTokens(await api.getTokens('?showAll=true')).totalCount;
      const opts = {
        ...(row.raw === undefined ? {} : { rawBody: row.raw }),
        ...(row.contentType === undefined ? {} : { contentType: row.contentType }),
      };
      const r = await api.postToken(row.body, opts);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 'invalid_request', message: expect.any(String) });
      expect(asTokens(await api.getTokens('?showAll=true')).totalCount).toBe(before);
    });
  }

  test('Content-Type parameters are fine', rules('C5'), async ({ api }) => {
    const r = await api.postToken({ name: 'x', role: 'reader' }, { contentType: 'Application/JSON; charset=UTF-8' });
    expect(r.status).toBe(201);
  });
});
