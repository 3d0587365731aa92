import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import { startAltServer, type AltServer, type AltServerOptions } from './alt-server';
import { readRunAnnotations } from './alt-server/report-annotations';

/**
 * The suite cries no wolf: run it, as a user would, against a SECOND correct implementation of the API
 * (tests/system/alt-server, written from the spec and the behaviour rules only, every open choice taken
 * the other way from the obvious one: UUID ids, `api-` + 40 hex secrets, newest-first lists with totalCount,
 * extra undocumented Token fields, error bodies with an id, 400 for some unappliable patches and 422 for
 * others, a clock 7 minutes ahead, Retry-After-only rate limiting, …). A correct server
 * must get zero failures; every skip, inconclusive check and note is printed so a reader can judge it.
 */

/** Tight enough that a full run meets some 429s (Retry-After only), loose enough to finish in time. */
const RATE_LIMIT = { max: 40, windowMs: 1_000 };

function describeRun(run: SuiteRunResult): string {
  const failures = run.failedTests.map((f) => `- ${f.title} (${f.file})${f.environment ? ' [environment]' : ''}\n    ${f.message.split('\n').slice(0, 12).join('\n    ')}`);
  return [`exit ${String(run.exitCode)}, stats ${JSON.stringify(run.stats)}`, ...failures, '--- stdout (tail) ---', run.stdout.slice(-3000), '--- stderr (tail) ---', run.stderr.slice(-1500)].join('\n');
}

/** H1 seen from the server: the seeded tokens are untouched and nothing the run created is left. */
function expectAccountAsSeeded(server: AltServer, before: ReturnType<AltServer['snapshot']>): void {
  const after = server.snapshot();
  const leftovers = after.filter((t) => !server.seededTokenIds.includes(t._id)).map((t) => t.name ?? t._id);
  expect(leftovers, 'tokens the run created are all deleted by its end (H1)').toEqual([]);
  const untouched = (tokens: typeof before) => tokens.filter((t) => server.seededTokenIds.includes(t._id)).map(({ lastUsed: _lastUsed, ...rest }) => rest);
  expect(untouched(after), 'tokens that existed before the run are neither changed, reset nor deleted (H1)').toEqual(untouched(before));
}

/**
 * Correct servers that differ in what the spec leaves open. The first is the alt server as it comes; the
 * second turns the knobs the other way again (clock far BEHIND the client, oldest-first lists, a slow host,
 * a tighter rate limit, an upper-case Content-Type with a charset), so neither direction of
 * any choice is baked into the suite. The third caps pages at 20 items (D2: `limit` caps items.length, and
 * a server may cap lower than asked), with oldest-first lists so the run's own tokens sit on later pages.
 * The fourth reads the spec's description of `totalCount` literally ("The number of access tokens
 * returned": the page's count); the rules say nothing about totalCount. The fifth and sixth turn the
 * `variant` knobs (alt-server/variant-options.ts) both ways: fields left out when not sent vs. custom role
 * ids checked for existence, every unappliable patch 422 vs. every one 400, a reset that leaves lastModified
 * alone, strict query parsing, 404 before 403,
 * X-Ratelimit-Reset-only rate limiting on a clock ahead, no keep-alive, chunked bodies, extra links.
 * No variant leaves out the Date header or method override any more: RFC 9110 §6.6.1 requires Date from an
 * origin server with a clock (this one stamps creationDate), and the spec's "Method overriding" section says
 * the API supports X-HTTP-Method-Override — servers without them are not correct variants (rules A10, A8).
 */
