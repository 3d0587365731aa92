import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { stopChildOnAbort, throwIfInterrupted, InterruptedError } from '../../../src/harness/interrupt';
import { estimateRemainingMs, formatDuration, Progress } from '../../../src/harness/progress';

test.describe('formatDuration', () => {
  const rows: { given: number; want: string }[] = [
    { given: 0, want: '0.0s' },
    { given: 870, want: '0.9s' },
    { given: 12_400, want: '12s' },
    { given: 59_600, want: '1m00s' },
    { given: 65_000, want: '1m05s' },
    { given: 119_600, want: '2m00s' },
    { given: 7_380_000, want: '2h03m' },
  ];
  for (const { given, want } of rows) test(`${given} ms → ${want}`, () => expect(formatDuration(given)).toBe(want));
});

test.describe('estimateRemainingMs', () => {
  const rows: { given: [number, number, number]; want: number | null }[] = [
    { given: [0, 0, 10], want: null },
    { given: [10_000, 1, 10], want: 90_000 },
    { given: [30_000, 3, 4], want: 10_000 },
    { given: [30_000, 4, 4], want: 0 },
  ];
  for (const { given, want } of rows) test(`${given.join(', ')} → ${want}`, () => expect(estimateRemainingMs(...given)).toBe(want));
});

test('Progress prints [k/N], the elapsed time and what is left, one line per step', () => {
  let now = 1_000;
  const lines: string[] = [];
  const progress = new Progress(3, { write: (line) => lines.push(line), now: () => now });
  now += 20_000;
  progress.step('detected  patch-ignored');
  now += 40_000;
  progress.step('MISSED    get-token-hangs');
  now += 30_000;
  progress.step('passed    clean');
  expect(lines).toEqual([
    '[1/3] detected  patch-ignored  (elapsed 20s, ~40s left)',
    '[2/3] MISSED    get-token-hangs  (elapsed 1m00s, ~30s left)',
    '[3/3] passed    clean  (elapsed 1m30s, done)',
  ]);
});

test('an aborted signal stops a running child with SIGINT and throws InterruptedError between steps', async () => {
  const controller = new AbortController();
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  const detach = stopChildOnAbort(child, controller.signal, { detached: false, graceMs: 5_000 });
  expect(() => throwIfInterrupted(controller.signal)).not.toThrow();
  controller.abort(new InterruptedError('test interrupted'));
  expect(await closed).toBe('SIGINT');
  detach();
  expect(() => throwIfInterrupted(controller.signal)).toThrow(InterruptedError);
});
