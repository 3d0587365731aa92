/**
 * Builds and writes reports/summary.json (+ summary.md for CI step summaries) at the end of a run or of
 * merge-reports: reads LD_EXPECTATIONS / LD_EXPECTATIONS_STRICT / LD_BASELINE itself (merge-reports has no
 * target, so it cannot go through loadConfig) and loads their files, compares with the baseline and decides whether unmatched
 * entries, or entries whose reason is still TODO, fail the run (strict mode only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readEnvironment, readRunComparisonSettings } from '../config/load-config';
import { compareWithBaseline } from '../expectations/baseline';
import { loadRunComparison } from '../expectations/load-run-comparison';
import type { CoverageReport, TestRecord } from '../coverage/coverage-model';
import { buildRunSummary, SUMMARY_FILE } from '../coverage/run-summary';
import type { RunErrorItem, RunSummary } from '../domain/run-summary';

export interface SummaryOutcome {
  summary: RunSummary;
  /** Set when the summary changes the run's verdict (strict mode with unmatched entries or TODO reasons). */
  failRun: string | null;
}

/** Throws ConfigError (one line) when a variable or the baseline is bad. */
export function buildSummaryForRun(
  report: CoverageReport,
  records: readonly TestRecord[],
  status: string,
  runErrors: readonly RunErrorItem[] = [],
  cwd: string = process.cwd(),
): SummaryOutcome {
  const settings = readRunComparisonSettings(readEnvironment(cwd));
  const loaded = loadRunComparison(settings);
  const expectations = loaded.expectations ? { ...loaded.expectations, strict: settings.expectationsStrict } : null;
  const base = buildRunSummary({ report, records, status, expectations, runErrors });
  const summary: RunSummary = { ...base };
  if (loaded.baseline) {
    const ran = new Set(records.filter((r) => r.status !== 'skipped').map((r) => r.title));
    summary.baseline = compareWithBaseline(base, loaded.baseline.summary, ran, loaded.baseline.dir);
  }
  const failRun = settings.expectationsStrict ? strictFailure(summary.knownDeviations) : null;
  // The run fails on either (the coverage reporter returns 'failed'; merge-reports gets a thrown line): the summary
  // says so too, or a nightly alerting on summary.json would read a slow staging as a green night.
  if (failRun || report.latency.breaches.length > 0) summary.status = 'failed';
  return { summary, failRun };
}

/** Strict mode's verdict as one line (the reporter prints it and fails the run with it), or null. */
function strictFailure(kd: RunSummary['knownDeviations']): string | null {
  const parts: string[] = [];
  const unmatched = kd.unmatched.length;
  if (unmatched > 0)
    parts.push(
      `${unmatched} known-deviation entr${unmatched === 1 ? 'y' : 'ies'} matched nothing in this run (fixed? remove ${unmatched === 1 ? 'it' : 'them'})`,
    );
  const todo = kd.todo.length;
  if (todo > 0)
    parts.push(
      `${todo} known-deviation entr${todo === 1 ? 'y' : 'ies'} of ${kd.file ?? ''} still ha${todo === 1 ? 's' : 've'} the TODO reason (${kd.todo.map((d) => d.entry).join(', ')}): write why ${todo === 1 ? 'it is' : 'they are'} accepted`,
    );
  return parts.length > 0 ? `LD_EXPECTATIONS_STRICT=1: ${parts.join('; ')}` : null;
}

export function writeSummaryFiles(outputDir: string, summary: RunSummary, markdown: string): void {
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(path.join(outputDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  fs.writeFileSync(path.join(outputDir, 'summary.md'), markdown);
}
