import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { OPERATION_IDS, OPERATIONS, type OperationId } from '../../src/domain/operations';
import { runSuite } from '../../src/harness/run-suite';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server';
import { SERVED_SPEC_PATH } from '../../src/server/served-spec';
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy } from './support/recording-proxy';

/**
 * Issue 25.1, judged on the wire: a recording proxy in front of the reference server sees the `LD-API-Version` of
 * every request the suite (global set-up's probe and spec-drift fetch, every test, explore, global teardown's
 * sweep) and `npm run cleanup` send. The run uses 20220603, not the default, so a header that is merely the
 * default (or hard-coded) cannot pass. The real clients' replays send each client's own (specs/clients.md "API
 * version"), judged in a run of their own. A bad LD_API_VERSION stops both commands with one line and exit 2.
 */

const CONFIGURED = '20220603';
const REPO = path.resolve(__dirname, '../..');
const run = promisify(execFile);

let server: RunningReferenceServer;
let proxy: RecordingProxy;
let reportsRoot: string;

test.beforeAll(async () => {
  server = await startReferenceServer({ log: () => undefined });
  proxy = await startRecordingProxy(server.url);
  reportsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'api-version-'));
});

test.afterAll(async () => {
  await proxy.close();
  await server.close();
  fs.rmSync(reportsRoot, { recursive: true, force: true });
});

/** The operation a request is for, by method and path (a method override is a POST: it counts as none). */
function operationOf(r: ProxiedRequest): OperationId | null {
  const pathname = r.path.split('?')[0] ?? '';
  for (const op of OPERATION_IDS) {
    const { method, path: template } = OPERATIONS[op];
    const pattern = new RegExp(`^${template.replace('{id}', '[^/]+')}$`);
    if (r.method === method && pattern.test(pathname)) return op;
  }
  return null;
}