const VARIANTS: { given: string; options: AltServerOptions }[] = [
  { given: 'clock 7 min ahead, newest-first lists, 40 req/s', options: { rateLimit: RATE_LIMIT } },
  {
    given: 'clock 1 day behind, oldest-first lists, 40 ms latency, 15 req/s, Content-Type Application/JSON; charset=UTF-8',
    options: {
      clockOffsetMs: -24 * 60 * 60_000,
      listOrder: 'oldest-first',
      latencyMs: 40,
      rateLimit: { max: 15, windowMs: 1_000 },
      contentType: 'Application/JSON; charset=UTF-8',
    },
  },
  { given: 'pages capped at 20 items, oldest-first lists', options: { pageMax: 20, listOrder: 'oldest-first', rateLimit: RATE_LIMIT } },
  { given: 'totalCount counting the page ("The number of access tokens returned")', options: { totalCount: 'page', rateLimit: RATE_LIMIT } },
  {
    given: 'sparse and strict: unset fields omitted, reset keeps lastModified (Date header the only clock), every unappliable patch 422, strict queries, 404 before 403, lists by name, no totalCount, error details, X-Ratelimit-Reset only',
    options: {
      rateLimit: RATE_LIMIT,
      listOrder: 'by-name',
      totalCount: 'absent',
      variant: {
        omitUnsetFields: true,
        errorDetails: true,
        strictQuery: true,
        notFoundBeforeForbidden: true,
        patchUnappliableStatus: 422,
        resetKeepsLastModified: true,
        rateLimitHeaders: 'reset',
      },
    },
  },
  {
    given: 'checking and chatty: custom role ids validated, reset keeps lastModified, no keep-alive, chunked bodies, extra _links, every unappliable patch 400, both rate-limit headers, pages capped at 10, clock 3 h behind',
    options: {
      rateLimit: RATE_LIMIT,
      pageMax: 10,
      clockOffsetMs: -3 * 60 * 60_000,
      variant: {
        validateCustomRoleIds: true,
        resetKeepsLastModified: true,
        connectionClose: true,
        extraLinks: true,
        patchUnappliableStatus: 400,
        rateLimitHeaders: 'both',
        chunkedBodies: true,
      },
    },
  },
];

for (const { given, options } of VARIANTS) {
  test(`the whole suite passes against an independent correct implementation (${given})`, async () => {
    const server = await startAltServer(options);
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portability-'));
    try {
      const before = server.snapshot();
      const run = await runSuite({ baseUrl: server.url, accessToken: server.adminToken, reportsDir, timeoutMs: 4 * 60_000 });
      const traffic = server.traffic();
      console.log(`[${given}] alt-server: ${traffic.requests} API requests, ${traffic.rateLimited} answered 429`);
      console.log(`[${given}] suite: ${JSON.stringify(run.stats)} in ${Math.round(run.durationMs / 1000)} s`);
      const { skipped, notes } = readRunAnnotations(path.join(reportsDir, 'conformance.json'));
      console.log(`[${given}] skipped (${skipped.length}):\n${skipped.map((s) => `  - ${s.title}\n      reason: ${s.description}`).join('\n')}`);
      console.log(`[${given}] inconclusive / notes (${notes.length}):\n${notes.map((n) => `  - ${n.title}\n      ${n.type}: ${n.description}`).join('\n')}`);

      expect(run.timedOut, 'the suite finished in time').toBe(false);
      expect(run.failedTests.map((f) => `${f.title}: ${f.message.split('\n')[0] ?? ''}`), describeRun(run)).toEqual([]);
      expect(run.stats?.unexpected, describeRun(run)).toBe(0);
      expect(run.stats?.expected ?? 0, 'tests passed').toBeGreaterThan(0);
      expect(run.exitCode, describeRun(run)).toBe(0);
      expect(skipped.filter((s) => s.description === '(no reason given)'), 'every skip says why').toEqual([]);
      expectAccountAsSeeded(server, before);
      fs.rmSync(reportsDir, { recursive: true, force: true });
    } finally {
      await server.close();
    }
  });
}

test('--grep @smoke passes against the independent implementation', async () => {
  const server = await startAltServer({ rateLimit: RATE_LIMIT });
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portability-smoke-'));
  try {
    const before = server.snapshot();
    const run = await runSuite({ baseUrl: server.url, accessToken: server.adminToken, reportsDir, args: ['--grep', '@smoke'], timeoutMs: 2 * 60_000 });
    const traffic = server.traffic();
    console.log(`smoke: ${JSON.stringify(run.stats)} in ${Math.round(run.durationMs / 1000)} s; requests by method ${JSON.stringify(traffic.byMethod)}`);
    expect(run.timedOut, 'the smoke run finished in time').toBe(false);
    expect(run.failedTests.map((f) => `${f.title}: ${f.message.split('\n')[0] ?? ''}`), describeRun(run)).toEqual([]);
    expect(run.stats?.expected ?? 0, 'smoke tests passed').toBeGreaterThan(0);
    expect(run.exitCode, describeRun(run)).toBe(0);
    // @smoke is the set that may run against production: against a foreign server it must only read.
    expect(Object.keys(traffic.byMethod).filter((method) => method !== 'GET'), 'HTTP methods other than GET sent by the @smoke run').toEqual([]);
    expectAccountAsSeeded(server, before);
    fs.rmSync(reportsDir, { recursive: true, force: true });
  } finally {
    await server.close();
  }
});
