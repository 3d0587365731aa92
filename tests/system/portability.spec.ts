import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import { startAltServer, type AltServer } from '../../src/alt-server';
import { readRunAnnotations } from './support/run-annotations';
import { RATE_LIMIT, VARIANTS } from '../../src/alt-server/portability-variants';

/**
 * The suite cries no wolf: run it, as a user would, against a SECOND correct implementation of the API
 * (src/alt-server, written from the spec and the behaviour rules only, every open choice taken
 * the other way from the obvious one: UUID ids, `api-` + 40 hex secrets, newest-first lists with totalCount,
 * extra undocumented Token fields, error bodies with an id, 400 for some unappliable patches and 422 for
 * others, a clock 7 minutes ahead, Retry-After-only rate limiting, …). A correct server
 * must get zero failures; every skip, inconclusive check and note is printed so a reader can judge it.
 */

function describeRun(run: SuiteRunResult): string {
  const failures = run.failedTests.map(
    (f) => `- ${f.title} (${f.file})${f.environment ? ' [environment]' : ''}\n    ${f.message.split('\n').slice(0, 12).join('\n    ')}`,
  );
  return [
    `exit ${String(run.exitCode)}, stats ${JSON.stringify(run.stats)}`,
    ...failures,
    '--- stdout (tail) ---',
    run.stdout.slice(-3000),
    '--- stderr (tail) ---',
    run.stderr.slice(-1500),
  ].join('\n');
}

/** H1 seen from the server: the seeded tokens are untouched and nothing the run created is left. */
function expectAccountAsSeeded(server: AltServer, before: ReturnType<AltServer['snapshot']>): void {
  const after = server.snapshot();
  const leftovers = after.filter((t) => !server.seededTokenIds.includes(t._id)).map((t) => t.name ?? t._id);
  expect(leftovers, 'tokens the run created are all deleted by its end (H1)').toEqual([]);
  const untouched = (tokens: typeof before) =>
    tokens.filter((t) => server.seededTokenIds.includes(t._id)).map(({ lastUsed: _lastUsed, ...rest }) => rest);
  expect(untouched(after), 'tokens that existed before the run are neither changed, reset nor deleted (H1)').toEqual(untouched(before));
}

/**
 * Explore runs in every suite run here, with one fixed seed per variant so CI stays reproducible; many more
 * seeds against every variant: `npm run explore:seeds` (figures in docs/explore.md).
 */
const EXPLORE_SEED_BASE = 1101;

for (const [index, { given, options }] of VARIANTS.entries()) {
  test(`the whole suite passes against an independent correct implementation (${given})`, async () => {
    const server = await startAltServer(options);
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portability-'));
    try {
      const before = server.snapshot();
      const env = { LD_EXPLORE_SEED: process.env.LD_EXPLORE_SEED ?? String(EXPLORE_SEED_BASE + index) };
      // The second member's credential (the account owner's admin token): the matrix's writes to another member's token
      // are judged here, not inconclusive (issue 26.6); the --grep @smoke run below goes without it.
      const run = await runSuite({
        baseUrl: server.url,
        accessToken: server.adminToken,
        otherMemberToken: server.otherMemberToken,
        reportsDir,
        env,
        timeoutMs: 4 * 60_000,
      });
      const traffic = server.traffic();
      console.log(`[${given}] alt-server: ${traffic.requests} API requests, ${traffic.rateLimited} answered 429`);
      console.log(`[${given}] suite: ${JSON.stringify(run.stats)} in ${Math.round(run.durationMs / 1000)} s`);
      const { skipped, notes } = readRunAnnotations(path.join(reportsDir, 'conformance.json'));
      console.log(
        `[${given}] skipped (${skipped.length}):\n${skipped.map((s) => `  - ${s.title}\n      reason: ${s.description}`).join('\n')}`,
      );
      console.log(
        `[${given}] inconclusive / notes (${notes.length}):\n${notes.map((n) => `  - ${n.title}\n      ${n.type}: ${n.description}`).join('\n')}`,
      );

      expect(run.timedOut, 'the suite finished in time').toBe(false);
      expect(
        run.failedTests.map((f) => `${f.title}: ${f.message.split('\n')[0] ?? ''}`),
        describeRun(run),
      ).toEqual([]);
      expect(run.stats?.unexpected, describeRun(run)).toBe(0);
      expect(run.stats?.expected ?? 0, 'tests passed').toBeGreaterThan(0);
      expect(run.exitCode, describeRun(run)).toBe(0);
      expect(
        skipped.filter((s) => s.description === '(no reason given)'),
        'every skip says why',
      ).toEqual([]);
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
    const run = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir,
      args: ['--grep', '@smoke'],
      timeoutMs: 2 * 60_000,
    });
    const traffic = server.traffic();
    console.log(
      `smoke: ${JSON.stringify(run.stats)} in ${Math.round(run.durationMs / 1000)} s; requests by method ${JSON.stringify(traffic.byMethod)}`,
    );
    expect(run.timedOut, 'the smoke run finished in time').toBe(false);
    expect(
      run.failedTests.map((f) => `${f.title}: ${f.message.split('\n')[0] ?? ''}`),
      describeRun(run),
    ).toEqual([]);
    expect(run.stats?.expected ?? 0, 'smoke tests passed').toBeGreaterThan(0);
    expect(run.exitCode, describeRun(run)).toBe(0);
    // @smoke is the set that may run against production: against a foreign server it must only read.
    expect(
      Object.keys(traffic.byMethod).filter((method) => method !== 'GET'),
      'HTTP methods other than GET sent by the @smoke run',
    ).toEqual([]);
    expectAccountAsSeeded(server, before);
    fs.rmSync(reportsDir, { recursive: true, force: true });
  } finally {
    await server.close();
  }
});
