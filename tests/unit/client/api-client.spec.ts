import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { ApiClient, type ApiResult } from '../../../src/client/api-client';
import {
  A7BlockedError,
  EnvironmentError,
  HangError,
  RateLimitedError,
  RunDeadlineError,
  TransportError,
} from '../../../src/client/errors';
import { A7Blocks } from '../../../src/client/a7-blocks';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { redactSecrets } from '../../../src/contract/secrets';
import { makeConfig, startStubServer } from './stub-server';

const ADMIN = 'api-unit-test-admin-token-0001';
let context: APIRequestContext;

test.beforeAll(async () => {
  context = await playwrightRequest.newContext();
});
test.afterAll(async () => {
  await context.dispose();
});

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`non-Error thrown: ${String(error)}`);
  }
  throw new Error('expected the call to throw');
}

test.describe('429 handling (A5)', () => {
  test('429 with Retry-After, then 200: waits, records the wait, returns the 200', async () => {
    const stub = await startStubServer([
      { status: 429, headers: { 'retry-after': '1' }, body: { code: 'rate_limited', message: 'slow down' } },
      { status: 200, body: { items: [] } },
    ]);
    try {
      const seen: ApiResult[] = [];
      const client = new ApiClient({
        request: context,
        config: makeConfig(stub.url, { rateLimitBudgetMs: 5_000 }),
        onExchange: (r) => seen.push(r),
      });
      const result = await client.send('getTokens');
      expect(result.status).toBe(200);
      expect(result.waits).toHaveLength(1);
      expect(result.waits[0]).toMatchObject({ reason: 'rate-limited', status: 429, source: 'retry-after' });
      expect(result.waits[0]?.waitMs).toBeGreaterThanOrEqual(1000);
      expect(result.waits[0]?.waitMs).toBeLessThanOrEqual(1200);
      expect(stub.requests).toHaveLength(2);
      expect((stub.requests[1]?.at ?? 0) - (stub.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
      // Every response is observed (the 429 too: it is a documented status), in order.
      expect(seen.map((r) => r.status)).toEqual([429, 200]);
    } finally {
      await stub.close();
    }
  });

  test('X-Ratelimit-Reset is read against the server Date (clock one hour ahead) and beats a shorter Retry-After', async () => {
    const stub = await startStubServer((_req, index) => {
      const serverNow = Math.floor((Date.now() + 3_600_000) / 1000) * 1000; // Date has whole seconds
      return index === 0
        ? {
            status: 429,
            headers: { date: new Date(serverNow).toUTCString(), 'retry-after': '0', 'x-ratelimit-reset': String(serverNow + 1500) },
            body: { code: 'rate_limited', message: 'x' },
          }
        : { status: 200, body: { items: [] } };
    });
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { rateLimitBudgetMs: 5_000 }) });
      const result = await client.send('getTokens');
      expect(result.status).toBe(200);
      // Against the client clock the reset would be an hour away and blow the 5 s budget.
      expect(result.waits[0]).toMatchObject({ source: 'x-ratelimit-reset' });
      expect(result.waits[0]?.waitMs).toBeGreaterThanOrEqual(1500);
      expect(result.waits[0]?.waitMs).toBeLessThanOrEqual(1500 + 100 + 150);
    } finally {
      await stub.close();
    }
  });

  test('budget exhausted → EnvironmentError at once, nothing retried, no secret in the message', async () => {
    const stub = await startStubServer([{ status: 429, headers: { 'retry-after': '30' }, body: { code: 'rate_limited', message: 'x' } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { rateLimitBudgetMs: 2_000 }) });
      const started = Date.now();
      const error = await caught(client.send('postToken', { body: { name: 'ldct-unit-x', role: 'reader' } }));
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error.message).toMatch(
        /^Environment failure: rate limited by 127\.0\.0\.1:\d+ on postToken .* of this test's 2020 ms rate-limit budget is left after 1 429\(s\) \(LD_RATE_LIMIT_BUDGET_MS=2000, grown for the test's 1 request\(s\) sent\)/,
      );
      expect(error.message).not.toContain(ADMIN);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  test('the wait allowance grows with the requests the test sent: a 1 s wait that 800 ms could not cover fits after 50 requests', async () => {
    const stub = await startStubServer((_req, index) =>
      index === 50
        ? { status: 429, headers: { 'retry-after': '1' }, body: { code: 'rate_limited', message: 'x' } }
        : { status: 200, body: { items: [] } },
    );
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { rateLimitBudgetMs: 800 }) });
      for (let i = 0; i < 50; i++) await client.send('getTokens');
      // 51 requests sent: 800 × (1 + 51 / 100) = 1208 ms, room for the 1000–1200 ms the 429 asks.
      const result = await client.send('getTokens');
      expect(result.status).toBe(200);
      expect(result.waits.map((w) => w.reason)).toEqual(['rate-limited']);
      expect(client.rateLimitWaits().allowanceMs).toBe(1208);
      expect(client.rateLimitWaits().spentMs).toBe(result.waits[0]?.waitMs);
    } finally {
      await stub.close();
    }
  });

  test('the budget is shared with clients derived by withToken', async () => {
    const stub = await startStubServer([{ status: 429, headers: { 'retry-after': '1' }, body: { code: 'rate_limited', message: 'x' } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { rateLimitBudgetMs: 1_500 }) });
      // First call: one wait of ~1 s fits, the second does not.
      expect((await caught(client.send('getTokens'))).message).toMatch(/^Environment failure: rate limited/);
      const other = client.withToken('api-unit-test-other-token-0002');
      const started = Date.now();
      expect((await caught(other.send('getTokens'))).message).toMatch(/budget/);
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await stub.close();
    }
  });
});

