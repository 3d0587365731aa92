/**
 * Builds and writes reports/summary.json (+ summary.md for CI step summaries) at the end of a run or of
 * merge-reports: reads LD_EXPECTATIONS / LD_EXPECTATIONS_STRICT / LD_BASELINE itself (merge-reports has no
 * target, so it cannot go through loadConfig) and loads their files, compares with the baseline and decides whether unmatched
 * entries, or entries whose reason is still TODO, fail the run (strict mode only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readApiVersion, readEnvironment, readReportsDir, readRunComparisonSettings } from '../config/load-config';
import { compareWithBaseline } from '../expectations/baseline';
import { loadRunComparison } from '../expectations/load-run-comparison';
import type { CoverageReport, TestRecord } from '../coverage/coverage-model';
import { renderSummaryMarkdown } from '../coverage/render-summary';
import {
  buildRunSummary,
  buildStoppedSummary,
  SUMMARY_FILE,
  UNKNOWN_RUN_CONTEXT,
  type RunContext,
  type StoppedRunInput,
} from '../coverage/run-summary';
import { readRunTarget } from '../config/run-target';
import type { RunErrorItem, RunStatus, RunSummary } from '../domain/run-summary';

export const SUMMARY_MARKDOWN_FILE = 'summary.md';

export interface SummaryOutcome {
  summary: RunSummary;
  /** Set when the summary changes the run's verdict (strict mode with unmatched entries or TODO reasons). */
  failRun: string | null;
}

/** Throws ConfigError (one line) when a variable or the baseline is bad. */
export function buildSummaryForRun(
  report: CoverageReport,
  records: readonly TestRecord[],
  status: RunStatus,
  runErrors: readonly RunErrorItem[] = [],
  cwd: string = process.cwd(),
  run: RunContext = UNKNOWN_RUN_CONTEXT,
): SummaryOutcome {
  const settings = readRunComparisonSettings(readEnvironment(cwd));
  const loaded = loadRunComparison(settings);
  const expectations = loaded.expectations ? { ...loaded.expectations, strict: settings.expectationsStrict } : null;
  const base = buildRunSummary({ report, records, status, expectations, runErrors, run });
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
  fs.writeFileSync(path.join(outputDir, SUMMARY_MARKDOWN_FILE), markdown);
}

/**
 * A run in which no test ran (configuration error, unreachable target, nothing matched): its own summary.json and
 * summary.md, replacing an earlier run's, which must never be read as this run's.
 */
export function writeStoppedSummary(outputDir: string, input: StoppedRunInput): RunSummary {
  const summary = buildStoppedSummary(input);
  writeSummaryFiles(outputDir, summary, renderSummaryMarkdown(summary));
  return summary;
}

/**
 * With GITHUB_STEP_SUMMARY set (GitHub Actions), appends this run's summary.md to the job's step summary: once per
 * run, by the coverage reporter's onExit (after the hygiene reporter's last rewrite), or by playwright.config.ts for
 * a configuration error it stops at. A shard (blob reporter, no coverage reporter) appends nothing: the merge does.
 */
export function appendStepSummary(outputDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const target = env.GITHUB_STEP_SUMMARY?.trim();
  const file = path.join(outputDir, SUMMARY_MARKDOWN_FILE);
  if (!target || !fs.existsSync(file)) return false;
  fs.appendFileSync(target, `${fs.readFileSync(file, 'utf8').replace(/\n*$/, '')}\n\n`);
  return true;
}

/**
 * The console's last lines: where this run's reports are (relative to the working directory). `coverage` false when
 * no test ran (no matrix was written for this run).
 */
export function renderReportPaths(outputDir: string, htmlReportDir: string, coverage: boolean, cwd: string = process.cwd()): string {
  const rel = (file: string): string => displayPath(file, cwd);
  const html = path.join(htmlReportDir, 'index.html');
  return [
    'Reports:',
    `  HTML report:  ${fs.existsSync(html) ? rel(html) : `none (no HTML report in ${rel(htmlReportDir)})`}`,
    `  coverage:     ${coverage ? rel(path.join(outputDir, 'coverage.html')) : 'none for this run (no test ran)'}`,
    `  summary:      ${rel(path.join(outputDir, SUMMARY_FILE))} (for people: ${rel(path.join(outputDir, SUMMARY_MARKDOWN_FILE))})`,
    '',
  ].join('\n');
}

/**
 * playwright.config.ts refused a variable (exit 2, before global set-up and before any reporter): this run's
 * summary.json says `config-error` with the message, in place of an earlier run's; returns the words that end the
 * console's one line with its path. When LD_REPORTS_DIR itself is what was refused, there is no directory to write
 * to, and nothing is written (the console line and exit 2 say it).
 */
export function recordConfigurationStop(message: string, env: NodeJS.ProcessEnv = process.env): string {
  let outputDir: string;
  try {
    outputDir = readReportsDir(env);
  } catch {
    return '';
  }
  let apiVersion: string | null;
  try {
    apiVersion = readApiVersion(env);
  } catch {
    apiVersion = null;
  }
  const runErrors: RunErrorItem[] = [
    { phase: 'configuration', kind: 'run', message: `Configuration error: ${message}`, cause: 'configuration' },
  ];
  // Playwright has not started: no start time or duration; the target as far as the variables say.
  const run: RunContext = { startedAt: null, durationMs: null, target: readRunTarget(env) };
  writeStoppedSummary(outputDir, { status: 'config-error', runErrors, apiVersion, run });
  appendStepSummary(outputDir, env);
  // The end of the caller's one line, not a line of its own: a bad variable is one line.
  return ` (summary: ${displayPath(path.join(outputDir, SUMMARY_FILE))}, status config-error)`;
}

/** A path under the working directory relative to it, any other absolute. */
function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
