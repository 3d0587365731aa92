/**
 * Runs the conformance suite as a child process against a given target and reads back what happened
 * from its JSON report. Used by the self-check (one run per injected fault), the benchmarks and the
 * system tests — anything that judges the suite from the outside, as a user would run it.
 */
import { clearRunErrors, kindOfGlobalError, readRunErrors } from '../hygiene/run-errors';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  classifyTest,
  firstErrorOfKind,
  isAttemptStatus,
  readFailureKinds,
  type AttemptFacts,
  type FailureKind,
} from '../domain/failure-kinds';
import { stopChildOnAbort } from './interrupt';
import {
  annotationsOf,
  firstFailedAttempt,
  readPlaywrightReportIfPresent,
  titleOf,
  type PlaywrightReport,
  type ReportStats,
} from './playwright-report';

const REPO_ROOT = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface SuiteRunOptions {
  /** Remote target; omit both to let the suite start its embedded reference server. */
  baseUrl?: string;
  accessToken?: string;
  /** LD_OTHER_MEMBER_TOKEN of a remote target: another member's admin token (B6); omit for none. */
  otherMemberToken?: string;
  /** Where every report of this run goes (LD_REPORTS_DIR). */
  reportsDir: string;
  /** Extra Playwright CLI arguments, e.g. ['--max-failures=1'] or ['--shard=1/2']. */
  args?: string[];
  env?: Record<string, string>;
  /** Hard stop for the whole run; the process group is killed and the run reported as timed out. */
  timeoutMs?: number;
  /** Ctrl-C of the command that started the run (see interrupt.ts): the run is stopped at once. */
  signal?: AbortSignal;
  /** Another Playwright config (absolute path), e.g. a system test's probe built on playwright.config.ts. */
  config?: string;
}

export interface FailedTest {
  title: string;
  file: string;
  message: string;
  /** What kind of failure this is, by the one rule in failure-kinds.ts (a contract error anywhere wins). */
  kind: FailureKind;
  /** kind === 'environment': the environment pushed back (rate limit budget, network), not the contract. */
  environment: boolean;
  /** Behaviour rule ids the test names (annotations of type `rule`). */
  rules: string[];
}

export interface SuiteRunResult {
  exitCode: number | null;
  timedOut: boolean;
  /** The run was stopped by the command's AbortSignal (or never started because it had fired). */
  interrupted: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  stats: ReportStats | null;
  failedTests: FailedTest[];
  /** The run's JSON report, read once; null when the run wrote none. */
  report: PlaywrightReport | null;
}

/**
 * The environment of a child run of the suite: `base` without what belongs to the parent run, except what `given`
 * sets. Never a target or embedded-server settings of the parent (each run decides its own); nor accepted
 * deviations or a baseline (a self-check must see every failure): those are blank, so a value in .env does not apply
 * either (a blank variable counts as unset and wins over .env).
 */
export function isolatedRunEnv(base: NodeJS.ProcessEnv, given: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of [
    'LD_BASE_URL',
    'LD_ACCESS_TOKEN',
    'LD_EMBEDDED_PORT',
    'LD_EMBEDDED_ADMIN_TOKEN',
    'LD_OTHER_MEMBER_TOKEN',
    'LD_EMBEDDED_OTHER_MEMBER_TOKEN',
    'REF_OTHER_MEMBER_TOKEN',
    'LD_RUN_ID',
    'LD_RUN_DEADLINE',
    'LD_SECRET_STORE',
    'TEST_WORKER_INDEX',
    'TEST_PARALLEL_INDEX',
  ]) {
    if (!(key in given)) delete env[key];
  }
  for (const key of ['LD_EXPECTATIONS', 'LD_EXPECTATIONS_STRICT', 'LD_BASELINE']) {
    if (!(key in given)) env[key] = '';
  }
  return env;
}

export async function runSuite(options: SuiteRunOptions): Promise<SuiteRunResult> {
  fs.mkdirSync(options.reportsDir, { recursive: true });
  const env = isolatedRunEnv({ ...process.env, LD_REPORTS_DIR: options.reportsDir, ...options.env }, options.env ?? {});
  if (options.baseUrl) env.LD_BASE_URL = options.baseUrl;
  if (options.accessToken) env.LD_ACCESS_TOKEN = options.accessToken;
  if (options.otherMemberToken) env.LD_OTHER_MEMBER_TOKEN = options.otherMemberToken;

  // The child's run id is its own: remove an earlier run's errors so that the file read afterwards is this run's.
  clearRunErrors(options.reportsDir);
  const started = Date.now();
  if (options.signal?.aborted) {
    return {
      exitCode: null,
      timedOut: false,
      interrupted: true,
      durationMs: 0,
      stdout: '',
      stderr: '',
      stats: null,
      failedTests: [],
      report: null,
    };
  }
  const child = spawn(
    process.execPath,
    [PLAYWRIGHT_CLI, 'test', '--config', options.config ?? path.join(REPO_ROOT, 'playwright.config.ts'), ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env,
      detached: true, // own process group, so a timeout kills Playwright's workers and webServer too
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        killGroup(child.pid, 'SIGKILL');
      }, options.timeoutMs)
    : null;
  const detachAbort = stopChildOnAbort(child, options.signal, { detached: true });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  if (timer) clearTimeout(timer);
  detachAbort();

  const report = readPlaywrightReportIfPresent(path.join(options.reportsDir, 'conformance.json'));
  return {
    exitCode,
    timedOut,
    interrupted: options.signal?.aborted ?? false,
    durationMs: Date.now() - started,
    stdout,
    stderr,
    stats: report?.stats ?? null,
    failedTests: report ? collectFailures(report, options.reportsDir) : [],
    report,
  };
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function collectFailures(report: PlaywrightReport, reportsDir: string): FailedTest[] {
  const failures: FailedTest[] = [];
  for (const test of report.tests) {
    // A failure Playwright expected (test.fail(): a known deviation, LD_EXPECTATIONS) is not one of the run.
    if (test.outcome === 'expected') continue;
    const bad = firstFailedAttempt(test);
    if (!bad) continue;
    // Typed data only: the attempt's status, its error count and the kinds the fixtures recorded on it.
    const facts: AttemptFacts = {
      status: isAttemptStatus(bad.status) ? bad.status : 'failed',
      errorCount: bad.errorList.length,
      recorded: readFailureKinds(bad.annotations),
    };
    const kind = classifyTest(facts);
    const evidence = firstErrorOfKind(facts, kind);
    failures.push({
      title: titleOf(test),
      file: test.file,
      // The first error of the kind that decided the test: the evidence for that kind.
      message: (evidence === undefined ? undefined : bad.errorList[evidence]) || bad.errors[0] || bad.status,
      kind,
      environment: kind === 'environment',
      rules: [...new Set(annotationsOf(test, 'rule').flatMap((a) => (a.description ? [a.description] : [])))],
    });
  }
  // Global set-up's and teardown's errors were typed where they were caught (src/hygiene/run-errors.ts).
  const recorded = readRunErrors(reportsDir, null);
  for (const message of report.errors) {
    const kind = kindOfGlobalError(message, recorded);
    failures.push({ title: '(global)', file: '', message, kind, environment: kind === 'environment', rules: [] });
  }
  return failures;
}
