import { expect, test } from '@playwright/test';
import { startAltServer, type AltServer, type AltServerOptions } from '../../src/alt-server';

/**
 * The alternative server really makes the choices portability.spec.ts claims for it — otherwise "the suite
 * passes against a different server" would prove nothing. Each row starts a server, makes a few raw calls
 * (fetch, no suite code) and checks one choice. Fast: no suite run.
 */

interface Raw {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(
  server: AltServer,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Raw> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? server.adminToken : opts.token;
  if (token !== null) headers.Authorization = token;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

async function createToken(
  server: AltServer,
  body: Record<string, unknown> = { name: 'choice-probe', role: 'writer' },
): Promise<Record<string, unknown>> {
  const created = await call(server, 'POST', '/api/v2/tokens', { body });
  expect(created.status, 'postToken').toBe(201);
  return created.body as Record<string, unknown>;
}

const rows: { given: string; options?: AltServerOptions; want: string; check: (server: AltServer) => Promise<void> }[] = [
  {
    given: 'a new token',
    want: 'a UUID _id and an api- + 40 hex secret',
    check: async (server) => {
      const token = await createToken(server);
      expect(String(token._id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(String(token.token)).toMatch(/^api-[0-9a-f]{40}$/);
      expect(token.ownerId, 'owner is another member than the creator').not.toBe(token.memberId);
      expect(Object.keys(token)).toEqual(expect.arrayContaining(['_version', 'x-alt-region', '_member']));
    },
  },
  {
    given: 'the default clock',
    want: 'Date header and creationDate about 7 minutes ahead of real time',
    check: async (server) => {
      const before = Date.now();
      const token = await createToken(server);
      const ahead = Number(token.creationDate) - before;
      expect(ahead).toBeGreaterThan(7 * 60_000 - 1_000);
      expect(ahead).toBeLessThan(7 * 60_000 + 5_000);
      const read = await call(server, 'GET', `/api/v2/tokens/${String(token._id)}`);
      expect(Date.parse(read.headers.get('date') ?? '') - Date.now()).toBeGreaterThan(7 * 60_000 - 2_000);
    },
  },
  {
    given: 'clockOffsetMs of one day behind and no Date header',
    options: { clockOffsetMs: -24 * 60 * 60_000, dateHeader: false },
    want: 'creationDate a day behind and no Date header at all',
    check: async (server) => {
      const token = await createToken(server);
      expect(Date.now() - Number(token.creationDate)).toBeGreaterThan(24 * 60 * 60_000 - 5_000);
      const read = await call(server, 'GET', '/api/v2/tokens?limit=1');
      expect(read.headers.get('date')).toBeNull();
    },
  },
  {
    given: 'a JSON answer',
    want: 'Content-Type application/json without charset; error bodies carry an id',
    check: async (server) => {
      const res = await call(server, 'GET', '/api/v2/tokens/no-such-token');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(Object.keys(res.body as object).sort()).toEqual(['code', 'id', 'message']);
    },
  },
  {
    given: 'the default list',
    want: 'newest first, totalCount of the whole list, limit above 25 clamped to 25',
    check: async (server) => {
      const token = await createToken(server);
      const list = await call(server, 'GET', '/api/v2/tokens?limit=100');
      const items = field(list.body, 'items') as Record<string, unknown>[];
      expect(items).toHaveLength(25);
      expect(items[0]?._id, 'the newest token comes first').toBe(token._id);
      expect(field(list.body, 'totalCount')).toBe(29);
    },
  },
  {
    given: 'listOrder oldest-first and pageMax 20',
    options: { listOrder: 'oldest-first', pageMax: 20 },
    want: 'oldest first, and at most 20 items whatever the limit',
    check: async (server) => {
      const token = await createToken(server);
      const first = await call(server, 'GET', '/api/v2/tokens?limit=25');
      expect(field(first.body, 'items')).toHaveLength(20);
      const last = await call(server, 'GET', '/api/v2/tokens?limit=20&offset=20');
      const items = field(last.body, 'items') as Record<string, unknown>[];
      expect(items.at(-1)?._id, 'the newest token comes last').toBe(token._id);
    },
  },
  {
    given: "totalCount 'page'",
    options: { totalCount: 'page' },
    want: 'totalCount is the number of items on the page',
    check: async (server) => {
      const list = await call(server, 'GET', '/api/v2/tokens?limit=2');
      expect(field(list.body, 'totalCount')).toBe(2);
    },
  },
  {
    given: "totalCount 'absent'",
    options: { totalCount: 'absent' },
    want: 'no totalCount field',
    check: async (server) => {
      const list = await call(server, 'GET', '/api/v2/tokens?limit=2');
      expect(Object.keys(list.body as object)).not.toContain('totalCount');
    },
  },
  {
    given: 'POST with X-HTTP-Method-Override: DELETE',
    want: '204: the token is deleted (A8: the spec says the API supports method override)',
    check: async (server) => {
      const token = await createToken(server);
      const res = await call(server, 'POST', `/api/v2/tokens/${String(token._id)}`, { headers: { 'X-HTTP-Method-Override': 'DELETE' } });
      expect(res.status).toBe(204);
      expect((await call(server, 'GET', `/api/v2/tokens/${String(token._id)}`)).status, 'the token is gone').toBe(404);
    },
  },
  {
    given: 'unappliable patches',
    want: 'a failing test and a wrong type answer 400; a read-only path, an unknown path and a role outside the enum answer 422',
    check: async (server) => {
      const token = await createToken(server);
      const patch = async (body: unknown) => (await call(server, 'PATCH', `/api/v2/tokens/${String(token._id)}`, { body })).status;
      expect(await patch([{ op: 'test', path: '/name', value: 'other' }])).toBe(400);
      expect(await patch([{ op: 'replace', path: '/name', value: 1 }])).toBe(400);
      expect(await patch([{ op: 'replace', path: '/_id', value: 'x' }])).toBe(422);
      expect(await patch([{ op: 'replace', path: '/notAField', value: 'x' }])).toBe(422);
      expect(await patch([{ op: 'replace', path: '/role', value: 'superuser' }])).toBe(422);
    },
  },
  {
    given: 'a rate limit of 2 requests per 10 s',
    options: { rateLimit: { max: 2, windowMs: 10_000 } },
    want: '429 with Retry-After in seconds and no X-Ratelimit-Reset',
    check: async (server) => {
      await call(server, 'GET', '/api/v2/tokens?limit=1');
      await call(server, 'GET', '/api/v2/tokens?limit=1');
      const limited = await call(server, 'GET', '/api/v2/tokens?limit=1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited.headers.get('x-ratelimit-reset')).toBeNull();
      expect(server.traffic()).toEqual({ requests: 3, rateLimited: 1, byMethod: { GET: 3 } });
    },
  },
  {
    given: 'a reset with an expiry 1.5 s ahead on the server clock',
    want: 'the old secret works until then and gets 401 after',
    check: async (server) => {
      const token = await createToken(server);
      const id = String(token._id);
      const reset = await call(server, 'POST', `/api/v2/tokens/${id}/reset?expiry=${Number(token.lastModified) + 1_500}`);
      expect(reset.status).toBe(200);
      expect((await call(server, 'GET', `/api/v2/tokens/${id}`, { token: String(token.token) })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_700));
      expect((await call(server, 'GET', `/api/v2/tokens/${id}`, { token: String(token.token) })).status).toBe(401);
      expect((await call(server, 'GET', `/api/v2/tokens/${id}`, { token: String(field(reset.body, 'token')) })).status).toBe(200);
    },
  },
  {
    given: 'variant omitUnsetFields',
    options: { variant: { omitUnsetFields: true } },
    want: 'a token created with a name only shows no role, customRoleIds, defaultApiVersion or _member; sent values are shown',
    check: async (server) => {
      const bare = await createToken(server, { name: 'bare' });
      for (const key of ['role', 'customRoleIds', 'defaultApiVersion', '_member', 'description', 'inlineRole'])
        expect(Object.keys(bare), key).not.toContain(key);
      const full = await createToken(server, { name: 'full', role: 'writer', customRoleIds: ['r1'], defaultApiVersion: 20240415 });
      expect([full.role, full.customRoleIds, full.defaultApiVersion]).toEqual(['writer', ['r1'], 20240415]);
      const patched = await call(server, 'PATCH', `/api/v2/tokens/${String(bare._id)}`, {
        body: [{ op: 'add', path: '/customRoleIds', value: ['r2'] }],
      });
      expect([patched.status, field(patched.body, 'customRoleIds')]).toEqual([200, ['r2']]);
    },
  },
  {
    given: 'variant validateCustomRoleIds',
    options: { variant: { validateCustomRoleIds: true } },
    want: 'unknown custom role ids get 400 on postToken and on patchToken',
    check: async (server) => {
      expect((await call(server, 'POST', '/api/v2/tokens', { body: { name: 'x', customRoleIds: ['nope'] } })).status).toBe(400);
      const token = await createToken(server);
      expect(
        (
          await call(server, 'PATCH', `/api/v2/tokens/${String(token._id)}`, {
            body: [{ op: 'add', path: '/customRoleIds', value: ['nope'] }],
          })
        ).status,
      ).toBe(400);
    },
  },
  {
    given: 'variant resetKeepsLastModified',
    options: { variant: { resetKeepsLastModified: true } },
    want: 'a reset issues a new secret and leaves lastModified as it was',
    check: async (server) => {
      const token = await createToken(server);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const reset = await call(server, 'POST', `/api/v2/tokens/${String(token._id)}/reset`);
      expect(reset.status).toBe(200);
      expect(field(reset.body, 'lastModified')).toBe(token.lastModified);
      expect(field(reset.body, 'token')).not.toBe(token.token);
    },
  },
  {
    given: 'variants patchUnappliableStatus 422 and 400',
    want: 'every unappliable patch gets the one status; a malformed patch stays 400',
    check: async () => {
      for (const status of [400, 422] as const) {
        const server = await startAltServer({ variant: { patchUnappliableStatus: status } });
        try {
          const token = await createToken(server);
          const patch = async (body: unknown) => (await call(server, 'PATCH', `/api/v2/tokens/${String(token._id)}`, { body })).status;
          expect(await patch([{ op: 'test', path: '/name', value: 'other' }])).toBe(status);
          expect(await patch([{ op: 'replace', path: '/name', value: 1 }])).toBe(status);
          expect(await patch([{ op: 'replace', path: '/_id', value: 'x' }])).toBe(status);
          expect(await patch([{ op: 'replace', path: '/role', value: 'superuser' }])).toBe(status);
          expect(await patch({ op: 'replace' })).toBe(400);
        } finally {
          await server.close();
        }
      }
    },
  },
  {
    given: 'variants strictQuery, errorDetails, extraLinks, by-name lists',
    options: { listOrder: 'by-name', variant: { strictQuery: true, errorDetails: true, extraLinks: true } },
    want: '400 with a details field for limit=0; extra _links; the list sorted by name',
    check: async (server) => {
      const rejected = await call(server, 'GET', '/api/v2/tokens?limit=0');
      expect(rejected.status).toBe(400);
      expect(Object.keys(rejected.body as object).sort()).toEqual(['code', 'details', 'id', 'message']);
      const token = await createToken(server);
      expect(Object.keys(token._links as object).sort()).toEqual(['member', 'parent', 'reset', 'self']);
      const list = await call(server, 'GET', '/api/v2/tokens?limit=25');
      const names = (field(list.body, 'items') as Record<string, unknown>[]).map((item) => String(item.name));
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    },
  },
  {
    given: 'variant notFoundBeforeForbidden',
    options: { variant: { notFoundBeforeForbidden: true } },
    want: 'a reader deleting an unknown id gets 404 (403 by default)',
    check: async (server) => {
      const reader = await createToken(server, { name: 'reader', role: 'reader' });
      expect((await call(server, 'DELETE', '/api/v2/tokens/no-such-token', { token: String(reader.token) })).status).toBe(404);
      const plain = await startAltServer();
      try {
        const plainReader = await createToken(plain, { name: 'reader', role: 'reader' });
        expect((await call(plain, 'DELETE', '/api/v2/tokens/no-such-token', { token: String(plainReader.token) })).status).toBe(403);
      } finally {
        await plain.close();
      }
    },
  },
  {
    given: 'variants rateLimitHeaders reset, connectionClose and chunkedBodies',
    options: {
      rateLimit: { max: 1, windowMs: 10_000 },
      variant: { rateLimitHeaders: 'reset', connectionClose: true, chunkedBodies: true },
    },
    want: 'a 429 with X-Ratelimit-Reset (server-clock epoch ms) only; Connection: close; no Content-Length',
    check: async (server) => {
      const first = await call(server, 'GET', '/api/v2/tokens?limit=1');
      expect(first.headers.get('connection')).toBe('close');
      expect(first.headers.get('content-length')).toBeNull();
      const limited = await call(server, 'GET', '/api/v2/tokens?limit=1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBeNull();
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      const serverNow = Date.parse(limited.headers.get('date') ?? '');
      expect(reset - serverNow).toBeGreaterThan(0);
      expect(reset - serverNow).toBeLessThan(12_000);
    },
  },
  {
    given: 'variant refuseOutsideE2 (patchUnappliableStatus 422)',
    options: { variant: { refuseOutsideE2: true, patchUnappliableStatus: 422 } },
    want: 'a passing test on /_id, a move and a copy get 422; a test on an E2 field still runs',
    check: async (server) => {
      const token = await createToken(server);
      const path = `/api/v2/tokens/${String(token._id)}`;
      for (const body of [
        [{ op: 'test', path: '/_id', value: token._id }],
        [{ op: 'copy', from: '/name', path: '/description' }],
        [{ op: 'move', from: '/description', path: '/description' }],
      ]) {
        expect((await call(server, 'PATCH', path, { body })).status, JSON.stringify(body)).toBe(422);
      }
      expect((await call(server, 'PATCH', path, { body: [{ op: 'test', path: '/name', value: token.name }] })).status).toBe(200);
    },
  },
  {
    given: 'variant refuseOutsideE2 off (the alt server as it comes)',
    want: 'a passing test on /_id is run (200), a copy applied',
    check: async (server) => {
      const token = await createToken(server);
      const path = `/api/v2/tokens/${String(token._id)}`;
      expect((await call(server, 'PATCH', path, { body: [{ op: 'test', path: '/_id', value: token._id }] })).status).toBe(200);
      const copied = await call(server, 'PATCH', path, { body: [{ op: 'copy', from: '/name', path: '/description' }] });
      expect(field(copied.body, 'description')).toBe(token.name);
    },
  },
  {
    given: 'variant showUnsetAsEmpty',
    options: { variant: { showUnsetAsEmpty: true } },
    want: 'description "" and inlineRole [] where none was set, also after a remove; a set value shown as set',
    check: async (server) => {
      const token = await createToken(server, { name: 'choice-probe', role: 'writer' });
      expect([token.description, token.inlineRole, token.customRoleIds]).toEqual(['', [], []]);
      const path = `/api/v2/tokens/${String(token._id)}`;
      const set = await call(server, 'PATCH', path, { body: [{ op: 'replace', path: '/description', value: 'd' }] });
      expect(field(set.body, 'description')).toBe('d');
      const removed = await call(server, 'PATCH', path, { body: [{ op: 'remove', path: '/description' }] });
      expect([removed.status, field(removed.body, 'description')]).toEqual([200, '']);
    },
  },
  {
    given: 'variant strictRfc6902 with omitUnsetFields (patchUnappliableStatus 400)',
    options: { variant: { strictRfc6902: true, omitUnsetFields: true, patchUnappliableStatus: 400 } },
    want: 'replace of an unset /name and remove of an unset /description get 400; replace of an unset /description works (E6)',
    check: async (server) => {
      const token = await createToken(server, { role: 'writer' });
      const path = `/api/v2/tokens/${String(token._id)}`;
      expect((await call(server, 'PATCH', path, { body: [{ op: 'replace', path: '/name', value: 'choice-probe' }] })).status).toBe(400);
      expect((await call(server, 'PATCH', path, { body: [{ op: 'remove', path: '/description' }] })).status).toBe(400);
      const e6 = await call(server, 'PATCH', path, { body: [{ op: 'replace', path: '/description', value: 'd' }] });
      expect([e6.status, field(e6.body, 'description')]).toEqual([200, 'd']);
      // Without the knob, an unset /name is replaced like E6's fields.
      const lenient = await startAltServer({ variant: { omitUnsetFields: true } });
      try {
        const other = await createToken(lenient, { role: 'writer' });
        const renamed = await call(lenient, 'PATCH', `/api/v2/tokens/${String(other._id)}`, {
          body: [{ op: 'replace', path: '/name', value: 'choice-probe' }],
        });
        expect(renamed.status).toBe(200);
      } finally {
        await lenient.close();
      }
    },
  },
];

test.describe('alt-server choices', () => {
  for (const row of rows) {
    test(`${row.given}: ${row.want}`, async () => {
      const server = await startAltServer(row.options);
      try {
        await row.check(server);
      } finally {
        await server.close();
      }
    });
  }
});
