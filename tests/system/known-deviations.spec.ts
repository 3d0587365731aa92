import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import type { RunSummary } from '../../src/domain/run-summary';

/**
 * Known deviations and the baseline, judged from outside as a team would use them, on the resetToken
 * tests only (--grep keeps each run around half a minute):
 *
 *   1. against the reference server with fault A (`reset-token-201`), the plain run is red;
 *   2. `npm run expectations` records its failures, one entry per test, rule, operation and status;
 *   3. with LD_EXPECTATIONS the same server gives a green run, summary.json lists every entry as matched,
 *      and each entry's TODO reason is a warning; with LD_EXPECTATIONS_STRICT=1 the TODO reasons make it red;
 *   4. fault B (`reset-returns-last4`) breaks the SAME tests in another way: the file does not hide it (red),
 *      and with LD_BASELINE = run 1 its failures are new and fault A's are fixed;
 *   5. the clean server: green, every entry reported unmatched (strict mode: tests/unit/expectations/strict-mode.spec.ts);
 *   6. sharded: two shards with LD_EXPECTATIONS, merged with merge.config.ts: green, the merged summary lists
 *      the entries as matched and compares with the baseline.
 */

const ROOT = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const run = promisify(execFile);
const GREP = ['--grep', 'resetToken'];
const FAULT_A = 'reset-token-201';
const FAULT_B = 'reset-returns-last4';
const RUN_TIMEOUT_MS = 4 * 60_000;