function describe(r: ProxiedRequest): string {
  return `${r.method} ${r.path} (${r.userAgent ?? 'no user-agent'}): LD-API-Version ${r.apiVersion ?? '(none)'}`;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

async function cleanupCommand(env: Record<string, string>): Promise<{ code: number; out: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, LD_BASE_URL: proxy.url, LD_ACCESS_TOKEN: server.adminToken, ...env };
  delete full.LD_RUN_PREFIX;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/cleanup.ts', '--prefix', 'ldct', '--older-than', '0s'],
      { cwd: REPO, env: full },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test(`every request of the suite carries LD-API-Version: LD_API_VERSION (${CONFIGURED}), every operation, set-up and teardown included`, async () => {
  const reportsDir = path.join(reportsRoot, 'suite');
  const firstRequest = proxy.requests.length;
  const result = await runSuite({
    baseUrl: proxy.url,
    accessToken: server.adminToken,
    reportsDir,
    // The replays of real clients send each client's own version: judged in the next test.
    args: ['--grep-invert', 'real clients'],
    env: { LD_API_VERSION: CONFIGURED, LD_SPEC_DRIFT: '1', LD_EXPLORE_SEED: '1' },
    timeoutMs: 240_000,
  });
  const summary = result.stats ? `${result.stats.expected} passed, ${result.stats.unexpected} failed` : 'no report';
  expect(
    result.failedTests.map((t) => `${t.title}: ${t.message.split('\n')[0] ?? ''}`),
    summary,
  ).toEqual([]);
  expect(result.exitCode, `${summary}\n${result.stderr.slice(-2000)}`).toBe(0);

  const sent = proxy.requests.slice(firstRequest);
  expect(sent.length, 'the run went through the proxy').toBeGreaterThan(100);
  expect(
    sent.filter((r) => r.apiVersion !== CONFIGURED).map(describe),
    `every one of ${sent.length} requests carries LD-API-Version ${CONFIGURED}`,
  ).toEqual([]);
  const seen = new Set(sent.map(operationOf));
  expect(
    OPERATION_IDS.filter((op) => !seen.has(op)),
    'every operation was sent (so each carried the header)',
  ).toEqual([]);
  // Global set-up's probe (getTokens?limit=1, before any test), its spec-drift fetch, teardown's final listing.
  expect(sent[0]?.path, 'the first request is global set-up’s probe').toBe('/api/v2/tokens?limit=1');
  expect(
    sent.some((r) => r.path === SERVED_SPEC_PATH),
    'the spec-drift fetch (LD_SPEC_DRIFT=1) went out',
  ).toBe(true);

  // Shown: the console's target line, coverage.json and summary.json.
  expect(result.stdout).toMatch(new RegExp(`^target: remote ${proxy.url}; LD-API-Version ${CONFIGURED}; `, 'm'));
  expect(readJson(path.join(reportsDir, 'coverage.json')).apiVersion, 'coverage.json apiVersion').toBe(CONFIGURED);
  expect(readJson(path.join(reportsDir, 'summary.json')).apiVersion, 'summary.json apiVersion').toBe(CONFIGURED);
});

test('the real clients’ replays send what each client sends: Terraform 20240415, ldcli and the TypeScript client none', async () => {
  const firstRequest = proxy.requests.length;
  const result = await runSuite({
    baseUrl: proxy.url,
    accessToken: server.adminToken,
    reportsDir: path.join(reportsRoot, 'clients'),
    args: ['tests/access-tokens/clients.spec.ts'],
    env: { LD_API_VERSION: CONFIGURED },
    timeoutMs: 120_000,
  });
  expect(result.failedTests.map((t) => t.title)).toEqual([]);
  expect(result.exitCode).toBe(0);
  const sent = proxy.requests.slice(firstRequest);
  const byVersion = new Map<string | null, ProxiedRequest[]>();
  for (const r of sent) byVersion.set(r.apiVersion, [...(byVersion.get(r.apiVersion) ?? []), r]);
  // Only three values: the suite's own requests (set-up tokens, the reads that judge a flow, the sweep), Terraform's, none.
  expect([...byVersion.keys()].sort(), sent.map(describe).join('\n')).toEqual(['20240415', CONFIGURED, null].sort());
  const none = byVersion.get(null) ?? [];
  const ldcli = sent.filter((r) => r.userAgent?.startsWith('launchdarkly-cli/'));
  expect(ldcli.length, 'the ldcli replay was sent').toBeGreaterThan(0);
  expect(ldcli.filter((r) => r.apiVersion !== null).map(describe), 'ldcli sends no LD-API-Version').toEqual([]);
  // The rest without a header is the TypeScript client's reset (a POST with a form Content-Type).
  expect(
    none.filter((r) => !ldcli.includes(r)).map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}/, '{id}')} ${r.contentType ?? ''}`),
    'besides ldcli, only the TypeScript client replay sends no LD-API-Version',
  ).toEqual(['POST /api/v2/tokens/{id}/reset application/x-www-form-urlencoded']);
  // Terraform's: creates, patches, resets, deletes and reads, all 20240415 (the ldcli replay's token has the suite's create).
  const terraformOps = new Set((byVersion.get('20240415') ?? []).map(operationOf));
  expect([...terraformOps].sort(), 'the Terraform replays sent their whole flows with 20240415').toEqual(
    ['deleteToken', 'getToken', 'patchToken', 'postToken', 'resetToken'].sort(),
  );
});

test(`npm run cleanup sends LD-API-Version: LD_API_VERSION (${CONFIGURED}) on each of its requests`, async () => {
  // Two leftovers named like an interrupted run's, made directly on the server (not through the proxy).
  for (const name of ['ldct-leftover-a', 'ldct-leftover-b']) {
    const created = await fetch(`${server.url}/api/v2/tokens`, {
      method: 'POST',
      headers: { authorization: server.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name, role: 'reader' }),
    });
    expect(created.status).toBe(201);
  }
  const firstRequest = proxy.requests.length;
  const result = await cleanupCommand({ LD_API_VERSION: CONFIGURED });
  expect(result.code, result.out).toBe(0);
  expect(result.out).toContain('cleanup: deleted 2, failed 0');
  const sent = proxy.requests.slice(firstRequest);
  expect(
    sent.map((r) => operationOf(r)),
    'cleanup lists, then deletes both',
  ).toEqual(['getTokens', 'deleteToken', 'deleteToken']);
  expect(sent.filter((r) => r.apiVersion !== CONFIGURED).map(describe), 'every cleanup request carries the version').toEqual([]);
});

test('a bad LD_API_VERSION stops the suite and npm run cleanup with one line and exit 2, before any request', async () => {
  const rows: { given: string; want: RegExp }[] = [
    { given: '20230101', want: /got "20230101"/ },
    { given: 'latest', want: /got "latest"/ },
  ];
  for (const { given, want } of rows) {
    const firstRequest = proxy.requests.length;
    const suite = await runSuite({
      baseUrl: proxy.url,
      accessToken: server.adminToken,
      reportsDir: path.join(reportsRoot, `bad-${given}`),
      env: { LD_API_VERSION: given },
      timeoutMs: 60_000,
    });
    const suiteOut = `${suite.stdout}${suite.stderr}`.trim();
    expect(suite.exitCode, suiteOut).toBe(2);
    expect(suiteOut.split('\n'), 'the suite says one line').toHaveLength(1);
    expect(suiteOut).toMatch(
      /^conformance: LD_API_VERSION must be a documented API version \(20240415, 20220603, 20210729, 20191212, 20160426\) or beta, /,
    );
    expect(suiteOut).toMatch(want);

    const cleanup = await cleanupCommand({ LD_API_VERSION: given });
    expect(cleanup.code, cleanup.out).toBe(2);
    expect(cleanup.out.trim().split('\n'), 'cleanup says one line').toHaveLength(1);
    expect(cleanup.out.trim()).toMatch(/^cleanup: LD_API_VERSION must be a documented API version /);
    expect(cleanup.out).toMatch(want);
    expect(proxy.requests.slice(firstRequest).map(describe), 'nothing was sent').toEqual([]);
  }
});
