import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import type { RunSummary } from '../../src/domain/run-summary';
import { isolatedRunEnv, runSuite } from '../../src/harness/run-suite';
import { validateSummary } from '../../src/coverage/validate-summary';
import { nightlyShardReporters } from './support/nightly-reporters';
import { closedPort } from './support/closed-port';

/**
 * The nightly when every shard stops (issue 24.4): both shards run as its shard step does (its own reporter list,
 * read from nightly.yml) and stop in global set-up; their files are moved as its merge job moves them; then
 * `npm run report:merge`. It must exit with the documented code the shards exited with — 3 for an unreachable
 * target, 2 for a configuration error — and write the merged run's own account saying why. Before, the merge saw
 * no test, wrote no summary.json and exited 0: a green nightly for a staging nobody could reach.
 */

const ROOT = path.resolve(__dirname, '../..');

const CASES: {
  given: string;
  shard: () => Promise<{ baseUrl?: string; accessToken?: string; env?: Record<string, string> }>;
  status: string;
  exitCode: number;
  message: RegExp;
}[] = [
  {
    given: 'an unreachable target',
    shard: async () => ({ baseUrl: `http://127.0.0.1:${await closedPort()}`, accessToken: 'api-x' }),
    status: 'unreachable',
    exitCode: 3,
    message: /cannot reach the target/,
  },
  {
    given: 'a configuration error in global set-up (LD_EXPECTATIONS names no file)',
    shard: () => Promise.resolve({ env: { LD_EXPECTATIONS: '/nonexistent/known-deviations.yaml' } }),
    status: 'config-error',
    exitCode: 2,
    message: /Configuration error: LD_EXPECTATIONS: cannot read/,
  },
];

for (const c of CASES) {
  test(`every shard stopped by ${c.given}: report:merge exits ${c.exitCode} and writes the merged run's account`, async () => {
    test.setTimeout(4 * 60_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-stopped-'));
    try {
      const reporters = nightlyShardReporters(ROOT);
      expect(reporters, "nightly.yml's shard step names its reporters").not.toBeNull();
      const blobs = path.join(work, 'all-blob-reports');
      const mergedDir = path.join(work, 'reports');
      fs.mkdirSync(blobs);
      fs.mkdirSync(mergedDir);
      for (const shard of [1, 2]) {
        const target = await c.shard();
        const blobDir = path.join(work, `blob-${shard}`);
        const run = await runSuite({
          ...target,
          reportsDir: path.join(work, `shard-${shard}`),
          args: [`--shard=${shard}/2`, `--reporter=${reporters ?? ''}`],
          env: { PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir, CI: '1', ...target.env },
          timeoutMs: 120_000,
        });
        expect(run.timedOut).toBe(false);
        // As the nightly's download (merge-multiple) and its "Shards' ... verdicts" step leave them.
        for (const file of fs.readdirSync(blobDir))
          fs.copyFileSync(path.join(blobDir, file), path.join(file.endsWith('.zip') ? blobs : mergedDir, file));
      }
      const merge = await npmReportMerge(blobs, mergedDir);
      expect(merge.code, merge.output.slice(-2000)).toBe(c.exitCode);
      const summary = JSON.parse(fs.readFileSync(path.join(mergedDir, 'summary.json'), 'utf8')) as RunSummary;
      expect(validateSummary(summary), "the merged stopped run's summary.json validates").toEqual([]);
      expect(summary.status).toBe(c.status);
      expect(summary.tests.total).toBe(0);
      expect(summary.runErrors.map((e) => e.message.replace(/:.*/s, ''))).toEqual(['shard 1/2', 'shard 2/2']);
      for (const error of summary.runErrors) expect(error.message).toMatch(c.message);
      expect(fs.readFileSync(path.join(mergedDir, 'summary.md'), 'utf8')).toContain(`### Access Tokens conformance: ${c.status}`);
      expect(merge.output, 'the console names the merged summary').toContain(path.join(mergedDir, 'summary.json'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
}

async function npmReportMerge(blobs: string, reportsDir: string): Promise<{ code: number | null; output: string }> {
  const env = isolatedRunEnv({ ...process.env, LD_REPORTS_DIR: reportsDir }, { LD_REPORTS_DIR: reportsDir });
  const child = spawn('npm', ['run', '-s', 'report:merge', '--', blobs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, output };
}
