import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import { REFERENCE_SECRET_PATTERN } from '../../src/hygiene/artifact-scan';
import type { OutsideVerdicts } from '../../src/hygiene/outside-verdict';
import type { CoverageReport } from '../../src/coverage/coverage-model';
import { startReferenceServer } from '../../src/server';

/**
 * H1/H2 of a sharded run judged from the outside, as the nightly runs it: each shard with the nightly's reporter flag
 * (redacting, blob, hygiene) leaves its verdict next to its blob; the merge reads both. The leaking probe
 * (hygiene-probe/) in one shard must make the merged H2 red, naming that shard's blob and the kind of secret — never
 * the secret; without that shard's verdict the merged rules are not judged, never passed.
 * (Two shards and merge passing on the real suite: tests/system/sharding.spec.ts.)
 */

const ROOT = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const PROBE_CONFIG = path.join(__dirname, 'hygiene-probe', 'leaky.config.ts');
const NIGHTLY_REPORTERS = './src/reporters/redacting-reporter.ts,blob,./src/reporters/hygiene-reporter.ts';
const run = promisify(execFile);

interface Merged {
  exitCode: number;
  output: string;
  outside: OutsideVerdicts;
  status: string;
  rules: Record<string, string>;
}

async function merge(work: string, name: string, verdicts: string[]): Promise<Merged> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  // As nightly.yml does: the verdicts move from the downloaded blobs to the merge's reports directory.
  for (const file of verdicts) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  const env = { ...process.env, LD_REPORTS_DIR: dir, LD_RUN_ID: RUN_ID, CI: '1' };
  const { exitCode, output } = await run(
    process.execPath,
    [PLAYWRIGHT_CLI, 'merge-reports', '--config', 'merge.config.ts', path.join(work, 'blobs')],
    { cwd: ROOT, env },
  ).then(
    (r) => ({ exitCode: 0, output: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ exitCode: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { status: string; outside: OutsideVerdicts };
  const coverage = JSON.parse(fs.readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as CoverageReport;
  const rules = Object.fromEntries(coverage.rules.filter((r) => r.id === 'H1' || r.id === 'H2').map((r) => [r.id, r.state]));
  return { exitCode, output, outside: summary.outside, status: summary.status, rules };
}

const RUN_ID = `shy${Date.now().toString(36)}`;

test(
  "a shard whose blob holds a secret fails the merged H2, naming the shard's blob and the kind of secret",
  { annotation: { type: 'rule', description: 'H2' } },
  async () => {
    test.setTimeout(150_000);
    const server = await startReferenceServer({ log: () => undefined });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sharded-hygiene-'));
    try {
      // Two probe tests, one per shard: one attaches a whole issued secret, the other only a masked one.
      const shards = await Promise.all(
        [1, 2].map((n) =>
          runSuite({
            baseUrl: server.url,
            accessToken: server.adminToken,
            reportsDir: path.join(work, `reports-${n}`),
            config: PROBE_CONFIG,
            args: ['--grep', 'probe leaks (an issued secret|nothing)', `--shard=${n}/2`, `--reporter=${NIGHTLY_REPORTERS}`],
            env: { CI: '1', LD_EXPLORE_REQUESTS: '0', LD_RUN_ID: RUN_ID, PLAYWRIGHT_BLOB_OUTPUT_DIR: path.join(work, `blob-${n}`) },
            timeoutMs: 120_000,
          }),
        ),
      );
      fs.mkdirSync(path.join(work, 'blobs'));
      const verdicts: string[] = [];
      for (const n of [1, 2]) {
        const files = fs.readdirSync(path.join(work, `blob-${n}`));
        const zip = files.find((f) => f.endsWith('.zip'));
        expect(zip, `shard ${n} wrote its blob\n${shards[n - 1]?.stdout.slice(-1500)}`).toBeDefined();
        expect(files, `shard ${n} left its verdict next to the blob`).toContain(`hygiene-shard-${n}-of-2.json`);
        fs.copyFileSync(path.join(work, `blob-${n}`, zip ?? ''), path.join(work, 'blobs', zip ?? ''));
        verdicts.push(path.join(work, `blob-${n}`, `hygiene-shard-${n}-of-2.json`));
      }
      // Which shard got the leaking test is Playwright's choice: that one is red, the other green.
      const leaky = shards.findIndex((s) => /H2 from the outside: failed/.test(s.stdout)) + 1;
      expect(leaky, 'one shard reported H2 failed').toBeGreaterThan(0);
      expect(shards.map((s) => s.exitCode).sort(), shards.map((s) => s.stdout.slice(-800)).join('\n')).toEqual([0, 1]);
      expect(shards[leaky - 1]?.exitCode, 'the leaking shard is red on its own machine').toBe(1);

      const red = await merge(work, 'merged', verdicts);
      expect(red.exitCode, `the merge job fails\n${red.output.slice(-1500)}`).toBe(1);
      expect(red.outside.H2.state).toBe('failed');
      expect(red.outside.H2.problems).toHaveLength(1);
      expect(red.outside.H2.problems[0]).toMatch(
        new RegExp(
          `^shard ${leaky}/2: H2: blob-${leaky}/report-[^ ]*\\.zip!report\\.jsonl#base64\\[\\d+\\] holds a whole secret issued by postToken in this run`,
        ),
      );
      expect(red.outside.H1.state, red.outside.H1.summary).toBe('passed');
      expect(red.rules).toEqual({ H1: 'passed', H2: 'failed' });
      expect(red.status).toBe('failed');
      // The verdicts, the merge's console and summary name no secret (api-<uuid>: the issued ones and the admin token).
      const said = [red.output, JSON.stringify(red.outside), ...verdicts.map((f) => fs.readFileSync(f, 'utf8'))].join('\n');
      expect(said.match(REFERENCE_SECRET_PATTERN) ?? [], 'secrets in what the verdicts say').toEqual([]);

      // Without the leaking shard's verdict the merged rules are not judged — never passed.
      const gap = await merge(
        work,
        'merged-gap',
        verdicts.filter((_, i) => i !== leaky - 1),
      );
      expect(gap.outside.H2.state).toBe('not-judged');
      expect(gap.outside.H2.summary).toContain(`shard ${leaky}/2 left no verdict (hygiene-shard-${leaky}-of-2.json)`);
      expect(gap.rules.H2, 'the in-run H2 test did not run in the probe: not passed').not.toBe('passed');
      expect(gap.exitCode).toBe(0);
    } finally {
      await server.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
);
