import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runBarePlaywright } from '../../../src/bench/bare-playwright';
import { InterruptedError } from '../../../src/harness/interrupt';

/** Processes other than this one whose environment holds `marker` (the bare run inherits it: Playwright and its workers). */
function processesWith(marker: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) continue;
      found.push(`${entry} ${fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim()}`);
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}

/**
 * Ctrl-C during the bench's bare-Playwright floor: the bench's AbortSignal stops the Playwright run (and its
 * workers, in its process group), runBarePlaywright rejects with InterruptedError instead of reporting a
 * "floor exited 130" measurement, and the reference server it started is closed.
 */
test('runBarePlaywright stops its Playwright run and workers when the bench is interrupted', async () => {
  test.skip(process.platform !== 'linux', 'reads /proc to find leftover processes');
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-interrupt-'));
  const marker = `BARE_INTERRUPT_TEST=${path.basename(dir)}`;
  const [key, value] = marker.split('=') as [string, string];
  process.env[key] = value;
  const controller = new AbortController();
  try {
    // Two tests × 30 requests at 1 s latency: the run would take ≥ 30 s, so the abort lands mid-run. Long enough
    // that "stopped" stays provable when SIGINT is slow and the SIGKILL after the 10 s grace does it (seen once,
    // in CI's unit run on a fresh clone: 10.04 s; alone it takes about 3 s).
    const requests = Array.from({ length: 30 }, () => ({ operationId: 'getTokens' as const, status: 200 }));
    const run = runBarePlaywright({
      server: { latencyMs: 1_000 },
      tests: [
        { title: 'one', requests, waitMs: 0 },
        { title: 'two', requests, waitMs: 0 },
      ],
      workers: 2,
      dir,
      signal: controller.signal,
    });
    const outcome = run.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    // Abort once the Playwright workers are running (the runner + at least one worker carry the marker).
    await expect
      .poll(() => processesWith(marker).filter((p) => p.includes('workerProcessEntry')).length, { timeout: 60_000, intervals: [100] })
      .toBeGreaterThan(0);
    const abortedAt = Date.now();
    controller.abort(new InterruptedError('bench was interrupted (SIGINT)'));
    const result = await outcome;
    const tookMs = Date.now() - abortedAt;
    expect(result, 'rejects with the interruption, not a measurement or a "floor exited" error').toBeInstanceOf(InterruptedError);
    expect(tookMs, 'stops well before the 30 s the run would take (by SIGINT, or SIGKILL after the 10 s grace)').toBeLessThan(15_000);
    await expect.poll(() => processesWith(marker), { timeout: 5_000, message: 'processes left behind' }).toEqual([]);
  } finally {
    delete process.env[key];
    for (const p of processesWith(marker)) {
      try {
        process.kill(Number(p.split(' ')[0]), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
