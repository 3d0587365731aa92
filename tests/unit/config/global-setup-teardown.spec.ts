import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type FullConfig } from '@playwright/test';
import { ApiClient } from '../../../src/client/api-client';
import { CleanupLedger } from '../../../src/client/cleanup-ledger';
import { loadConfig } from '../../../src/config/load-config';
import { startReferenceServer, type RunningReferenceServer } from '../../../src/server';
import globalSetup from '../../global-setup';
import globalTeardown from '../../global-teardown';
import { startStubServer } from '../client/stub-server';
import { readFirstProbe } from '../../../src/session/first-probe';

// These tests drive the real global setup/teardown, which read process.env: run them one at a time and
// restore the environment after each.
test.describe.configure({ mode: 'serial' });

const KEYS = [
  'LD_BASE_URL',
  'LD_ACCESS_TOKEN',
  'LD_RUN_ID',
  'LD_RUN_ID_SHARDED',
  'LD_REPORTS_DIR',
  'LD_EMBEDDED_PORT',
  'LD_EMBEDDED_ADMIN_TOKEN',
  'LD_ALLOW_PRODUCTION',
];
let saved: Record<string, string | undefined> = {};
test.beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  process.env.LD_REPORTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-'));
});
test.afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const fullConfig = (shard: { current: number; total: number } | null = null): FullConfig =>
  ({ grep: /.*/, grepInvert: null, projects: [], shard }) as unknown as FullConfig;

async function setupError(config = fullConfig()): Promise<Error> {
  try {
    await globalSetup(config);
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected global setup to fail');
}

test.describe('global setup stops the run with one clear message', () => {
  const probeRows: { given: number; want: RegExp }[] = [
    { given: 401, want: /^LD_ACCESS_TOKEN was rejected by 127\.0\.0\.1:\d+ \(401\).*No tests were run\.$/ },
    { given: 403, want: /^LD_ACCESS_TOKEN lacks permissions on 127\.0\.0\.1:\d+ \(403\)/ },
    { given: 404, want: /answered 404, expected 200: is LD_BASE_URL the LaunchDarkly API host\?/ },
  ];
  for (const { given, want } of probeRows) {
    test(`probe answered ${given}`, async () => {
      const stub = await startStubServer([{ status: given, body: { code: 'x', message: 'y' } }]);
      try {
        process.env.LD_BASE_URL = stub.url;
        process.env.LD_ACCESS_TOKEN = 'api-setup-unit-token-000000001';
        const error = await setupError();
        expect(error.message).toMatch(want);
        expect(error.stack).toBe(error.message); // Playwright prints the stack: it must be just the story
        expect(error.message).not.toContain('api-setup-unit-token-000000001');
        expect(stub.requests).toHaveLength(1);
        expect(stub.requests[0]?.url).toBe('/api/v2/tokens?limit=1');
      } finally {
        await stub.close();
      }
    });
  }

  test('a 5xx first probe, then 401: the token is still judged (one more probe), the run stops on the token', async () => {
    const stub = await startStubServer([
      { status: 500, body: { code: 'internal', message: 'not ready' } },
      { status: 401, body: { code: 'unauthorized', message: 'y' } },
    ]);
    try {
      process.env.LD_BASE_URL = stub.url;
      process.env.LD_ACCESS_TOKEN = 'api-setup-unit-token-000000001';
      const error = await setupError();
      expect(error.message).toMatch(/^LD_ACCESS_TOKEN was rejected by 127\.0\.0\.1:\d+ \(401\)/);
      expect(stub.requests).toHaveLength(2);
    } finally {
      await stub.close();
    }
  });

  test('unreachable target', async () => {
    const stub = await startStubServer([{ status: 200 }]);
    await stub.close();
    process.env.LD_BASE_URL = stub.url;
    process.env.LD_ACCESS_TOKEN = 'api-setup-unit-token-000000001';
    const error = await setupError();
    expect(error.message).toMatch(
      /^Environment failure: cannot reach the target http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\)\. Check LD_BASE_URL/,
    );
    expect(error.message).not.toContain('api-setup-unit-token-000000001');
  });

  test('configuration error', async () => {
    process.env.LD_BASE_URL = 'https://staging.example.com';
    const error = await setupError();
    expect(error.message).toBe(
      'Configuration error: LD_ACCESS_TOKEN is required when LD_BASE_URL is set (https://staging.example.com): set it to an access token (api-…) with the admin role, in the environment or in .env.',
    );
  });

  test('production target, full run: refused before any request', async () => {
    process.env.LD_BASE_URL = 'https://app.launchdarkly.com';
    process.env.LD_ACCESS_TOKEN = 'api-setup-unit-token-000000001';
    const error = await setupError();
    expect(error.message).toMatch(
      /^Refusing to run write tests against production host app\.launchdarkly\.com .*--grep @smoke.*LD_ALLOW_PRODUCTION=1/,
    );
  });
});