test('a recorded deviation turns a red run green without hiding a new fault; baseline and shards included', async () => {
  test.setTimeout(16 * 60_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'known-deviations-'));
  const file = path.join(work, 'staging.yaml');
  const suite = (name: string, env: Record<string, string>, args: string[] = []): Promise<SuiteRunResult> =>
    runSuite({ reportsDir: path.join(work, name), args: [...GREP, ...args], env, timeoutMs: RUN_TIMEOUT_MS });

  // 1. The deviating server makes the plain run red.
  const plain = await suite('plain', { REF_FAULT: FAULT_A });
  expectExit(plain, 1, 'plain run against fault A');
  const plainSummary = readSummary(work, 'plain');
  expect(plainSummary.status).toBe('failed');
  expect(plainSummary.failures.length, 'the run recorded failure signatures').toBeGreaterThan(0);
  expect(plainSummary.failures.some((f) => f.signature.check === 'status_code_conformance' && f.signature.status === 201)).toBe(true);

  // 2. Record it.
  const recorded = await run('npm', ['run', '--silent', 'expectations', '--', '--from', path.join(work, 'plain'), '--out', file], {
    cwd: ROOT,
  });
  expect(recorded.stdout).toMatch(/expectations: \d+ entries added/);
  const entries = fs.readFileSync(file, 'utf8');
  expect(entries).toContain('reason: "TODO:');
  const entryCount = (entries.match(/^\s+- test:/gm) ?? []).length;
  // One entry per test, rule, operation and status (issue 24.5): a test's contract checks on one response are one cause.
  const causes = new Set(
    plainSummary.failures.map((f) =>
      f.kind === 'contract' ? `${f.test} ${f.signature.operation} ${f.signature.status}` : `${f.test} ${JSON.stringify(f.signature)}`,
    ),
  );
  expect(entryCount, 'one entry per test, rule, operation and status').toBe(causes.size);
  expect(entries, 'contract failures are recorded per cause, never per check').not.toMatch(/^\s+check:/m);
  expect(entries).toContain('# every contract check on this response; this run saw: status_code_conformance');

  // 3. Same server, with the file: green, every entry matched.
  const known = await suite('known', { REF_FAULT: FAULT_A, LD_EXPECTATIONS: file });
  expectExit(known, 0, 'fault A with LD_EXPECTATIONS');
  const knownSummary = readSummary(work, 'known');
  expect(knownSummary.status).toBe('passed');
  expect(knownSummary.knownDeviations.matched).toHaveLength(entryCount);
  expect(knownSummary.knownDeviations.unmatched).toEqual([]);
  expect(knownSummary.tests.knownDeviations).toBe(plainSummary.tests.failed);
  expect(known.stdout).toContain(`Known deviations (${file}): ${entryCount} matched, 0 unmatched`);
  // Every reason is still the recorder's TODO: each warns, by file, entry and test, and summary.json lists them.
  expect(knownSummary.knownDeviations.todo.map((d) => d.entry)).toEqual([...Array(entryCount).keys()].map((i) => `deviations[${i}]`));
  expect(known.stdout).toContain(`! warning: ${file} deviations[0] (${knownSummary.knownDeviations.todo[0]?.test ?? '?'}: `);
  expect(known.stdout.match(/still has the TODO reason/g) ?? []).toHaveLength(entryCount);

  // 3b. The same under LD_EXPECTATIONS_STRICT=1: every failure matched, yet red, in one line, for the TODO reasons.
  const strict = await suite('strict-todo', { REF_FAULT: FAULT_A, LD_EXPECTATIONS: file, LD_EXPECTATIONS_STRICT: '1' });
  expectExit(strict, 1, 'fault A with LD_EXPECTATIONS_STRICT=1 and TODO reasons');
  const strictSummary = readSummary(work, 'strict-todo');
  expect(strictSummary.status).toBe('failed');
  expect(strictSummary.knownDeviations.matched).toHaveLength(entryCount);
  expect(strictSummary.knownDeviations.unmatched).toEqual([]);
  expect(strict.stderr).toContain(
    `LD_EXPECTATIONS_STRICT=1: ${entryCount} known-deviation entries of ${file} still have the TODO reason (deviations[0], `,
  );

  // 4. Fault B breaks the same tests differently: still red, and new against the baseline (run 1).
  const other = await suite('other-fault', { REF_FAULT: FAULT_B, LD_EXPECTATIONS: file, LD_BASELINE: path.join(work, 'plain') });
  expectExit(other, 1, 'fault B with the file recorded for fault A');
  const otherSummary = readSummary(work, 'other-fault');
  expect(otherSummary.status).toBe('failed');
  expect(otherSummary.tests.failed).toBeGreaterThan(0);
  expect(otherSummary.knownDeviations.matched).toEqual([]);
  const baseline = otherSummary.baseline;
  expect(baseline, 'LD_BASELINE adds a comparison').toBeDefined();
  expect(baseline?.new.length, 'fault B failures are new').toBe(otherSummary.failures.length);
  expect(baseline?.fixed.length, 'fault A failures are fixed').toBe(plainSummary.failures.length);
  expect(baseline?.undocumentedStatuses.fixed, 'resetToken 201 is no longer seen').toContainEqual({ operation: 'resetToken', status: 201 });
  expect(other.stdout).toMatch(/Compared with the baseline .*\n {2}failures: \d+ new, 0 still failing, \d+ fixed/);

  // 5. The clean server: green, entries unmatched; strict mode makes that red.
  const clean = await suite('clean', { LD_EXPECTATIONS: file });
  expectExit(clean, 0, 'clean server with LD_EXPECTATIONS');
  expect(readSummary(work, 'clean').knownDeviations.unmatched).toHaveLength(entryCount);
  expect(clean.stdout).toContain('unmatched — fixed? remove the entry');

  // 6. Sharded, as the nightly runs it, and merged with the baseline.
  const shards = await Promise.all(
    [1, 2].map((n) =>
      suite(
        `shard-${n}`,
        { REF_FAULT: FAULT_A, LD_EXPECTATIONS: file, LD_WORKERS: '1', PLAYWRIGHT_BLOB_OUTPUT_DIR: path.join(work, `blob-${n}`) },
        [`--shard=${n}/2`, '--reporter=blob'],
      ),
    ),
  );
  shards.forEach((s, i) => expectExit(s, 0, `shard ${i + 1}/2`));
  // Each shard's blob reporter owns (and empties) its folder: collect the zips as the nightly's download does.
  fs.mkdirSync(path.join(work, 'blobs'));
  for (const n of [1, 2]) {
    for (const zip of fs.readdirSync(path.join(work, `blob-${n}`)).filter((f) => f.endsWith('.zip'))) {
      fs.copyFileSync(path.join(work, `blob-${n}`, zip), path.join(work, 'blobs', zip));
    }
  }
  const mergedDir = path.join(work, 'merged');
  const merged = await run(process.execPath, [PLAYWRIGHT_CLI, 'merge-reports', '--config', 'merge.config.ts', path.join(work, 'blobs')], {
    cwd: ROOT,
    env: { ...process.env, LD_REPORTS_DIR: mergedDir, LD_EXPECTATIONS: file, LD_BASELINE: path.join(work, 'plain') },
  });
  const mergedSummary = readSummary(work, 'merged');
  expect(mergedSummary.tests.total, 'the merge holds both shards').toBe(knownSummary.tests.total);
  expect(mergedSummary.status, merged.stdout.slice(-800)).toBe('passed');
  expect(mergedSummary.knownDeviations.matched).toHaveLength(entryCount);
  expect(mergedSummary.baseline?.stillFailing.length, 'the same failures as the baseline, accepted now').toBe(plainSummary.failures.length);
  expect(mergedSummary.baseline?.new).toEqual([]);
  expect(fs.readFileSync(path.join(mergedDir, 'coverage.html'), 'utf8')).toContain('id="known-deviations"');
  fs.rmSync(work, { recursive: true, force: true });
});

