import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import { startReferenceServer } from '../../src/server';

/**
 * Issue 25.2: the suite against a reference server whose admin token defaults to an older API version (20220603,
 * as an account whose token predates 20240415). The server serves a request without LD-API-Version under the
 * token's version, where getTokens has no default page size; the suite sends LD_API_VERSION (default 20240415)
 * on every request, so the whole run is green. LD_API_VERSION cannot be unset, so the server side is shown with
 * direct requests: the same token without the header gets the whole list, with the suite's header a page of 25.
 */

const OLD = 20220603;
const PROBES = 30;

test(`the whole suite passes against the reference server with an admin token defaulting to ${OLD}; without the header getTokens is not paged`, async () => {
  const server = await startReferenceServer({ log: () => undefined, adminDefaultApiVersion: OLD });
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'old-version-admin-'));
  try {
    const run = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir,
      env: { LD_EXPLORE_SEED: '1' },
      timeoutMs: 240_000,
    });
    const summary = run.stats ? `${run.stats.expected} passed, ${run.stats.unexpected} failed, ${run.stats.skipped} skipped` : 'no report';
    console.log(`suite against an admin token of ${OLD}: ${summary} in ${Math.round(run.durationMs / 1000)} s`);
    expect(run.timedOut, 'the suite finished in time').toBe(false);
    expect(
      run.failedTests.map((t) => `${t.title}: ${t.message.split('\n')[0] ?? ''}`),
      summary,
    ).toEqual([]);
    expect(run.stats?.expected ?? 0, 'tests passed').toBeGreaterThan(0);
    expect(run.exitCode, `${summary}\n${run.stderr.slice(-2000)}`).toBe(0);

    // The server side, directly: the admin token's version is the old one, and decides when no header is sent.
    const call = async (init: { method?: string; path: string; body?: unknown; version?: string }) => {
      const headers: Record<string, string> = { authorization: server.adminToken };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      if (init.version !== undefined) headers['ld-api-version'] = init.version;
      const res = await fetch(`${server.url}${init.path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
    };
    const created: string[] = [];
    try {
      for (let i = 0; i < PROBES; i += 1) {
        const r = await call({ method: 'POST', path: '/api/v2/tokens', body: { name: `version-probe-${i}`, role: 'reader' } });
        expect(r.status).toBe(201);
        created.push(String(r.json?._id));
      }
      const without = await call({ path: '/api/v2/tokens' });
      expect(without.status).toBe(200);
      const items = without.json?.items as { _id: string; defaultApiVersion?: number; name?: string }[];
      const total = without.json?.totalCount as number;
      expect(total, 'the admin member’s tokens: the seeded one and the probes (the run left none)').toBe(PROBES + 1);
      expect(items, `no LD-API-Version, no limit: all ${total} tokens in one answer, no page of 25`).toHaveLength(total);
      expect(items.find((t) => t.name === 'seeded admin token')?.defaultApiVersion, 'the admin token’s own version').toBe(OLD);

      const withHeader = await call({ path: '/api/v2/tokens', version: '20240415' });
      expect((withHeader.json?.items as unknown[]).length, 'the suite’s LD-API-Version 20240415: the default page of 25').toBe(25);
      expect(withHeader.json?.totalCount).toBe(total);
    } finally {
      for (const id of created) await call({ method: 'DELETE', path: `/api/v2/tokens/${id}` });
    }
  } finally {
    await server.close();
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
});
