import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { killGroup } from '../../src/harness/run-suite';

const REPO = path.resolve(__dirname, '../..');

/** Processes (pid → command line) whose environment holds `marker`: the command and everything it started. */
function processesWith(marker: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) continue;
      found.set(Number(entry), fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim());
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}

/**
 * Ctrl-C means stop: `npm run flake-check` is interrupted while its first suite run (Playwright, its
 * workers and the embedded reference server Playwright started) is going. The terminal's SIGINT goes
 * to the command's process group; the command must exit soon with 130 and leave no process behind —
 * not the Playwright runner in its own group, not a worker, not the reference server.
 */
test('Ctrl-C during npm run flake-check stops every child run and leaves no process behind', async () => {
  test.skip(process.platform !== 'linux', 'reads /proc to find leftover processes');
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interrupt-command-'));
  const marker = `LD_REPORTS_DIR=${reportsDir}`;
  const env: NodeJS.ProcessEnv = { ...process.env, LD_REPORTS_DIR: reportsDir };
  for (const key of ['LD_BASE_URL', 'LD_ACCESS_TOKEN', 'LD_EMBEDDED_PORT', 'LD_EMBEDDED_ADMIN_TOKEN', 'LD_RUN_ID', 'CI']) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/flake-check.ts', '--repeat-each', '1'], {
    cwd: REPO,
    env,
    detached: true, // its own process group, like a command started from a terminal
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    // Wait until the suite run is under way: the embedded reference server is up and tests are running.
    await expect
      .poll(() => [...processesWith(marker).values()].some((cmd) => cmd.includes('scripts/serve.ts')), {
        timeout: 90_000,
        intervals: [200],
        message: `the suite run started:\n${output.slice(-1500)}`,
      })
      .toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const before = processesWith(marker);
    expect(before.size, 'the command, Playwright, its workers and the server were running').toBeGreaterThanOrEqual(4);

    const signalledAt = Date.now();
    killGroup(child.pid, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000))]);
    const tookMs = Date.now() - signalledAt;
    expect(code, `the command exits by itself after Ctrl-C:\n${output.slice(-2000)}`).not.toBe('hung');
    expect(code, output.slice(-1500)).toBe(130);
    expect(output).toContain('flake-check: SIGINT: stopping the runs in progress');
    // Give killed processes a moment to be reaped, then nothing of the command may be left.
    await expect
      .poll(() => [...processesWith(marker).entries()].map(([pid, cmd]) => `${pid} ${cmd}`), {
        timeout: 5_000,
        message: 'processes left behind',
      })
      .toEqual([]);
    console.log(`flake-check stopped ${tookMs} ms after SIGINT; ${before.size} processes were running, none left`);
    test
      .info()
      .annotations.push({ type: 'interrupt', description: `exit 130 ${tookMs} ms after SIGINT; ${before.size} processes before, 0 after` });
  } finally {
    killGroup(child.pid, 'SIGKILL');
    for (const pid of processesWith(marker).keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
});
