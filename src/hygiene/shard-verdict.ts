import fs from 'node:fs';
import path from 'node:path';
import { notJudged, type OutsideState, type OutsideVerdict, type OutsideVerdicts } from './outside-verdict';

/**
 * H1 and H2 of a sharded run (the nightly: each shard on its own machine, `merge-reports` on a third). A shard's
 * secret store and end-of-run listing die with its machine, so each shard judges both itself — the hygiene
 * reporter, listed after `blob`, once the blob zip is written — and leaves this small verdict file next to the
 * blob (uploaded with it). The merge reads every shard's file and reports the rules' result for the merged run.
 * Plain data, no secret: counts, artifact paths and kinds of secret, like every outside verdict.
 */

export const SHARD_VERDICT_PREFIX = 'hygiene-shard-';

export interface ShardId {
  current: number;
  total: number;
}

export interface ShardVerdictFile extends OutsideVerdicts {
  /** The shard's run id (`<LD_RUN_ID>-s<n>` when sharded). */
  runId: string;
  shard: ShardId;
  /** The blob report the H2 scan opened, relative to the blob directory. */
  blobReport: string | null;
}

export function shardVerdictFileName(shard: ShardId): string {
  return `${SHARD_VERDICT_PREFIX}${shard.current}-of-${shard.total}.json`;
}

export function writeShardVerdict(dir: string, verdict: ShardVerdictFile): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, shardVerdictFileName(verdict.shard));
  fs.writeFileSync(file, `${JSON.stringify(verdict, null, 2)}\n`);
  return file;
}

/**
 * The shards' verdicts for a merged report, from `dir` (the nightly moves them there from the downloaded blobs).
 * With a run id (the nightly's LD_RUN_ID, shared by its shards), a file of another run is set aside, named.
 */
export function combineShardVerdicts(dir: string, runId: string | undefined): OutsideVerdicts {
  const found: ShardVerdictFile[] = [];
  const notes: string[] = [];
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(SHARD_VERDICT_PREFIX) && f.endsWith('.json'))
        .sort()
    : [];
  for (const name of names) {
    const parsed = parseShardVerdict(path.join(dir, name));
    if (typeof parsed === 'string') notes.push(`${name}: ${parsed}`);
    else if (runId && parsed.runId !== runId && parsed.runId !== `${runId}-s${parsed.shard.current}`)
      notes.push(`${name} belongs to another run (${parsed.runId}), not to ${runId}`);
    else found.push(parsed);
  }
  if (found.length === 0) {
    const why = notes.length ? notes.join('; ') : `no ${SHARD_VERDICT_PREFIX}*.json in ${dir}`;
    const reason = `no shard's verdict (${why}): each shard must run the hygiene reporter after blob, and the merge must find the files next to its reports (nightly.yml)`;
    return { H1: notJudged(reason), H2: notJudged(reason) };
  }
  const total = Math.max(...found.map((v) => v.shard.total));
  const missing: string[] = [];
  for (let current = 1; current <= total; current++) {
    if (!found.some((v) => v.shard.current === current))
      missing.push(`shard ${current}/${total} left no verdict (${shardVerdictFileName({ current, total })})`);
  }
  return { H1: combineRule(found, 'H1', [...missing, ...notes]), H2: combineRule(found, 'H2', [...missing, ...notes]) };
}

/** Any shard failed → failed; else a missing or unjudged shard → not-judged (never passed); else passed. */
function combineRule(found: readonly ShardVerdictFile[], rule: 'H1' | 'H2', gaps: readonly string[]): OutsideVerdict {
  const label = (v: ShardVerdictFile): string => `shard ${v.shard.current}/${v.shard.total}`;
  const failed = found.filter((v) => v[rule].state === 'failed');
  if (failed.length > 0) {
    return {
      state: 'failed',
      summary: `${failed.map((v) => `${label(v)} failed: ${v[rule].summary}`).join('; ')} (${found.length} shard verdict(s) read)`,
      problems: failed.flatMap((v) => v[rule].problems.map((p) => `${label(v)}: ${p}`)),
    };
  }
  const unjudged = found.filter((v) => v[rule].state === 'not-judged').map((v) => `${label(v)} not judged: ${v[rule].summary}`);
  if (gaps.length > 0 || unjudged.length > 0) return notJudged([...gaps, ...unjudged].join('; '));
  return { state: 'passed', summary: found.map((v) => `${label(v)}: ${v[rule].summary}`).join('; '), problems: [] };
}

function parseShardVerdict(file: string): ShardVerdictFile | string {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ShardVerdictFile>;
    const shard = raw.shard;
    if (!shard || !Number.isInteger(shard.current) || !Number.isInteger(shard.total) || shard.current < 1 || shard.current > shard.total)
      return 'no valid shard';
    const H1 = parseVerdict(raw.H1);
    const H2 = parseVerdict(raw.H2);
    if (!H1 || !H2) return 'no valid H1/H2 verdict';
    return {
      runId: String(raw.runId ?? ''),
      shard: { current: shard.current, total: shard.total },
      blobReport: typeof raw.blobReport === 'string' ? raw.blobReport : null,
      H1,
      H2,
    };
  } catch (error) {
    return `unreadable (${error instanceof Error ? error.message : String(error)})`;
  }
}

const STATES: readonly OutsideState[] = ['passed', 'failed', 'not-judged'];

function parseVerdict(value: unknown): OutsideVerdict | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<OutsideVerdict>;
  if (!STATES.includes(v.state as OutsideState)) return null;
  return {
    state: v.state as OutsideState,
    summary: String(v.summary ?? ''),
    problems: Array.isArray(v.problems) ? v.problems.map(String) : [],
  };
}
