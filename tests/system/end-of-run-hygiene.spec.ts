import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import type { OutsideVerdicts } from '../../src/hygiene/outside-verdict';
import type { CoverageReport } from '../../src/coverage/coverage-model';
import { startReferenceServer } from '../../src/server';

/**
 * H1 and H2 judged from the outside at the end of a run, reported as the rule's result (docs/leniency.md).
 * A run of the suite's own hygiene tests against a clean remote-mode target reports both "passed" from the
 * outside; runs of a deliberately leaking probe (hygiene-probe/, same global set-up, teardown and reporters as
 * the suite) must be red, with one line naming the artifact and the kind of secret — never the secret.
 */

const RULE = {
  annotation: [
    { type: 'rule', description: 'H1' },
    { type: 'rule', description: 'H2' },
  ],
};
const PROBE_CONFIG = path.join(__dirname, 'hygiene-probe', 'leaky.config.ts');

interface Outcome {
  run: SuiteRunResult;
  outside: OutsideVerdicts;
  rules: Record<string, string>;
  summaryStatus: string;
  storesLeft: string[];
}

async function runAndRead(options: { grep: string; config?: string }): Promise<Outcome> {
  const server = await startReferenceServer({ log: () => undefined });
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'end-of-run-hygiene-'));
  // Its own run id: other runs on this machine have secret stores of their own.
  const runId = `hyg${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  try {
    const run = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir,
      args: ['--grep', options.grep],
      ...(options.config ? { config: options.config } : {}),
      env: { CI: '1', LD_EXPLORE_REQUESTS: '0', LD_RUN_ID: runId },
      timeoutMs: 120_000,
    });
    const coverage = JSON.parse(fs.readFileSync(path.join(reportsDir, 'coverage.json'), 'utf8')) as CoverageReport;
    const summary = JSON.parse(fs.readFileSync(path.join(reportsDir, 'summary.json'), 'utf8')) as {
      status: string;
      outside: OutsideVerdicts;
    };
    expect(coverage.outside, `coverage.json has the outside verdicts\n${run.stdout.slice(-1500)}`).not.toBeNull();
    const rules = Object.fromEntries(coverage.rules.filter((r) => r.id === 'H1' || r.id === 'H2').map((r) => [r.id, r.state]));
    // The secret store must be gone, whatever the outcome.
    const storesLeft = listStores().filter((s) => s.startsWith(`ld-run-secrets-${runId}-`));
    // What the scan reported must hold no secret: the probe's secrets are the admin token and api-… ids.
    for (const text of [run.stdout, run.stderr, JSON.stringify(summary.outside)])
      expect(text.includes(server.adminToken), 'the configured token in the output').toBe(false);
    return { run, outside: summary.outside, rules, summaryStatus: summary.status, storesLeft };
  } finally {
    await server.close();
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
}

function listStores(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('ld-run-secrets-'));
}

test("a clean run reports H1 and H2 passed from the outside, as the rules' result", RULE, async () => {
  const { run, outside, rules, summaryStatus, storesLeft } = await runAndRead({ grep: 'suite hygiene' });
  expect(run.exitCode, run.stdout.slice(-2000)).toBe(0);
  expect(outside.H1.state, outside.H1.summary).toBe('passed');
  expect(outside.H2.state, outside.H2.summary).toBe('passed');
  expect(outside.H2.summary).toMatch(/for \d+ secret\(s\): 1 configured, [1-9]\d* issued, [1-9]\d* reset; none found/);
  expect(rules).toEqual({ H1: 'passed', H2: 'passed' });
  expect(summaryStatus).toBe('passed');
  expect(run.stdout).toMatch(/H2 from the outside: passed/);
  expect(storesLeft).toEqual([]);
});

// Both leaking probes in one run (each run costs seconds of CI): each kind of secret must be named on its own line.
const LEAK_KINDS = [/a whole secret issued by postToken in this run/, /the configured token \(LD_ACCESS_TOKEN\)/];

test(
  'a run that leaks an issued secret and the configured token in attachments is red, naming each artifact and kind of secret',
  RULE,
  async () => {
    const { run, outside, rules, summaryStatus, storesLeft } = await runAndRead({
      grep: 'probe leaks (an issued secret|the configured token)',
      config: PROBE_CONFIG,
    });
    expect(run.stats?.expected, 'both probe tests ran').toBe(2);
    expect(run.failedTests, 'the probe tests themselves passed').toEqual([]);
    expect(run.exitCode, `the run is red\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`).toBe(1);
    expect(outside.H2.state).toBe('failed');
    const problems = outside.H2.problems.join('\n');
    // The JSON report (a base64 attachment) and the HTML report (its embedded zip) both hold the attachments.
    expect(problems).toMatch(/conformance\.json/);
    expect(problems).toMatch(/html\/index\.html/);
    for (const kind of LEAK_KINDS) expect(problems, `named: ${kind.source}`).toMatch(kind);
    expect(
      outside.H2.problems.every((p) => LEAK_KINDS.some((kind) => kind.test(p))),
      problems,
    ).toBe(true);
    expect(run.stderr).toMatch(
      /H2 failed: a secret of this run is in \d+ artifact\(s\) — H2: .+ holds (a whole secret|the configured token)/,
    );
    expect(rules.H2).toBe('failed');
    expect(summaryStatus).toBe('failed');
    expect(outside.H1.state, "the probes' tokens were deleted").toBe('passed');
    expect(storesLeft).toEqual([]);
  },
);

test('the probe that leaks nothing passes: the scan does not cry wolf on a masked secret', RULE, async () => {
  const { run, outside } = await runAndRead({ grep: 'probe leaks nothing', config: PROBE_CONFIG });
  expect(run.exitCode, run.stdout.slice(-1500)).toBe(0);
  expect(outside.H2.state).toBe('passed');
});
