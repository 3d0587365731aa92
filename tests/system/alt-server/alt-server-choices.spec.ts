import { expect, test } from '@playwright/test';
import { startAltServer, type AltServer, type AltServerOptions } from '.';

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

async function call(server: AltServer, method: string, path: string, opts: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {}): Promise<Raw> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? server.adminToken : opts.token;
  if (token !== null) headers.Authorization = token;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

async function createToken(server: AltServer, body: Record<string, unknown> = { name: 'choice-probe', role: 'writer' }): Promise<Record<string, unknown>> {
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
    want: '405: method override is not supported (A8 is optional)',
    check: async (server) => {
      const token = await createToken(server);
      const res = await call(server, 'POST', `/api/v2/tokens/${String(token._id)}`, { headers: { 'X-HTTP-Method-Override': 'DELETE' } });
      expect(res.status).toBe(405);
      expect((await call(server, 'GET', `/api/v2/tokens/${String(token._id)}`)).status, 'the token still exists').toBe(200);
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
