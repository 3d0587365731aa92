/**
 * `npm run conformance [-- <playwright test args>]`: the suite (playwright.config.ts unless `--config` is given),
 * with every argument passed on to `playwright test` (`--forbid-only`, `--grep @smoke`, `--shard 1/2`, …), and
 * one documented exit code decided from this run's summary.json (src/harness/conformance-exit.ts):
 * 0 passed, 1 contract failure, 2 usage or configuration error, 3 environment failures only (an unreachable
 * target included), 130 interrupted. Without a summary of this run (`--list`, `--help`), Playwright's own code.
 *
 * Playwright runs in its own process group, so a Ctrl-C reaches it once, through this wrapper (a second Ctrl-C, half
 * a second or more later, is passed on too and still stops Playwright at once, as without the wrapper). One node
 * process (`node --require tsx/cjs`, no tsx CLI in between to relay the signal once more).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readReportsDir } from '../src/config/load-config';
import { runCommand } from '../src/cli/run-command';
import { conformanceExitCode, readThisRunsSummary, type ChildEnd } from '../src/harness/conformance-exit';

const ROOT = path.resolve(__dirname, '..');
const PLAYWRIGHT_CLI = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

/** Signals closer together than this are one Ctrl-C seen twice (the terminal's and npm's). */
const SAME_SIGNAL_MS = 500;

function hasConfig(args: readonly string[]): boolean {
  return args.some((a) => a === '-c' || a === '--config' || a.startsWith('--config='));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    [PLAYWRIGHT_CLI, 'test', ...(hasConfig(args) ? [] : ['--config', path.join(ROOT, 'playwright.config.ts')]), ...args],
    { stdio: 'inherit', detached: true },
  );
  // npm passes a terminal's Ctrl-C on to this process, which got it from the terminal too: one Ctrl-C can arrive twice
  // within milliseconds, and Playwright reads a second signal as "exit at once" (skipping the final sweep).
  let lastForwarded = 0;
  const forward = (signal: NodeJS.Signals): void => {
    if (!child.pid || Date.now() - lastForwarded < SAME_SIGNAL_MS) return;
    lastForwarded = Date.now();
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const end = await new Promise<ChildEnd>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let reportsDir: string;
  try {
    reportsDir = readReportsDir();
  } catch {
    return end.code ?? 130; // a bad LD_REPORTS_DIR: Playwright already said so (exit 2)
  }
  return conformanceExitCode(readThisRunsSummary(reportsDir, startedAt), end);
}

runCommand('conformance', main, { exitAtOnce: true });