test.describe('gateway errors and network errors', () => {
  test('503 on a GET from a remote target is retried (bounded) and the 200 returned', async () => {
    const stub = await startStubServer([{ status: 503 }, { status: 503 }, { status: 200, body: { items: [] } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      const result = await client.send('getTokens');
      expect(result.status).toBe(200);
      expect(stub.requests).toHaveLength(3);
      expect(result.waits.map((w) => w.reason)).toEqual(['unavailable', 'unavailable']);
    } finally {
      await stub.close();
    }
  });

  test('503 on a GET that persists → EnvironmentError after 3 attempts', async () => {
    const stub = await startStubServer([{ status: 503 }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      const error = await caught(client.send('getToken', { id: 'abc' }));
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error.message).toMatch(/^Environment failure: getToken GET \/api\/v2\/tokens\/abc .* answered 503 3 time\(s\)/);
      expect(stub.requests).toHaveLength(3);
    } finally {
      await stub.close();
    }
  });

  const writes = [
    { op: 'postToken', opts: { body: { role: 'reader' } } },
    { op: 'patchToken', opts: { id: 'abc', body: [] } },
    { op: 'resetToken', opts: { id: 'abc' } },
  ] as const;
  test("503 on deleteToken is repeated (DELETE is idempotent, RFC 9110 §9.2.2); the repeat's 204 is the answer", async () => {
    const stub = await startStubServer([{ status: 503 }, { status: 204 }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      expect((await client.send('deleteToken', { id: 'abc' })).status).toBe(204);
      expect(stub.requests).toHaveLength(2);
    } finally {
      await stub.close();
    }
  });
  for (const { op, opts } of writes) {
    test(`503 on ${op} (a write that is not idempotent) is NOT retried: EnvironmentError "effect unknown"`, async () => {
      const stub = await startStubServer([{ status: 503 }, { status: 200, body: {} }]);
      try {
        const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
        const error = await caught(client.send(op, opts));
        expect(error).toBeInstanceOf(EnvironmentError);
        expect(error.message).toMatch(/effect unknown — check state/);
        expect(stub.requests).toHaveLength(1);
      } finally {
        await stub.close();
      }
    });
  }

  test('the embedded target gets no gateway treatment: a 503 is returned as data for the contract checks', async () => {
    const stub = await startStubServer([{ status: 503 }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { target: 'embedded' }) });
      expect((await client.send('getTokens')).status).toBe(503);
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  test('network error on a write: EnvironmentError, first line only, no secret (Playwright call logs list headers)', async () => {
    const stub = await startStubServer([{ status: 200 }]);
    const url = stub.url;
    await stub.close(); // nothing listens there now
    const client = new ApiClient({ request: context, config: makeConfig(url) });
    const error = await caught(client.send('postToken', { body: { name: 'x' }, headers: { 'x-extra': ADMIN } }));
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error.message).toMatch(
      /^Environment failure: postToken POST \/api\/v2\/tokens against 127\.0\.0\.1:\d+: .*ECONNREFUSED.*effect unknown/,
    );
    expect(error.message).not.toContain(ADMIN);
    expect(error.message).not.toMatch(/call log/i);
    expect(error.message).not.toContain('\n');
  });

  test('network error against the embedded server: TransportError (a server defect, not the environment)', async () => {
    const stub = await startStubServer([{ status: 200 }]);
    const url = stub.url;
    await stub.close();
    const client = new ApiClient({ request: context, config: makeConfig(url, { target: 'embedded' }) });
    const error = await caught(client.send('getTokens'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).not.toMatch(/^Environment failure/);
    expect(error.message).not.toContain(ADMIN);
  });
});

/**
 * A server that never answers requests whose path matches `hang` (and, when given, whose method and hit number
 * match too), and answers the rest: 200 by default, or what `reply` says for a METHOD path.
 */
async function startHangingServer(
  hang: RegExp,
  opts: { method?: string; hangs?: (hitOfThisRequest: number) => boolean; reply?: (methodAndPath: string) => number } = {},
): Promise<{ url: string; hits: string[]; apiVersions: (string | null)[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const apiVersions: (string | null)[] = [];
  const server = http.createServer((req, res) => {
    const key = `${req.method ?? ''} ${req.url ?? ''}`;
    hits.push(opts.method ? key : (req.url ?? ''));
    const version = req.headers['ld-api-version'];
    apiVersions.push(typeof version === 'string' ? version : null);
    const nth = hits.filter((h) => h === hits[hits.length - 1]).length;
    if (hang.test(req.url ?? '') && (!opts.method || opts.method === req.method) && (opts.hangs?.(nth) ?? true)) return; // no answer, ever
    const status = opts.reply?.(key) ?? 200;
    res.writeHead(status, status === 204 ? {} : { 'content-type': 'application/json' });
    res.end(status === 204 ? undefined : '{"items":[],"_id":"abc","lastModified":1700000000000}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    apiVersions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test.describe('contract or environment (docs/reports.md "Failure kinds")', () => {
  test('a 500 from a remote target is data for the contract checks: returned, not retried, not environment', async () => {
    const stub = await startStubServer([{ status: 500, body: { code: 'internal', message: 'boom' } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      expect((await client.send('getTokens')).status).toBe(500);
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  test('an HTML error page with a non-gateway status is returned to the contract checks (A3), not retried', async () => {
    const stub = await startStubServer([{ status: 404, headers: { 'content-type': 'text/html' } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      const result = await client.send('getToken', { id: 'abc' });
      expect([result.status, result.headers['content-type']]).toEqual([404, 'text/html']);
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  test('a read that hangs again on retry while the target answers another request: HangError (A7), not environment', async () => {
    const server = await startHangingServer(/^\/api\/v2\/tokens\/[^?]+$/);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(server.url, { requestTimeoutMs: 300, apiVersion: 'beta' }) });
      const error = await caught(client.send('getToken', { id: 'abc' }));
      expect(error, error.message).toBeInstanceOf(HangError);
      expect(error.message).toMatch(
        /^Rule A7 \(never a hang\): getToken GET \/api\/v2\/tokens\/abc .* each of 3 tries, while getTokens answered 200/,
      );
      expect(error.message).not.toContain('Environment failure');
      expect(server.hits.filter((u) => u === '/api/v2/tokens/abc')).toHaveLength(3);
      // The harness's probe read (hang-evidence.ts) carries the run's LD-API-Version like every request.
      expect(server.apiVersions, server.hits.join(', ')).toEqual(server.hits.map(() => 'beta'));
    } finally {
      await server.close();
    }
  });

  // Writes (docs/leniency.md, "Writes that hang"): DELETE is idempotent (RFC 9110 §9.2.2) and repeated like a read;
  // PATCH/POST are not, so one try, and what the token looks like afterwards is the evidence.
  const WRITE_HANGS: {
    given: string;
    method: string;
    send: (c: ApiClient) => Promise<unknown>;
    hangs?: (n: number) => boolean;
    reply?: (k: string) => number;
    othersAnswer: boolean;
    want: 'hang' | 'environment' | 'answered';
    says: RegExp;
    tries: number;
  }[] = [
    {
      given: 'a PATCH that hangs while the target answers a probe read: A7 on its one try, with the read-back',
      method: 'PATCH',
      send: (c) => c.send('patchToken', { id: 'abc', body: [] }),
      othersAnswer: true,
      want: 'hang',
      says: /^Rule A7 \(never a hang\): patchToken PATCH \/api\/v2\/tokens\/abc .* on its one try \(not repeated: not idempotent\), while getTokens answered 200 .*; read back after it: getToken abc answered 200, lastModified 2023-11-14T22:13:20.000Z/,
      tries: 1,
    },
    {
      given: 'a PATCH that hangs while nothing answers: environment, effect unknown',
      method: 'PATCH',
      send: (c) => c.send('patchToken', { id: 'abc', body: [] }),
      othersAnswer: false,
      want: 'environment',
      says: /effect unknown — check state, a write that is not idempotent is never repeated/,
      tries: 1,
    },
    {
      given: 'a DELETE that hangs on every try while the target answers: A7 after 3 tries, with the read-back',
      method: 'DELETE',
      send: (c) => c.send('deleteToken', { id: 'abc' }),
      othersAnswer: true,
      reply: (k) => (k.startsWith('GET /api/v2/tokens/abc') ? 404 : 200),
      want: 'hang',
      says: /each of 3 tries, while getTokens answered 200 .*; read back after it: getToken abc answered 404 \(no such token\)/,
      tries: 3,
    },
    {
      given: 'a DELETE whose first try hangs and whose repeat answers 204: the 204',
      method: 'DELETE',
      send: (c) => c.send('deleteToken', { id: 'abc' }),
      hangs: (n) => n === 1,
      reply: () => 204,
      othersAnswer: true,
      want: 'answered',
      says: /204/,
      tries: 2,
    },
    {
      given: 'a DELETE whose first try hangs and whose repeat answers 404: environment (did the first try delete it?)',
      method: 'DELETE',
      send: (c) => c.send('deleteToken', { id: 'abc' }),
      hangs: (n) => n === 1,
      reply: () => 404,
      othersAnswer: true,
      want: 'environment',
      says: /the repeat answered 404: the token is gone, but whether the unanswered try deleted it is unknown/,
      tries: 2,
    },
  ];
  for (const c of WRITE_HANGS) {
    test(c.given, async () => {
      const server = await startHangingServer(c.othersAnswer ? /^\/api\/v2\/tokens\/abc$/ : /./, {
        method: c.othersAnswer ? c.method : undefined,
        hangs: c.hangs,
        reply: c.reply,
      });
      try {
        const client = new ApiClient({ request: context, config: makeConfig(server.url, { requestTimeoutMs: 300 }) });
        const outcome = await c.send(client).then(
          (r) => ({ kind: 'answered', message: String((r as { status: number }).status) }),
          (e: unknown) => ({
            kind: e instanceof HangError ? 'hang' : e instanceof EnvironmentError ? 'environment' : 'other',
            message: e instanceof Error ? e.message : String(e),
          }),
        );
        expect(outcome.kind, outcome.message).toBe(c.want);
        expect(outcome.message).toMatch(c.says);
        expect(server.hits.filter((h) => h.startsWith(`${c.method} `) || (!c.othersAnswer && h === '/api/v2/tokens/abc'))).toHaveLength(
          c.tries,
        );
      } finally {
        await server.close();
      }
    });
  }

  test('a read that hangs while the target answers nothing else either: environment', async () => {
    const server = await startHangingServer(/./);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(server.url, { requestTimeoutMs: 300 }) });
      const error = await caught(client.send('getTokens'));
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error.message).toMatch(/after 3 attempt\(s\)/);
    } finally {
      await server.close();
    }
  });
});

test.describe('A7 blocks: a broken endpoint fails fast (issue 23)', () => {
  function runState(): { blocks: () => A7Blocks; done(): void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a7-client-'));
    return {
      blocks: () => A7Blocks.forRun({ reportsDir: dir, runId: 'unit' }),
      done: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }

  test('after a confirmed hang, the next request to that operation fails at once naming the first test; others are still sent', async () => {
    const server = await startHangingServer(/^\/api\/v2\/tokens\/abc\/reset/, { method: 'POST' });
    const state = runState();
    try {
      const config = makeConfig(server.url, { requestTimeoutMs: 300 });
      const first = new ApiClient({ request: context, config, a7: { blocks: state.blocks(), caller: 'resetToken.spec.ts › first test' } });
      const hang = await caught(first.send('resetToken', { id: 'abc' }));
      expect(hang, hang.message).toBeInstanceOf(HangError);

      // Another worker of the same run: its own client and its own view of the run's state.
      const other = new ApiClient({ request: context, config, a7: { blocks: state.blocks(), caller: 'clients.spec.ts › later test' } });
      const started = performance.now();
      const blocked = await caught(other.withToken('api-other-secret').send('resetToken', { id: 'abc' }));
      expect(performance.now() - started, 'no request timeout waited').toBeLessThan(150);
      expect(blocked, blocked.message).toBeInstanceOf(A7BlockedError);
      expect(blocked.message).toMatch(
        /^Rule A7 \(never a hang\): resetToken not sent — blocked by the A7 failure of "resetToken\.spec\.ts › first test" earlier in this run: Rule A7 \(never a hang\): resetToken POST \/api\/v2\/tokens\/abc\/reset .* got no answer within 300 ms/,
      );
      expect((blocked as A7BlockedError).failureSignature).toEqual({ rule: 'A7', operation: 'resetToken' });
      expect(server.hits.filter((h) => h.startsWith('POST '))).toHaveLength(1);
      // Only that operation is blocked.
      expect((await other.send('getToken', { id: 'abc' })).status).toBe(200);
    } finally {
      await server.close();
      state.done();
    }
  });

  test('a timeout while the target answers nothing is the environment and blocks nothing', async () => {
    const server = await startHangingServer(/./);
    const state = runState();
    try {
      const client = new ApiClient({
        request: context,
        config: makeConfig(server.url, { requestTimeoutMs: 300 }),
        a7: { blocks: state.blocks(), caller: 'a test' },
      });
      expect(await caught(client.send('resetToken', { id: 'abc' }))).toBeInstanceOf(EnvironmentError);
      expect(state.blocks().list()).toEqual([]);
      // The next request is sent (and meets the same environment), not refused.
      expect(await caught(client.send('resetToken', { id: 'abc' }))).toBeInstanceOf(EnvironmentError);
      expect(server.hits.filter((h) => h.includes('/reset'))).toHaveLength(2);
    } finally {
      await server.close();
      state.done();
    }
  });
});

test.describe('pacing (LD_MAX_RPS)', () => {
  test('requests go out no faster than the per-process rate', async () => {
    const stub = await startStubServer([{ status: 200, body: { items: [] } }]);
    try {
      // An unusual rate, so no other test in this worker shares the process pacer.
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { maxRps: 7 }) });
      await Promise.all(Array.from({ length: 5 }, () => client.send('getTokens')));
      const times = stub.requests.map((r) => r.at).sort((a, b) => a - b);
      const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
      expect(span).toBeGreaterThanOrEqual((4 / 7) * 1000 - 30);
    } finally {
      await stub.close();
    }
  });
});

test.describe('requests as sent', () => {
  test('LD-API-Version: LD_API_VERSION on every request; withApiVersion sends another or none; withToken keeps it', async () => {
    const stub = await startStubServer([{ status: 200, body: { items: [] } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url, { apiVersion: '20220603' }) });
      await client.send('getTokens');
      await client.send('deleteToken', { id: 'abc', token: null });
      await client.withToken('api-unit-test-other-token-0002').send('getTokens');
      await client.withApiVersion('20240415').send('postToken', { body: {} });
      await client.withApiVersion(null).send('resetToken', { id: 'abc' });
      await client.withApiVersion(null).withToken(null).send('getTokens');
      expect(stub.requests.map((r) => r.headers['ld-api-version'] ?? null)).toEqual([
        '20220603',
        '20220603',
        '20220603',
        '20240415',
        null,
        null,
      ]);
    } finally {
      await stub.close();
    }
  });

  test('raw token in Authorization, null token sends none, withToken switches it', async () => {
    const stub = await startStubServer([{ status: 200, body: { items: [] } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      await client.send('getTokens');
      await client.send('getTokens', { token: null });
      await client.withToken(null).send('getTokens');
      await client.withToken('api-unit-test-other-token-0002').send('getTokens');
      expect(stub.requests.map((r) => r.headers.authorization ?? null)).toEqual([ADMIN, null, null, 'api-unit-test-other-token-0002']);
      expect(stub.requests[0]?.headers['user-agent']).toBe('ld-access-tokens-conformance (run ldct-unit)');
    } finally {
      await stub.close();
    }
  });

  test('path id is URL-encoded, query values stringified, missing id is a clear usage error', async () => {
    const stub = await startStubServer([{ status: 404, body: { code: 'not_found', message: 'x' } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      const result = await client.send('resetToken', { id: 'a/b c', query: { expiry: 1700000000000 } });
      expect(stub.requests[0]).toMatchObject({ method: 'POST', url: '/api/v2/tokens/a%2Fb%20c/reset?expiry=1700000000000' });
      expect(result.exchange.request.url).toBe(`${stub.url}/api/v2/tokens/a%2Fb%20c/reset?expiry=1700000000000`);
      expect((await caught(client.send('getToken'))).message).toMatch(/send\('getToken'\) needs an id/);
    } finally {
      await stub.close();
    }
  });

  test('rawBody goes out byte for byte (malformed JSON) with the chosen Content-Type; methodOverride sends POST + header', async () => {
    const stub = await startStubServer([{ status: 400, body: { code: 'invalid_request', message: 'x' } }]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      await client.send('postToken', { rawBody: '{"name": ' });
      await client.send('postToken', { rawBody: 'name=x', contentType: 'text/plain' });
      await client.send('patchToken', { id: 'abc', body: [{ op: 'replace', path: '/name', value: 'n' }], methodOverride: 'PATCH' });
      expect(stub.requests.map((r) => [r.method, r.headers['content-type'], r.body])).toEqual([
        ['POST', 'application/json', '{"name": '],
        ['POST', 'text/plain', 'name=x'],
        ['POST', 'application/json', '[{"op":"replace","path":"/name","value":"n"}]'],
      ]);
      expect(stub.requests[2]?.headers['x-http-method-override']).toBe('PATCH');
    } finally {
      await stub.close();
    }
  });
});

test.describe('results and secrets (H2)', () => {
  test('postToken: the whole secret is registered at once; the exchange never carries the live Authorization', async () => {
    const issued = 'api-issued-secret-value-9f8e7d6c';
    const stub = await startStubServer([
      { status: 201, body: { _id: 'abc', token: issued }, headers: { date: 'Thu, 01 Jan 2026 13:00:00 GMT' } },
    ]);
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      const result = await client.send('postToken', { body: { role: 'reader' } });
      expect(result.status).toBe(201);
      expect(result.json()).toEqual({ _id: 'abc', token: issued });
      expect(result.serverDate).toBe(Date.parse('Thu, 01 Jan 2026 13:00:00 GMT'));
      expect(redactSecrets(`leak ${issued} here`)).not.toContain(issued);
      expect(result.exchange.request.headers.authorization).not.toContain(ADMIN);
      expect(result.exchange.response.status).toBe(201);
    } finally {
      await stub.close();
    }
  });

  test('json() is undefined for an empty or non-JSON body and never throws', async () => {
    const stub = await startStubServer((_req, i) =>
      i === 0 ? { status: 204 } : { status: 200, headers: { 'content-type': 'text/html' }, body: undefined },
    );
    try {
      const client = new ApiClient({ request: context, config: makeConfig(stub.url) });
      const deleted = await client.send('deleteToken', { id: 'abc' });
      expect(deleted.bodyText).toBe('');
      expect(deleted.json()).toBeUndefined();
      const other = await client.send('getToken', { id: 'abc' });
      expect(other.json()).toBeUndefined();
      expect(other.headers['content-type']).toBe('text/html');
    } finally {
      await stub.close();
    }
  });
});

test.describe("the run's time bound (LD_RUN_TIMEOUT_MS → LD_RUN_DEADLINE)", () => {
  const rows: { given: string; deadlineFromNow: number | null; sent: boolean }[] = [
    { given: 'no bound', deadlineFromNow: null, sent: true },
    { given: 'a deadline still ahead', deadlineFromNow: 60_000, sent: true },
    { given: 'a deadline that has passed', deadlineFromNow: -1, sent: false },
  ];
  for (const { given, deadlineFromNow, sent } of rows) {
    test(`${given}: the request is ${sent ? 'sent' : 'refused before it goes out, as the environment'}`, async () => {
      const stub = await startStubServer([{ status: 200, body: { items: [] } }]);
      try {
        const runDeadline = deadlineFromNow === null ? null : { at: Date.now() + deadlineFromNow, boundMs: 1234 };
        const client = new ApiClient({ request: context, config: makeConfig(stub.url, { runDeadline }) });
        if (sent) {
          expect((await client.send('getTokens')).status).toBe(200);
          expect(stub.requests).toHaveLength(1);
        } else {
          const error = await caught(client.send('getTokens', { query: { limit: 5 } }));
          expect(error).toBeInstanceOf(RunDeadlineError);
          expect(error).toBeInstanceOf(EnvironmentError);
          expect(error.message).toBe(
            "Environment failure: the run's time bound LD_RUN_TIMEOUT_MS (1234 ms) has passed: getTokens GET /api/v2/tokens not sent. The run ends here and global teardown sweeps what it made; raise LD_RUN_TIMEOUT_MS (0 = no bound) or find what made the run slow.",
          );
          expect(stub.requests).toHaveLength(0);
        }
      } finally {
        await stub.close();
      }
    });
  }
});

test.describe('slowing before a 429 (issue 25.5)', () => {
  const rows: { name: string; given: Record<string, string>; budgetMs: number; want: { slowed: boolean; minGapMs: number } }[] = [
    {
      name: 'remaining 0, reset 600 ms ahead: the next request waits for it',
      given: { 'x-ratelimit-global-remaining': '0' },
      budgetMs: 5_000,
      want: { slowed: true, minGapMs: 550 },
    },
    {
      name: 'requests remaining: no pause',
      given: { 'x-ratelimit-global-remaining': '5' },
      budgetMs: 5_000,
      want: { slowed: false, minGapMs: 0 },
    },
    {
      name: 'remaining 0 but a budget of 0: no pause',
      given: { 'x-ratelimit-route-remaining': '0' },
      budgetMs: 0,
      want: { slowed: false, minGapMs: 0 },
    },
  ];
  for (const { name, given, budgetMs, want } of rows) {
    test(name, async () => {
      const reset = () => ({ 'x-ratelimit-reset': String(Date.now() + 600), date: new Date().toUTCString() });
      const stub = await startStubServer([
        { status: 200, headers: { ...given, ...reset() }, body: { items: [] } },
        { status: 200, body: { items: [] } },
      ]);
      try {
        const client = new ApiClient({ request: context, config: makeConfig(stub.url, { rateLimitBudgetMs: budgetMs }) });
        const first = await client.send('getTokens');
        await client.send('getTokens');
        expect(first.status).toBe(200);
        const slowing = first.waits.filter((w) => w.reason === 'slowing');
        expect(slowing.length > 0, 'a slowing wait recorded').toBe(want.slowed);
        expect((stub.requests[1]?.at ?? 0) - (stub.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(want.minGapMs);
      } finally {
        await stub.close();
      }
    });
  }
});
