import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import type { RunSummary } from '../../src/domain/run-summary';
import { isolatedRunEnv, runSuite } from '../../src/harness/run-suite';
import { validateSummary } from '../../src/coverage/validate-summary';
import { closedPort } from './support/closed-port';

/**
 * The run's own account on every exit (issue 24.4), judged from outside as a user runs the suite:
 * - an unreachable target (a closed loopback port): summary.json says `unreachable` and replaces an earlier run's;
 * - a bad variable refused in playwright.config.ts (exit 2, before any reporter): summary.json says `config-error`,
 *   never the earlier run's;
 * - a passing run: the console's last lines name the HTML report, coverage.html and summary.json.
 * Before, the first two left the planted `passed` summary in place, and nothing printed where the reports were.
 */

const STALE = { schemaVersion: 1, status: 'passed', stale: true };

function plantStaleSummary(dir: string): void {
  fs.writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify(STALE)}\n`);
  fs.writeFileSync(path.join(dir, 'summary.md'), '### Access Tokens conformance: passed (an earlier run)\n');
}

function readSummary(dir: string): RunSummary & { stale?: boolean } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary & { stale?: boolean };
}

const CASES: {
  given: string;
  setup: () => Promise<{ baseUrl?: string; accessToken?: string; env?: Record<string, string> }>;
  status: string;
  exitCode: number;
  phase: string;
  kind: string;
  message: RegExp;
}[] = [
  {
    given: 'an unreachable target (a closed port)',
    setup: async () => ({ baseUrl: `http://127.0.0.1:${await closedPort()}`, accessToken: 'api-x' }),
    status: 'unreachable',
    exitCode: 1, // Playwright's own (runSuite runs it directly); `npm run conformance` says 3, below
    phase: 'global set-up',
    kind: 'environment',
    message: /cannot reach the target http:\/\/127\.0\.0\.1:\d+/,
  },
  {
    given: 'a bad variable refused in playwright.config.ts (LD_WORKERS=0)',
    setup: () => Promise.resolve({ env: { LD_WORKERS: '0' } }),
    status: 'config-error',
    exitCode: 2,
    phase: 'configuration',
    kind: 'run',
    message: /^Configuration error: LD_WORKERS must be a positive whole number, got "0"/,
  },
];

for (const c of CASES) {
  test(`${c.given}: summary.json says ${c.status} and replaces the earlier run's`, async () => {
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-account-'));
    try {
      plantStaleSummary(reportsDir);
      const target = await c.setup();
      const run = await runSuite({ ...target, reportsDir, env: { LD_EXPLORE_REQUESTS: '0', CI: '1', ...target.env }, timeoutMs: 120_000 });
      const seen = `${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`;
      expect(run.timedOut).toBe(false);
      expect(run.exitCode, seen).toBe(c.exitCode);
      const summary = readSummary(reportsDir);
      expect(summary.stale, `the earlier run's summary.json is gone\n${seen}`).toBeUndefined();
      expect(validateSummary(summary), "a stopped run's summary.json validates against its schema").toEqual([]);
      expect(summary.status).toBe(c.status);
      expect(summary.tests.total).toBe(0);
      expect(summary.runErrors.map((e) => ({ phase: e.phase, kind: e.kind }))).toEqual([{ phase: c.phase, kind: c.kind }]);
      expect(summary.runErrors[0]?.message).toMatch(c.message);
      expect(fs.readFileSync(path.join(reportsDir, 'summary.md'), 'utf8')).toContain(`### Access Tokens conformance: ${c.status}`);
      expect(`${run.stdout}${run.stderr}`, 'the console names the summary').toContain(path.join(reportsDir, 'summary.json'));
    } finally {
      fs.rmSync(reportsDir, { recursive: true, force: true });
    }
  });
}

test("a passing run's console ends naming the HTML report, coverage.html and summary.json", async () => {
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-account-'));
  try {
    const run = await runSuite({
      reportsDir,
      args: ['--grep', 'getToken 404 for ids that name no token'],
      env: { LD_EXPLORE_REQUESTS: '0', CI: '1' },
      timeoutMs: 120_000,
    });
    expect(run.exitCode, run.stdout.slice(-2000)).toBe(0);
    const summary = readSummary(reportsDir);
    expect(summary.status).toBe('passed');
    // Issue 24.6: a real run's summary.json is the published format (report-schemas/summary.schema.json).
    expect(validateSummary(summary)).toEqual([]);
    expect(summary.requests, 'the run judged its responses').toBeGreaterThan(0);
    expect(summary.target).toEqual({ kind: 'embedded', host: null });
    expect(summary.durationMs, 'the run time').toBeGreaterThan(0);
    const last = run.stdout.trimEnd().split('\n').slice(-4);
    expect(last).toEqual([
      'Reports:',
      `  HTML report:  ${path.join(reportsDir, 'html', 'index.html')}`,
      `  coverage:     ${path.join(reportsDir, 'coverage.html')}`,
      `  summary:      ${path.join(reportsDir, 'summary.json')} (for people: ${path.join(reportsDir, 'summary.md')})`,
    ]);
    for (const file of ['html/index.html', 'coverage.html', 'summary.json', 'summary.md'])
      expect(fs.existsSync(path.join(reportsDir, file)), file).toBe(true);
  } finally {
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
});

/** `npm run conformance -- <args>` as a user types it, with only the variables given (no target from the parent). */
async function npmConformance(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const childEnv = isolatedRunEnv({ ...process.env, CI: '1', LD_EXPLORE_REQUESTS: '0', ...env }, env);
  const child = spawn('npm', ['run', '-s', 'conformance', '--', ...args], {
    cwd: path.resolve(__dirname, '../..'),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, output };
}

// The documented exit codes of `npm run conformance` (README): the thin wrapper reads this run's summary.json.
const EXITS: { given: string; args: string[]; env: () => Promise<Record<string, string>>; want: number; status: string }[] = [
  {
    given: 'a passing run (--forbid-only --grep one test: the arguments reach Playwright)',
    args: ['--forbid-only', '--grep', 'getToken 404 for ids that name no token'],
    env: () => Promise.resolve({}),
    want: 0,
    status: 'passed',
  },
  { given: 'a bad variable (LD_WORKERS=0)', args: [], env: () => Promise.resolve({ LD_WORKERS: '0' }), want: 2, status: 'config-error' },
  {
    given: 'an unreachable target',
    args: [],
    env: async () => ({ LD_BASE_URL: `http://127.0.0.1:${await closedPort()}`, LD_ACCESS_TOKEN: 'api-x' }),
    want: 3,
    status: 'unreachable',
  },
];

for (const c of EXITS) {
  test(`npm run conformance, given ${c.given}: exit ${c.want}`, async () => {
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-account-'));
    try {
      plantStaleSummary(reportsDir);
      const run = await npmConformance(c.args, { ...(await c.env()), LD_REPORTS_DIR: reportsDir });
      expect(run.code, run.output.slice(-2000)).toBe(c.want);
      expect(readSummary(reportsDir).status).toBe(c.status);
      if (c.want === 0) expect(run.output).toMatch(/1 passed/);
    } finally {
      fs.rmSync(reportsDir, { recursive: true, force: true });
    }
  });
}
