import fs from 'node:fs';
import path from 'node:path';
import type { RunErrorItem } from '../domain/run-summary';
import type { ShardId } from './shard-verdict';

/**
 * What stopped each shard of a sharded run, for the merge (issue 24.4: the run's own account on every exit). A
 * shard that stops in global set-up (an unreachable staging, a configuration error) runs no test, so its blob
 * holds none and the merge, seeing no test either, had nothing to decide its exit code from: it exited 0 and wrote
 * no summary. Each shard's coverage reporter leaves this small file next to its blob (uploaded with it, moved next
 * to the merge's reports by the nightly like hygiene-shard-*.json): its status and the run errors typed where they
 * were caught. Plain data, no secret: the run errors' messages are the ones summary.json already holds.
 */

export const SHARD_RUN_ERRORS_PREFIX = 'run-errors-shard-';

export interface ShardRunErrorsFile {
  shard: ShardId;
  /** The shard's summary.json status. */
  status: string;
  runErrors: RunErrorItem[];
}

export function shardRunErrorsFileName(shard: ShardId): string {
  return `${SHARD_RUN_ERRORS_PREFIX}${shard.current}-of-${shard.total}.json`;
}

export function writeShardRunErrors(dir: string, file: ShardRunErrorsFile): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, shardRunErrorsFileName(file.shard));
  fs.writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
  return target;
}

/**
 * The run errors of every shard in `dir`, each message prefixed with its shard, for a merged run in which no test
 * ran. A shard that left no file (it stopped before its reporters ran, or its blob was never uploaded) is an
 * environment failure of the run, named: the merge cannot say more, and must not say "passed". An unreadable file
 * is a run error (kind `run`), named.
 */
export function readShardRunErrors(dir: string): RunErrorItem[] {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(SHARD_RUN_ERRORS_PREFIX) && f.endsWith('.json'))
        .sort()
    : [];
  const errors: RunErrorItem[] = [];
  const seen = new Set<number>();
  let total = 0;
  for (const name of names) {
    const parsed = parseShardRunErrors(path.join(dir, name));
    if (typeof parsed === 'string') {
      errors.push({ phase: 'global set-up', kind: 'run', message: `${name}: ${parsed}` });
      continue;
    }
    seen.add(parsed.shard.current);
    total = Math.max(total, parsed.shard.total);
    for (const item of parsed.runErrors)
      errors.push({ ...item, message: `shard ${parsed.shard.current}/${parsed.shard.total}: ${item.message}` });
  }
  if (names.length === 0)
    errors.push({
      phase: 'global set-up',
      kind: 'environment',
      message: `no shard left its account (${SHARD_RUN_ERRORS_PREFIX}*.json in ${dir}): every shard stopped before its reporters ran, or none was uploaded`,
    });
  for (let current = 1; current <= total; current++)
    if (!seen.has(current))
      errors.push({
        phase: 'global set-up',
        kind: 'environment',
        message: `shard ${current}/${total} left no account (${shardRunErrorsFileName({ current, total })}): it stopped before its reporters ran, or it was not uploaded`,
      });
  return errors;
}

function parseShardRunErrors(file: string): ShardRunErrorsFile | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return `unreadable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  if (typeof parsed !== 'object' || parsed === null) return 'not a JSON object';
  const { shard, status, runErrors } = parsed as Partial<ShardRunErrorsFile>;
  const shardOk =
    typeof shard === 'object' &&
    shard !== null &&
    Number.isInteger(shard.current) &&
    Number.isInteger(shard.total) &&
    shard.current >= 1 &&
    shard.current <= shard.total;
  if (!shardOk || typeof status !== 'string' || !Array.isArray(runErrors)) return 'not a shard account (shard, status, runErrors)';
  const items = runErrors.filter(
    (e: unknown): e is RunErrorItem =>
      typeof e === 'object' &&
      e !== null &&
      ((e as RunErrorItem).kind === 'environment' || (e as RunErrorItem).kind === 'run') &&
      ['configuration', 'global set-up', 'global teardown'].includes((e as RunErrorItem).phase) &&
      typeof (e as RunErrorItem).message === 'string' &&
      ((e as RunErrorItem).cause === undefined || (e as RunErrorItem).cause === 'configuration'),
  );
  return { shard, status, runErrors: items };
}
