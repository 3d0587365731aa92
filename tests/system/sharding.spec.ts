import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import { extractCellStates, type CoverageReport } from '../../src/coverage/coverage-model';
import { nightlyShardReporters } from './support/nightly-reporters';

/**
 * Sharding as the nightly does it, on one machine: the suite in two shards (`--shard 1/2`, `--shard
 * 2/2`, blob reporter), run AT THE SAME TIME, each against its own embedded reference server (each
 * shard's config picks its own free port and admin token), then `merge-reports` with merge.config.ts.
 * The merged run must hold every test exactly once (= the unsharded `--list` count) and produce the
 * same coverage matrix, cell for cell, as an unsharded run. The shards run with the nightly's own reporter list,
 * read from .github/workflows/nightly.yml (not a copy that could drift from it), and the merge is the nightly's
 * `npm run report:merge`, whose exit code says what the merged run found.
 */

const ROOT = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const run = promisify(execFile);

test('two shards merged equal one unsharded run: test count and coverage matrix', async () => {
  test.setTimeout(12 * 60_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sharding-'));
  const env = cleanEnv();

  const listed = await run(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', 'playwright.config.ts', '--list'], {
    cwd: ROOT,
    env: { ...env, LD_REPORTS_DIR: path.join(work, 'list') },
  });
  const total = Number(/Total: (\d+) tests? in \d+ files?/.exec(listed.stdout)?.[1]);
  expect(total, `--list printed a total:\n${listed.stdout.slice(-500)}`).toBeGreaterThan(1);

  const unsharded = await runSuite({ reportsDir: path.join(work, 'unsharded'), timeoutMs: 5 * 60_000 });
  expectFinished(unsharded, 'unsharded');
  const reporters = nightlyShardReporters(ROOT);
  expect(reporters, "nightly.yml's shard step names its reporters").not.toBeNull();
  const shards = await Promise.all(
    [1, 2].map((shard) =>
      runSuite({
        reportsDir: path.join(work, `shard-${shard}`),
        // The nightly's reporters, as its shard step names them; each shard's coverage reporter writes its summary.json.
        args: [`--shard=${shard}/2`, `--reporter=${reporters ?? ''}`],
        env: { PLAYWRIGHT_BLOB_OUTPUT_DIR: path.join(work, `blob-${shard}`), LD_WORKERS: '1' },
        timeoutMs: 6 * 60_000,
      }),
    ),
  );
  shards.forEach((shard, i) => expectFinished(shard, `shard ${i + 1}/2`));
  // What each shard ran, from its own account (summary.json): together, every test once.
  const ranByShards = [1, 2].map((shard) => readSummaryTotal(path.join(work, `shard-${shard}`)));
  expect(
    ranByShards.every((n) => n > 0 && n < total),
    `each shard ran a real part of the suite, not everything or nothing: ${ranByShards.join(' + ')} of ${total}`,
  ).toBe(true);
  expect(
    ranByShards.reduce((a, b) => a + b, 0),
    'the shards together ran the unsharded --list count',
  ).toBe(total);

  // Each shard started its own embedded server: two different ports, both announced by global setup.
  const targets = shards.map((s) => /target: embedded (http:\/\/127\.0\.0\.1:\d+)/.exec(s.stdout)?.[1]);
  expect(targets.every(Boolean), `both shards announced an embedded target: ${JSON.stringify(targets)}`).toBe(true);
  expect(new Set(targets).size, 'the shards used different embedded servers').toBe(2);

  const blobs = path.join(work, 'blobs');
  fs.mkdirSync(blobs);
  for (const shard of [1, 2]) {
    const zips = fs.readdirSync(path.join(work, `blob-${shard}`)).filter((f) => f.endsWith('.zip'));
    expect(zips, `shard ${shard} wrote one blob report`).toHaveLength(1);
    fs.copyFileSync(path.join(work, `blob-${shard}`, zips[0] ?? ''), path.join(blobs, zips[0] ?? ''));
  }
  // Each shard judged H1/H2 and left its verdict (and its account) next to its blob; the nightly moves them to the
  // merge's reports.
  const mergedDir = path.join(work, 'merged');
  fs.mkdirSync(mergedDir);
  for (const shard of [1, 2])
    for (const file of [`hygiene-shard-${shard}-of-2.json`, `run-errors-shard-${shard}-of-2.json`])
      fs.copyFileSync(path.join(work, `blob-${shard}`, file), path.join(mergedDir, file));
  // The nightly's merge step: exit 0 only for a merged run that passed (execFile rejects on any other code).
  await run('npm', ['run', '-s', 'report:merge', '--', blobs], { cwd: ROOT, env: { ...env, LD_REPORTS_DIR: mergedDir } });

  const merged = readCoverage(mergedDir);
  const single = readCoverage(path.join(work, 'unsharded'));
  expect(merged.summary.tests.total, 'merged test count = unsharded --list count').toBe(total);
  expect(single.summary.tests.total, 'unsharded run test count = --list count').toBe(total);
  expect(merged.summary.observations, 'the merge kept every observation').toBeGreaterThan(0);
  // The target's latency of the merged run is judged over both shards' timings, one per judged response.
  const mergedTimings = merged.latency.operations.reduce((n, o) => n + o.count, 0);
  expect(mergedTimings, 'the merged latency table counts every judged response of both shards').toBe(merged.summary.observations);
  expect(extractCellStates(merged)).toEqual(extractCellStates(single));
  expect(merged.summary).toMatchObject({
    contractFailures: single.summary.contractFailures,
    environmentFailures: single.summary.environmentFailures,
  });
  // H1 and H2 judged from the outside by both shards (every token gone; the blob, JSON and test-results scanned for
  // every secret of the shard): the merged rules' result, as in the unsharded run.
  expect(merged.outside?.H1.state, merged.outside?.H1.summary).toBe('passed');
  expect(merged.outside?.H2.state, merged.outside?.H2.summary).toBe('passed');
  expect(merged.outside?.H2.summary).toMatch(
    /^shard 1\/2: scanned \d+ artifact file\(s\) .*; none found .*; shard 2\/2: scanned .*; none found/,
  );
  expect(merged.rules.filter((r) => r.id === 'H1' || r.id === 'H2').map((r) => r.state)).toEqual(['passed', 'passed']);

  // The merged outputs a user downloads from the nightly.
  for (const file of ['html/index.html', 'html/coverage.html', 'coverage.html', 'junit.xml', 'conformance.json']) {
    expect(fs.existsSync(path.join(mergedDir, file)), `merge wrote ${file}`).toBe(true);
  }
  // ...and the merged HTML report carries the merged matrix as an attachment (copied into its data/).
  const matrix = fs.readFileSync(path.join(mergedDir, 'coverage.html'));
  const attached = fs.readdirSync(path.join(mergedDir, 'html', 'data')).filter((f) => f.endsWith('.html'));
  expect(
    attached.some((f) => fs.readFileSync(path.join(mergedDir, 'html', 'data', f)).equals(matrix)),
    'coverage.html is attached to the merged report',
  ).toBe(true);
  fs.rmSync(work, { recursive: true, force: true });
});

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['LD_BASE_URL', 'LD_ACCESS_TOKEN', 'LD_EMBEDDED_PORT', 'LD_EMBEDDED_ADMIN_TOKEN', 'LD_RUN_ID', 'LD_REPORTS_DIR'])
    delete env[key];
  return env;
}

function expectFinished(result: SuiteRunResult, label: string): void {
  expect(result.timedOut, `${label} finished in time`).toBe(false);
  expect([0, 1], `${label} exited normally (0 or 1):\n${result.stderr.slice(-1500)}`).toContain(result.exitCode);
}

function readSummaryTotal(dir: string): number {
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { tests?: { total?: unknown } };
  return typeof summary.tests?.total === 'number' ? summary.tests.total : 0;
}

function readCoverage(dir: string): CoverageReport {
  const file = path.join(dir, 'coverage.json');
  expect(fs.existsSync(file), `${file} was written`).toBe(true);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CoverageReport;
}
