/**
 * `npm run report:merge -- <blob-dir> [merge-reports args]`: `playwright merge-reports --config merge.config.ts`, exiting
 * with the documented codes of `npm run conformance` (src/harness/conformance-exit.ts) decided from the merged
 * summary.json: 0 passed, 1 contract failure, 2 configuration, 3 environment failures only. merge-reports' own exit
 * is 0 after a merged run with contract failures (it ignores the status reporters return), so the nightly's merge job
 * could not say what the shards found. Without a summary written by this merge (no blob report), merge-reports' code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readReportsDir } from '../src/config/load-config';
import { runCommand } from '../src/cli/run-command';
import { conformanceExitCode, readThisRunsSummary, type ChildEnd } from '../src/harness/conformance-exit';

const ROOT = path.resolve(__dirname, '..');
const PLAYWRIGHT_CLI = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

async function main(): Promise<number> {
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    [PLAYWRIGHT_CLI, 'merge-reports', '--config', path.join(ROOT, 'merge.config.ts'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  const end = await new Promise<ChildEnd>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let reportsDir: string;
  try {
    reportsDir = readReportsDir();
  } catch {
    return end.code ?? 130; // a bad LD_REPORTS_DIR: merge.config.ts already said so (exit 2)
  }
  return conformanceExitCode(readThisRunsSummary(reportsDir, startedAt), end);
}

runCommand('report:merge', main);
