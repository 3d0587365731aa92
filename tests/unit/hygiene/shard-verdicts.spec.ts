import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type ReporterDescription } from '@playwright/test';
import { notJudged, type OutsideState, type OutsideVerdict } from '../../../src/hygiene/outside-verdict';
import { combineShardVerdicts, shardVerdictFileName, writeShardVerdict, type ShardVerdictFile } from '../../../src/hygiene/shard-verdict';
import { findBlobReportDir } from '../../../src/reporters/blob-output';

/** The merged run's H1/H2 from its shards' verdict files (src/hygiene/shard-verdict.ts). */

const PASSED: OutsideVerdict = { state: 'passed', summary: 'none found', problems: [] };
const LEAK: OutsideVerdict = {
  state: 'failed',
  summary: 'found in 1 place(s)',
  problems: ['H2: blob-report/report-1.zip!report.jsonl#base64[3] holds a whole secret issued by postToken in this run: …'],
};

function shard(current: number, total: number, over: Partial<ShardVerdictFile> = {}): ShardVerdictFile {
  return { runId: `gh1a1-s${current}`, shard: { current, total }, blobReport: `report-${current}.zip`, H1: PASSED, H2: PASSED, ...over };
}

const CASES: {
  given: string;
  files: (ShardVerdictFile | { name: string; text: string })[];
  runId?: string;
  want: { H1: OutsideState; H2: OutsideState };
  says?: RegExp;
}[] = [
  {
    given: 'both shards passed',
    files: [shard(1, 2), shard(2, 2)],
    runId: 'gh1a1',
    want: { H1: 'passed', H2: 'passed' },
    says: /shard 1\/2: none found; shard 2\/2: none found/,
  },
  {
    given: "one shard's blob holds a secret",
    files: [shard(1, 2, { H2: LEAK }), shard(2, 2)],
    want: { H1: 'passed', H2: 'failed' },
    says: /^shard 1\/2: H2: blob-report\/report-1\.zip!report\.jsonl#base64\[3\] holds a whole secret issued by postToken/m,
  },
  { given: 'a failed shard wins over a missing one', files: [shard(1, 2, { H2: LEAK })], want: { H1: 'not-judged', H2: 'failed' } },
  {
    given: 'one shard left no verdict',
    files: [shard(1, 2)],
    want: { H1: 'not-judged', H2: 'not-judged' },
    says: /shard 2\/2 left no verdict \(hygiene-shard-2-of-2\.json\)/,
  },
  {
    given: 'no verdict at all',
    files: [],
    want: { H1: 'not-judged', H2: 'not-judged' },
    says: /no shard's verdict \(no hygiene-shard-\*\.json in .*\): each shard must run the hygiene reporter after blob/,
  },
  {
    given: 'a shard that could not judge',
    files: [shard(1, 2), shard(2, 2, { H1: notJudged('global teardown wrote no end-of-run listing') })],
    want: { H1: 'not-judged', H2: 'passed' },
    says: /shard 2\/2 not judged: global teardown wrote no end-of-run listing/,
  },
  {
    given: "another run's verdict",
    files: [shard(1, 1, { runId: 'gh0a1-s1' })],
    runId: 'gh1a1',
    want: { H1: 'not-judged', H2: 'not-judged' },
    says: /belongs to another run \(gh0a1-s1\), not to gh1a1/,
  },
  {
    given: 'an unreadable file',
    files: [shard(1, 2), { name: shardVerdictFileName({ current: 2, total: 2 }), text: '{' }],
    want: { H1: 'not-judged', H2: 'not-judged' },
    says: /hygiene-shard-2-of-2\.json: unreadable/,
  },
];

for (const c of CASES) {
  test(`merged H1/H2: ${c.given} → H1 ${c.want.H1}, H2 ${c.want.H2}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shard-verdicts-'));
    try {
      for (const f of c.files) {
        if ('text' in f) fs.writeFileSync(path.join(dir, f.name), f.text);
        else writeShardVerdict(dir, f);
      }
      const merged = combineShardVerdicts(dir, c.runId);
      expect({ H1: merged.H1.state, H2: merged.H2.state }).toEqual(c.want);
      if (c.says) expect([merged.H2.summary, merged.H1.summary, ...merged.H2.problems].join('\n')).toMatch(c.says);
      // A failed merged rule names the artifact per shard, and "passed" is never made of fewer verdicts than shards.
      if (c.want.H2 === 'failed') expect(merged.H2.problems.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

const CONFIG = { configFile: '/repo/playwright.config.ts', rootDir: '/repo/tests' };
const BLOB_DIRS: { given: string; reporter: ReporterDescription[]; env?: NodeJS.ProcessEnv; want: string | null }[] = [
  { given: 'no blob reporter', reporter: [['list']], want: null },
  {
    given: 'PLAYWRIGHT_BLOB_OUTPUT_DIR (the nightly)',
    reporter: [['blob']],
    env: { PLAYWRIGHT_BLOB_OUTPUT_DIR: '/work/blob-report' },
    want: '/work/blob-report',
  },
  {
    given: 'PLAYWRIGHT_BLOB_OUTPUT_FILE wins',
    reporter: [['blob', { outputDir: 'x' }]],
    env: { PLAYWRIGHT_BLOB_OUTPUT_FILE: '/a/b/r.zip', PLAYWRIGHT_BLOB_OUTPUT_DIR: '/c' },
    want: '/a/b',
  },
  { given: "the reporter's outputDir, from the config's folder", reporter: [['blob', { outputDir: 'out/blob' }]], want: '/repo/out/blob' },
];

for (const c of BLOB_DIRS) {
  test(`blob report folder: ${c.given}`, () => {
    expect(findBlobReportDir({ ...CONFIG, reporter: c.reporter }, c.env ?? {})).toBe(c.want);
  });
}

test('blob report folder by default: blob-report next to the package.json above the config', () => {
  const root = path.resolve(__dirname, '../../..');
  expect(
    findBlobReportDir(
      { configFile: path.join(root, 'tests/system/hygiene-probe/leaky.config.ts'), rootDir: root, reporter: [['blob']] },
      {},
    ),
  ).toBe(path.join(root, 'blob-report'));
});
