import fs from 'node:fs';
import path from 'node:path';

/**
 * The `--reporter` list of the nightly's shard step, read from .github/workflows/nightly.yml itself, so a system
 * test that runs shards as the nightly does cannot drift from it (it used to keep a copy of its own). Null when the
 * step names none: the caller fails saying so.
 */
export function nightlyShardReporters(root: string): string | null {
  const workflow = fs.readFileSync(path.join(root, '.github', 'workflows', 'nightly.yml'), 'utf8');
  const line = workflow.split('\n').find((l) => l.includes('npm run conformance') && l.includes('--shard'));
  return (line ? /--reporter[ =](\S+)/.exec(line)?.[1] : undefined) ?? null;
}
