import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import { collectCorpora, scanForSecrets } from '../../src/hygiene/artifact-scan';
import { startReferenceServer } from '../../src/server';

/**
 * H2 for the nightly's shards: a shard runs with `--reporter …`, which replaces the config's reporters, and uploads
 * its blob report as an artifact. A request that hangs leaves Playwright's call log (every request header, the
 * configured token included) in its step's error, and the blob serialises each step as it ends. The nightly's exact
 * reporter flag (the redacting reporter first) must leave no token in the blob; `--reporter blob,<hygiene>` without
 * it, the control, must show the leak is real (and that the shard's own H2 scan of its blob finds it), so this test can fail.
 */

const NIGHTLY_REPORTERS = './src/reporters/redacting-reporter.ts,blob,./src/reporters/hygiene-reporter.ts';

async function blobHits(reporters: string): Promise<{ hits: string[]; verdict: string | null; failed: number; output: string }> {
  // patch-token-hangs: the PATCH stores the change and never answers; the suite's one try times out.
  const server = await startReferenceServer({ fault: 'patch-token-hangs', log: () => undefined });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'blob-redaction-'));
  try {
    const run = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir: path.join(work, 'reports'),
      args: ['--grep', 'patchToken 200 replaces name and description', `--reporter=${reporters}`],
      env: { CI: '1', LD_REQUEST_TIMEOUT_MS: '2000', LD_EXPLORE_REQUESTS: '0', PLAYWRIGHT_BLOB_OUTPUT_DIR: path.join(work, 'blob') },
      timeoutMs: 120_000,
    });
    const zips = fs.existsSync(path.join(work, 'blob')) ? fs.readdirSync(path.join(work, 'blob')).filter((f) => f.endsWith('.zip')) : [];
    expect(zips, `one blob report written\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`).toHaveLength(1);
    // The nightly's flag also names the hygiene reporter after blob: its own scan of this blob is the shard's H2 verdict.
    const verdictFile = path.join(work, 'blob', 'hygiene-shard-1-of-1.json');
    const verdict = fs.existsSync(verdictFile)
      ? (JSON.parse(fs.readFileSync(verdictFile, 'utf8')) as { H2: { state: string } }).H2.state
      : null;
    const hits = scanForSecrets(collectCorpora(path.join(work, 'blob')), [server.adminToken]).map((hit) => hit.where);
    return { hits, verdict, failed: run.exitCode === 0 ? 0 : 1, output: run.stdout.slice(-1500) };
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

test(
  "a shard's blob report with a hung request holds no configured token when run with the nightly's reporters (H2)",
  { annotation: { type: 'rule', description: 'H2' } },
  async () => {
    const nightly = await blobHits(NIGHTLY_REPORTERS);
    expect(nightly.failed, `the hung PATCH failed the run (the case this test is about happened)\n${nightly.output}`).toBe(1);
    expect(nightly.hits, 'blob entries holding the configured token').toEqual([]);
    expect(nightly.verdict, "the shard's own H2 verdict on its blob").toBe('passed');

    // The control keeps the hygiene reporter: without redaction the blob holds the token, and the shard's scan says so.
    const control = await blobHits('blob,./src/reporters/hygiene-reporter.ts');
    expect(
      control.hits.length,
      'control: without the redacting reporter the blob holds the token (else this test proves nothing)',
    ).toBeGreaterThan(0);
    expect(control.verdict, "control: the shard's H2 verdict finds the token in its blob").toBe('failed');
  },
);
