import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import { validateSummary } from '../../src/coverage/validate-summary';
import type { RunSummary } from '../../src/domain/run-summary';
import type { HistoryReport } from '../../src/history/history-model';

/**
 * The history from real runs (issue 29): three runs of the suite's resetToken tests against the embedded reference
 * server — clean, with fault `reset-token-201` (rule G1) on the middle one, clean again — stand for three nights
 * (their summaries are moved to three consecutive days: runs a minute apart would otherwise be one night's shards),
 * then `npm run history` builds the page as the nightly does. The grid must show G1 passed, failed, passed; the
 * middle night's failures new and the last night's fixed; the tests that failed as flipped. In chromium (when
 * /usr/bin/chromium exists) the page renders the same grid without fetching anything.
 */

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GREP = ['--grep', 'resetToken'];
const FAULT = 'reset-token-201';
const DAYS = ['2026-12-01', '2026-12-02', '2026-12-03'];
const run = promisify(execFile);

test('the history page from three real runs, a fault on the middle one: the grid shows G1 failed on that night only', async () => {
  test.setTimeout(10 * 60_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'history-system-'));
  const faults = [undefined, FAULT, undefined];
  for (const [i, fault] of faults.entries()) {
    const reportsDir = path.join(work, 'nights', `night-${i + 1}`);
    const result = await runSuite({ reportsDir, args: GREP, env: fault ? { REF_FAULT: fault } : {}, timeoutMs: 4 * 60_000 });
    expect(result.timedOut, `run ${i + 1} finished in time`).toBe(false);
    expect(result.exitCode, `run ${i + 1} (${fault ?? 'clean'})`).toBe(fault ? 1 : 0);
    moveToDay(path.join(reportsDir, 'summary.json'), DAYS[i] ?? '');
  }
  fs.writeFileSync(path.join(work, 'nights', 'foreign.json'), '{"not": "a summary"}');

  const out = path.join(work, 'history');
  const built = await run('npm', ['run', '--silent', 'history', '--', '--from', path.join(work, 'nights'), '--out', out], { cwd: ROOT });
  expect(built.stdout).toMatch(/history: 3 nights in 1 series/);
  expect(built.stderr).toMatch(/^history: skipped \S*foreign\.json: not a summary\.json \(no schemaVersion\)\n$/);

  const history = JSON.parse(fs.readFileSync(path.join(out, 'history.json'), 'utf8')) as HistoryReport;
  const series = history.series[0];
  if (!series) throw new Error('no series in history.json');
  expect(series.key).toBe('embedded reference server · API 20240415');
  expect(series.nights.map((n) => ({ day: n.day, status: n.status, G1: n.rules.G1 }))).toEqual([
    { day: DAYS[0], status: 'passed', G1: 'passed' },
    { day: DAYS[1], status: 'failed', G1: 'failed' },
    { day: DAYS[2], status: 'passed', G1: 'passed' },
  ]);
  const [first, middle, last] = series.nights;
  expect(first?.failures.new).toEqual([]);
  expect(middle?.failures.new.length, 'the fault night has new failures').toBeGreaterThan(0);
  expect(middle?.failures.new.every((k) => k.includes('resetToken') || /reset/i.test(k))).toBe(true);
  expect(last?.failures.fixed).toEqual(middle?.failures.new);
  expect(last?.failures.stillFailing).toEqual([]);
  const failedTests = new Set(middle?.failures.new.map((k) => k.slice(0, k.lastIndexOf(' — '))));
  expect(history.flipped.map((f) => f.test).sort()).toEqual([...failedTests].sort());
  expect(history.flipped.every((f) => f.flips === 2 && f.timeline === '.F.')).toBe(true);
  expect(first?.requests).toBeGreaterThan(0);
  expect(Object.keys(first?.latency ?? {})).toContain('resetToken');

  const html = fs.readFileSync(path.join(out, 'history.html'), 'utf8');
  for (const [i, state] of ['passed', 'failed', 'passed'].entries()) {
    expect(html).toContain(`data-rule="G1" data-day="${DAYS[i] ?? ''}" data-state="${state}"`);
  }

  test.skip(!fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: the page's render check needs Debian's chromium (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const fetched: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) fetched.push(req.url());
    });
    await page.goto(pathToFileURL(path.join(out, 'history.html')).href);
    await expect(page.locator('h1')).toHaveText(/the nightly over time/);
    const cell = (day: string): ReturnType<typeof page.locator> => page.locator(`td[data-rule="G1"][data-day="${day}"]`);
    await expect(cell(DAYS[0] ?? '')).toHaveAttribute('data-state', 'passed');
    await expect(cell(DAYS[1] ?? '')).toHaveAttribute('data-state', 'failed');
    await expect(cell(DAYS[1] ?? '')).toHaveText('✗');
    await expect(cell(DAYS[1] ?? '')).toBeVisible();
    // The inline SVG charts draw (latency, run time, requests): boxes with a size, not empty tags.
    const box = await page.locator('svg').first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    await expect(page.locator('tr.failures')).toHaveCount(2);
    expect(fetched, 'the page fetches nothing').toEqual([]);
    fs.mkdirSync(path.join(ROOT, 'reports', 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'reports', 'screenshots', 'history.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});

/** A run's summary moved to another day (same time of day), still a valid summary.json. */
function moveToDay(file: string, day: string): void {
  const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as RunSummary;
  const shift = (iso: string): string => `${day}${iso.slice(10)}`;
  summary.generatedAt = shift(summary.generatedAt);
  if (summary.startedAt) summary.startedAt = shift(summary.startedAt);
  expect(validateSummary(summary), `${file} is a valid summary.json`).toEqual([]);
  fs.writeFileSync(file, JSON.stringify(summary));
}