test('the contract checks an HTML error page breaks are recorded as one entry, which accepts them all', async () => {
  test.setTimeout(6 * 60_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'per-cause-'));
  const file = path.join(work, 'staging.yaml');
  const suite = (name: string, env: Record<string, string>): Promise<SuiteRunResult> =>
    runSuite({ reportsDir: path.join(work, name), args: GREP, env, timeoutMs: RUN_TIMEOUT_MS });
  // The reference server's 404 is an HTML page: content type and JSON parse fail on the same response, one cause.
  const plain = await suite('plain', { REF_FAULT: 'html-error-page' });
  expectExit(plain, 1, 'plain run against html-error-page');
  const failures = readSummary(work, 'plain').failures;
  const checks = failures.map((f) => f.signature.check);
  expect(checks, 'more than one check failed on one response').toEqual(expect.arrayContaining(['content_type_conformance', 'json_parse']));
  expect(new Set(failures.map((f) => `${f.test} ${f.signature.operation} ${f.signature.status}`)).size).toBe(1);

  const recorded = await run('npm', ['run', '--silent', 'expectations', '--', '--from', path.join(work, 'plain'), '--out', file], {
    cwd: ROOT,
  });
  expect(recorded.stdout).toContain('expectations: 1 entry added');
  expect(recorded.stdout).toMatch(/added: resetToken\.spec\.ts › .*: every contract check on resetToken 404\n/);
  const text = fs.readFileSync(file, 'utf8');
  expect((text.match(/^\s+- test:/gm) ?? []).length, `one entry for ${failures.length} failures`).toBe(1);
  expect(text).toContain(`# every contract check on this response; this run saw: ${checks.join(', ')}`);

  const known = await suite('known', { REF_FAULT: 'html-error-page', LD_EXPECTATIONS: file });
  expectExit(known, 0, 'html-error-page with the entry per cause');
  const summary = readSummary(work, 'known');
  expect(summary.knownDeviations.matched).toHaveLength(1);
  expect(summary.failures.map((f) => f.known)).toEqual(failures.map(() => true));
  expect(known.stdout).toContain(`Known deviations (${file}): 1 matched, 0 unmatched, 0 expired, 1 with a TODO reason`);
  expect(known.stdout).toContain(`! warning: ${file} deviations[0] (`);
  fs.rmSync(work, { recursive: true, force: true });
});

test('a malformed file or an entry naming no test stops the run before its first request', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-expectations-'));
  // A target where nothing listens: had the run sent its probe, it would say it cannot reach it.
  const target = { baseUrl: 'http://127.0.0.1:9', accessToken: 'api-00000000-0000-4000-8000-000000000000' };
  const rows: { name: string; given: string; want: RegExp }[] = [
    {
      name: 'malformed',
      given: 'deviations:\n  - test: x\n    failure: { check: nope }\n    reason: r\n',
      want: /LD_EXPECTATIONS .*: deviations\[0\]\.failure\.check "nope" is not a contract check/,
    },
    {
      name: 'unknown test',
      given: 'deviations:\n  - test: "resetToken.spec.ts › resetToken › no such test"\n    failure: { check: json_parse }\n    reason: r\n',
      want: /deviations\[0\]\.test names no test of the suite: "resetToken\.spec\.ts › resetToken › no such test"/,
    },
  ];
  for (const { name, given, want } of rows) {
    const file = path.join(work, `${name}.yaml`);
    fs.writeFileSync(file, given);
    const result = await runSuite({
      ...target,
      reportsDir: path.join(work, name),
      args: GREP,
      env: { LD_EXPECTATIONS: file },
      timeoutMs: 90_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.exitCode, `${name}: ${output.slice(-600)}`).not.toBe(0);
    expect(output, name).toMatch(want);
    expect(output, `${name}: stopped before the probe`).not.toContain('cannot reach the target');
    expect(output, `${name}: one line, no stack trace`).not.toMatch(/\n\s+at .*\.ts:\d+/);
  }
  fs.rmSync(work, { recursive: true, force: true });
});

function expectExit(result: SuiteRunResult, code: number, label: string): void {
  expect(result.timedOut, `${label} finished in time`).toBe(false);
  expect(result.exitCode, `${label}:\n${result.stdout.slice(-1500)}\n${result.stderr.slice(-800)}`).toBe(code);
}

function readSummary(work: string, name: string): RunSummary {
  const file = path.join(work, name, 'summary.json');
  expect(fs.existsSync(file), `${file} was written`).toBe(true);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunSummary;
}
