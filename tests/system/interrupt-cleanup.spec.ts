import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { ApiClient } from '../../src/client/api-client';
import { CleanupLedger, ledgerPathFor } from '../../src/client/cleanup-ledger';
import { nameHasRunPrefix } from '../../src/config/run-id';
import { killGroup } from '../../src/harness/run-suite';
import { startReferenceServer } from '../../src/server';

const REPO = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(REPO, 'node_modules', '@playwright', 'test', 'cli.js');

/**
 * H1 when the run is cut short: start the suite against a server this test owns, wait until the run has
 * created tokens, press Ctrl+C (SIGINT to Playwright's whole process group, as a terminal does), and check
 * that the server holds no token of that run afterwards.
 */
test(
  'Ctrl+C mid-run: global teardown still deletes every token of the run (H1)',
  { annotation: [{ type: 'rule', description: 'H1' }] },
  async () => {
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interrupt-'));
    const runId = `intr${Date.now().toString(36)}`;
    const prefix = `ldct-${runId}`;
    // Latency keeps requests in flight when the signal lands.
    const server = await startReferenceServer({ latencyMs: 50, log: () => undefined });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LD_BASE_URL: server.url,
      LD_ACCESS_TOKEN: server.adminToken,
      LD_RUN_ID: runId,
      LD_RUN_PREFIX: 'ldct',
      LD_REPORTS_DIR: reportsDir,
    };
    for (const key of ['LD_EMBEDDED_PORT', 'LD_EMBEDDED_ADMIN_TOKEN', 'LD_RUN_ID_SHARDED', 'CI']) delete env[key];

    const child = spawn(
      process.execPath,
      [PLAYWRIGHT_CLI, 'test', '--config', path.join(REPO, 'playwright.config.ts'), '--reporter', 'line'],
      {
        cwd: REPO,
        env,
        detached: true, // its own process group: SIGINT reaches the runner and its workers, as Ctrl+C would
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    const context = await playwrightRequest.newContext();
    try {
      const ledger = new CleanupLedger(ledgerPathFor(reportsDir, runId));
      await expect
        // Signal while tokens of the run are alive (created, not yet deleted), so there is something to clean.
        .poll(() => ledger.summarize().pending.length, {
          timeout: 90_000,
          intervals: [50],
          message: `the run had live tokens before the interrupt:\n${output.slice(-1500)}`,
        })
        .toBeGreaterThan(0);
      killGroup(child.pid, 'SIGINT');
      const atSignal = ledger.summarize();
      const createdBeforeSignal = `${atSignal.created} created, ${atSignal.pending.length} alive`;

      const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 120_000))]);
      if (code === 'hung') killGroup(child.pid, 'SIGKILL');
      expect(code, `the interrupted run exits by itself:\n${output.slice(-2000)}`).not.toBe('hung');
      expect(code, 'an interrupted run does not report success').not.toBe(0);

      // Everything on the server, all members (showAll as admin), not just what the ledger knows.
      const admin = new ApiClient({
        request: context,
        config: {
          baseUrl: server.url,
          accessToken: server.adminToken,
          target: 'remote',
          apiVersion: '20240415',
          runId,
          runPrefix: 'ldct',
          tokenNamePrefix: prefix,
          requestTimeoutMs: 10_000,
          maxRps: null,
          maxRpsTotal: null,
          workers: 1,
          rateLimitBudgetMs: 10_000,
          runDeadline: null,
          strict: false,
          specDrift: false,
          hostileInputs: true,
          allowProduction: false,
          productionHost: false,
          reportsDir,
          latencyP95Ms: null,
          exploreRequests: 0,
          exploreSeed: null,
          concurrency: 0,
          concurrencyRequests: 24,
        },
      });
      const names: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await admin.send('getTokens', { query: { showAll: true, limit: 100, offset } });
        expect(page.status).toBe(200);
        const items = ((page.json() as { items?: { name?: string }[] }).items ?? []).map((t) => t.name ?? '');
        names.push(...items);
        if (items.length < 100) break;
      }
      const left = names.filter((name) => nameHasRunPrefix(name, prefix));
      expect(
        left,
        `tokens of run ${runId} left on the server after Ctrl+C (at SIGINT: ${createdBeforeSignal}):\n${output.slice(-2000)}`,
      ).toEqual([]);
      const summary = /cleanup: created (\d+), deleted (\d+), leaked 0[^\n]*/.exec(output);
      expect(summary, `the teardown printed its summary:\n${output.slice(-2000)}`).not.toBeNull();
      test
        .info()
        .annotations.push({ type: 'cleanup', description: `${summary?.[0] ?? ''}; at SIGINT the ledger had ${createdBeforeSignal}` });
      console.log(`interrupted run ${runId}: ${summary?.[0] ?? ''} (at SIGINT: ${createdBeforeSignal})`);
      fs.rmSync(reportsDir, { recursive: true, force: true });
    } finally {
      killGroup(child.pid, 'SIGKILL');
      await context.dispose();
      await server.close();
    }
  },
);