test.describe('global setup on a good target, then teardown', () => {
  let server: RunningReferenceServer;
  test.beforeEach(async () => {
    server = await startReferenceServer({ log: () => undefined });
    process.env.LD_BASE_URL = server.url;
    process.env.LD_ACCESS_TOKEN = server.adminToken;
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('assigns a run id once, creates the ledger; a shard suffixes a CI-given id', async () => {
    await globalSetup(fullConfig());
    const runId = process.env.LD_RUN_ID ?? '';
    expect(runId).toMatch(/^[a-z0-9]+$/);
    expect(CleanupLedger.forRun(loadConfig()).exists()).toBe(true);

    process.env.LD_RUN_ID = 'ci42';
    delete process.env.LD_RUN_ID_SHARDED;
    await globalSetup(fullConfig({ current: 2, total: 3 }));
    expect(process.env.LD_RUN_ID).toBe('ci42-s2');
  });

  test('a 5xx first probe is kept for the test that judges it (A2) and the run goes on (issue 26.5)', async () => {
    await server.close();
    server = await startReferenceServer({ fault: 'first-request-500', log: () => undefined });
    process.env.LD_BASE_URL = server.url;
    process.env.LD_ACCESS_TOKEN = server.adminToken;
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => warnings.push(line);
    try {
      await globalSetup(fullConfig());
    } finally {
      console.warn = original;
    }
    const config = loadConfig();
    const probe = readFirstProbe(config.reportsDir, config.runId);
    expect(probe?.status).toBe(500);
    expect(probe?.operationId).toBe('getTokens');
    // Kept redacted: the reports directory is scanned for secrets at the end of the run (H2).
    expect(JSON.stringify(probe?.exchange)).not.toContain(server.adminToken);
    expect(warnings.join('\n')).toMatch(/answered 500: a contract failure of getTokens \(A2\).*the run goes on/);
    // Another run's probe is never this run's.
    expect(readFirstProbe(config.reportsDir, 'another-run')).toBeNull();
  });

  test("a 200 first probe is kept too (the test judges every run's probe)", async () => {
    await globalSetup(fullConfig());
    const config = loadConfig();
    expect(readFirstProbe(config.reportsDir, config.runId)?.status).toBe(200);
  });

  test('teardown deletes ledgered leftovers and sweeps unledgered ones by prefix, never others', async () => {
    process.env.LD_RUN_ID = 'tdrun';
    await globalSetup(fullConfig());
    const config = loadConfig();
    const ledger = CleanupLedger.forRun(config);
    const context = await playwrightRequest.newContext();
    try {
      const client = new ApiClient({ request: context, config });
      const create = async (name: string): Promise<string> => {
        const result = await client.send('postToken', { body: { name, role: 'reader' } });
        expect(result.status).toBe(201);
        return (result.json() as { _id: string })._id;
      };
      const a = await create('ldct-tdrun-a'); // ledgered, left behind by a failed test
      const b = await create('ldct-tdrun-b'); // ledgered and deleted by its test
      const c = await create('ldct-tdrun-c'); // created by a worker killed before it wrote the ledger
      const other = await create('ldct-tdrun2-x'); // another run's token: the boundary protects it
      const foreign = await create('someone else’s token');
      ledger.recordCreated(a, 'ldct-tdrun-a');
      ledger.recordCreated(b, 'ldct-tdrun-b');
      expect((await client.send('deleteToken', { id: b })).status).toBe(204);
      ledger.recordDeleted(b);

      const logs: string[] = [];
      const original = console.log;
      console.log = (line: string) => logs.push(line);
      try {
        await globalTeardown();
        await globalTeardown(); // idempotent: a second run finds nothing to do
      } finally {
        console.log = original;
      }
      expect(logs[0]).toMatch(
        /^cleanup: created 2, deleted 3, leaked 0 \(deleted by tests 1, by teardown 1, swept without a ledger entry 1\) \(global teardown \d+ ms\)$/,
      );
      expect(logs[1]).toMatch(/^cleanup: created 2, deleted 2, leaked 0/);

      for (const id of [a, b, c]) expect((await client.send('getToken', { id })).status).toBe(404);
      for (const id of [other, foreign]) expect((await client.send('getToken', { id })).status).toBe(200);
    } finally {
      await context.dispose();
    }
  });

  test('teardown without a completed setup does nothing', async () => {
    process.env.LD_RUN_ID = 'neverset';
    const logs: string[] = [];
    const original = console.log;
    console.log = (line: string) => logs.push(line);
    try {
      await globalTeardown();
    } finally {
      console.log = original;
    }
    expect(logs).toEqual(['cleanup: skipped (global setup did not complete, so no test ran)']);
  });
});

test('teardown fails the run, listing the leaked ids, when a deletion is refused', async () => {
  // A target that lists one of our tokens and refuses to delete it.
  const stub = await startStubServer((req) =>
    req.method === 'DELETE'
      ? { status: 403, body: { code: 'forbidden', message: 'no' } }
      : { status: 200, body: { items: [{ _id: 'leak1', name: 'ldct-leakrun-x', creationDate: 1 }] } },
  );
  try {
    process.env.LD_BASE_URL = stub.url;
    process.env.LD_ACCESS_TOKEN = 'api-setup-unit-token-000000001';
    process.env.LD_RUN_ID = 'leakrun';
    await globalSetup(fullConfig());
    const original = console.log;
    console.log = () => undefined;
    let error: unknown;
    try {
      await globalTeardown();
    } catch (e) {
      error = e;
    } finally {
      console.log = original;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^cleanup: leaked 1 token\(s\) of run leakrun on 127\.0\.0\.1:\d+: leak1 \(ldct-leakrun-x\): deleteToken answered 403/,
    );
  } finally {
    await stub.close();
  }
});
