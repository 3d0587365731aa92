import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite } from '@playwright/test/reporter';
import { ENVIRONMENT_MARKER } from '../domain/failure-kinds';
import {
  ConfigError,
  parseLatencyThresholds,
  readApiVersion,
  readEnvironment,
  readReportsDir,
  type LatencyThresholds,
} from '../config/load-config';
import { readSpecDrift } from '../spec/spec-drift-file';
import { buildCoverage, type CoverageReport } from '../coverage/coverage-model';
import { loadDocumentedStatuses } from '../coverage/documented-statuses';
import { renderCoverageConsole } from '../coverage/render-coverage-console';
import { renderCoverageHtml } from '../coverage/render-coverage-html';
import { renderSummaryConsole, renderSummaryHtml, renderSummaryMarkdown } from '../coverage/render-summary';
import {
  appendStepSummary,
  buildSummaryForRun,
  renderReportPaths,
  writeStoppedSummary,
  writeSummaryFiles,
  type SummaryOutcome,
} from './summary-writer';
import { stoppedRunStatus } from '../domain/run-status';
import type { RunContext } from '../coverage/run-summary';
import { readRunTarget } from '../config/run-target';
import { toTestRecord } from '../coverage/test-records';
import { notJudged, readH1Verdict } from '../hygiene/outside-verdict';
import { readRunErrors } from '../hygiene/run-errors';
import { readShardRunErrors, writeShardRunErrors } from '../hygiene/shard-run-errors';
import type { ShardId } from '../hygiene/shard-verdict';
import type { RunErrorItem } from '../domain/run-summary';
import { applyOutsideVerdicts } from '../coverage/outside-rules';
import { userFacingError } from '../config/user-facing-error';
import { findBlobReportDir } from './blob-output';

/** H2's state in coverage.json until the hygiene reporter (after the html reporter) has scanned every artifact. */
export const H2_PENDING = 'not judged yet: the artifact scan runs after every report is written (hygiene reporter, listed last)';

export interface CoverageReporterOptions {
  /** Where coverage.json and coverage.html go (default LD_REPORTS_DIR, else `reports`). */
  outputDir?: string;
  /** The HTML reporter's folder; coverage.html is copied next to its index.html (default `<outputDir>/html`). */
  htmlReportDir?: string;
  /** Project root holding schemas/ and specs/ (default: this repository, found from this file). */
  rootDir?: string;
  /** Attach coverage.html to every test result so the HTML report links it (default true). */
  attachToHtmlReport?: boolean;
  /** merge-reports (merge.config.ts): a failed verdict is thrown, since merge-reports ignores a returned status. */
  merged?: boolean;
  /** The command line (default process.argv): `--list` runs nothing, so it writes no summary either. */
  argv?: readonly string[];
}

export const COVERAGE_ATTACHMENT = 'coverage.html';

/**
 * Builds the spec-coverage matrix from what the run observed: the `contract-observations`
 * attachments and `rule` annotations of every test. Works the same in a live run and in
 * `merge-reports` (both hand reporters the same TestCase objects), which is how sharded runs get
 * one matrix.
 *
 * HTML report: Playwright's html reporter wipes its folder and renders in its own onEnd, and calls
 * reporters in config order. So this reporter must be listed BEFORE 'html': in onEnd it writes
 * coverage.html and adds it as an attachment to every test's last result (the html reporter then
 * copies it once, content-addressed, into its data/ folder and lists it under each test's
 * attachments); in onExit, which runs after every reporter's onEnd, it also copies coverage.html
 * next to the html report's index.html, so `html/coverage.html` is a stable address.
 */
export default class CoverageReporter implements Reporter {
  private readonly outputDir: string;
  private readonly htmlReportDir: string;
  private readonly rootDir: string;
  private readonly attach: boolean;
  private readonly merged: boolean;
  private readonly listOnly: boolean;
  /** Why this reporter failed the run (one line), for merge-reports, where only a thrown error fails the job. */
  private failReason: string | undefined;
  private suite: Suite | undefined;
  private report: CoverageReport | undefined;
  /** This run wrote summary.json (a full one, or a stopped run's): onExit names the reports and appends summary.md. */
  private wroteSummary = false;
  /** A blob reporter is on the list: this run is a shard the merge reports for (no step summary here). */
  private partOfMerge = false;
  /** A shard's blob folder and its place: its run errors go there for the merge (src/hygiene/shard-run-errors.ts). */
  private blobDir: string | null = null;
  private shard: ShardId = { current: 1, total: 1 };

  constructor(options: CoverageReporterOptions = {}) {
    // Named on a command line without options (a nightly shard's `--reporter …,blob,<this>,…`): LD_REPORTS_DIR, as the
    // hygiene reporter and `npm run conformance` (which reads the summary from there) have it.
    this.outputDir = path.resolve(options.outputDir ?? readReportsDir());
    this.htmlReportDir = path.resolve(options.htmlReportDir ?? path.join(this.outputDir, 'html'));
    this.rootDir = path.resolve(options.rootDir ?? path.join(__dirname, '..', '..'));
    this.attach = options.attachToHtmlReport ?? true;
    this.merged = options.merged ?? false;
    this.listOnly = (options.argv ?? process.argv).includes('--list');
  }

  printsToStdio(): boolean {
    // Only a short table at the end: let Playwright keep its own progress reporter.
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.suite = suite;
    // A nightly shard (`--reporter …,blob,<this>,…`): its summary.json decides the shard's exit code, but the merge
    // appends the merged summary.md to the step summary, once; a shard appending its own would show a part twice.
    this.blobDir = !this.merged && Array.isArray(config.reporter) ? findBlobReportDir(config) : null;
    this.partOfMerge = this.blobDir !== null;
    if (config.shard) this.shard = { current: config.shard.current, total: config.shard.total };
  }

  onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    // Playwright always gives both; a reporter driven by hand (unit tests) may not.
    const run: RunContext = {
      startedAt: result.startTime instanceof Date ? result.startTime : null,
      durationMs: Number.isFinite(result.duration) ? Math.round(result.duration) : null,
      target: readRunTarget(readEnvironment(), { merged: this.merged }),
    };
    const outcome = this.writeCoverage(result.status, run);
    // merge-reports ignores the status a reporter returns and exits 1 only after a reporter error (Playwright 1.65
    // cli mergeReports), so the nightly's merge job would stay green on a slow staging or a strict-expectations
    // failure: there the verdict is thrown, one line, after every file is written (the later reporters still run).
    if (this.merged && outcome?.status === 'failed')
      throw userFacingError(`coverage reporter: the merged run failed: ${this.failReason ?? 'see above'}`);
    return Promise.resolve(outcome);
  }

  private writeCoverage(status: FullResult['status'], run: RunContext): { status?: FullResult['status'] } | undefined {
    if (!this.suite) return undefined;
    const tests = this.suite.allTests();
    // `--list` (and a run stopped before any test started) calls onEnd with result-less tests:
    // nothing was observed, and overwriting the last real matrix with an empty one would mislead. A stopped run
    // still writes its own summary.json/.md saying what stopped it: an earlier run's must never stand as this one's.
    if (!tests.some((test) => test.results.length > 0)) {
      if (this.merged) return this.writeStoppedMerge(status, run);
      if (!this.listOnly) this.writeStoppedRun(status, run);
      return undefined;
    }
    const problems: string[] = [];
    const records = tests.map((test) => toTestRecord(test, problems));
    let documented;
    let latencyThresholds: LatencyThresholds | null;
    let apiVersion: string;
    try {
      documented = loadDocumentedStatuses(this.rootDir);
      // Read here, not from a run's config: merge-reports judges the merged shards the same way.
      latencyThresholds = parseLatencyThresholds(readEnvironment());
      // The run's workers read the same variable (global set-up refused a bad one before any request).
      apiVersion = readApiVersion(readEnvironment());
    } catch (error) {
      // No matrix is a broken report, not a footnote: say why in one line and fail the run.
      const message = error instanceof Error ? error.message : String(error);
      this.failReason = error instanceof ConfigError ? `Configuration error: ${message}` : message;
      process.stderr.write(`coverage reporter: ${this.failReason}\n`);
      return { status: 'failed' };
    }
    const specDrift = readSpecDrift(this.outputDir, problems);
    const report = buildCoverage(records, documented, { latencyThresholds, specDrift, apiVersion });
    report.problems.push(...problems);
    // H1 from the outside: global teardown (which runs before any reporter's onEnd) listed the run's prefix after
    // its final sweep. H2 is judged after every report is written, by the hygiene reporter (listed last).
    applyOutsideVerdicts(report, {
      H1: readH1Verdict(this.outputDir, process.env.LD_RUN_ID),
      H2: notJudged(H2_PENDING),
    });
    this.report = report;
    let outcome: SummaryOutcome;
    try {
      outcome = buildSummaryForRun(report, records, status, readRunErrors(this.outputDir, process.env.LD_RUN_ID), process.cwd(), run);
    } catch (error) {
      // A bad LD_EXPECTATIONS / LD_BASELINE at merge time: one line, and the run cannot be judged green.
      this.failReason = `Configuration error: ${error instanceof Error ? error.message : String(error)}`;
      process.stderr.write(`coverage reporter: ${this.failReason}\n`);
      return { status: 'failed' };
    }

    fs.mkdirSync(this.outputDir, { recursive: true });
    const htmlFile = path.join(this.outputDir, 'coverage.html');
    fs.writeFileSync(path.join(this.outputDir, 'coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(htmlFile, renderCoverageHtml(report, renderSummaryHtml(outcome.summary)));
    writeSummaryFiles(this.outputDir, outcome.summary, renderSummaryMarkdown(outcome.summary));
    this.wroteSummary = true;
    this.leaveShardAccount(outcome.summary.status, outcome.summary.runErrors);

    if (this.attach) {
      for (const test of tests) {
        const last = test.results[test.results.length - 1];
        if (!last || last.attachments.some((a) => a.name === COVERAGE_ATTACHMENT)) continue;
        last.attachments.push({ name: COVERAGE_ATTACHMENT, contentType: 'text/html', path: htmlFile });
      }
    }
    process.stdout.write(renderCoverageConsole(report));
    for (const problem of problems.slice(0, 10)) process.stdout.write(`  coverage problem: ${problem}\n`);
    process.stdout.write(renderSummaryConsole(outcome.summary));
    if (outcome.failRun) process.stderr.write(`${outcome.failRun}\n`);
    // A slow target fails the run (as an environment failure, see coverage-model.ts), also when every test passed.
    const reasons = [
      ...(report.latency.breaches.length > 0
        ? [`${ENVIRONMENT_MARKER} the target is slower than LD_LATENCY_P95_MS allows: ${report.latency.breaches.join('; ')}`]
        : []),
      ...(outcome.failRun ? [outcome.failRun] : []),
    ];
    if (reasons.length === 0) return undefined;
    this.failReason = reasons.join('; ');
    return { status: 'failed' };
  }

  /** No test ran: the summary says what stopped the run, from the errors global set-up recorded with their type. */
  private writeStoppedRun(status: FullResult['status'], run: RunContext): void {
    const runErrors = readRunErrors(this.outputDir, process.env.LD_RUN_ID);
    let apiVersion: string | null;
    try {
      apiVersion = readApiVersion(readEnvironment());
    } catch {
      apiVersion = null; // a bad LD_API_VERSION: global set-up's run error says so
    }
    const summary = writeStoppedSummary(this.outputDir, { status: stoppedRunStatus(status, runErrors), runErrors, apiVersion, run });
    this.wroteSummary = true;
    this.leaveShardAccount(summary.status, runErrors);
    process.stdout.write(`Run stopped before any test ran: ${summary.status} (summary.json status)\n`);
  }

  /** A shard: its status and run errors next to its blob, for a merge in which no test ran (readShardRunErrors). */
  private leaveShardAccount(status: string, runErrors: readonly RunErrorItem[]): void {
    if (this.blobDir === null) return;
    const file = writeShardRunErrors(this.blobDir, { shard: this.shard, status, runErrors: [...runErrors] });
    process.stdout.write(`Shard ${this.shard.current}/${this.shard.total} account for the merge: ${path.relative(process.cwd(), file)}\n`);
  }

  /**
   * merge-reports with no test result in any blob: every shard stopped (or none left a blob). The merged run's own
   * account says what stopped the shards, from their run-errors-shard-*.json (moved next to the reports like the
   * hygiene verdicts), with the stopped run's status — config-error, unreachable — so `npm run report:merge` exits
   * 2 or 3 as `npm run conformance` did on the shards; thrown as well, since merge-reports ignores a returned status.
   */
  private writeStoppedMerge(status: FullResult['status'], run: RunContext): never {
    const runErrors = readShardRunErrors(this.outputDir);
    let apiVersion: string | null;
    try {
      apiVersion = readApiVersion(readEnvironment());
    } catch {
      apiVersion = null;
    }
    const summary = writeStoppedSummary(this.outputDir, { status: stoppedRunStatus(status, runErrors), runErrors, apiVersion, run });
    this.wroteSummary = true;
    throw userFacingError(
      `coverage reporter: no shard ran a test: ${summary.status} (summary.json status) — ${runErrors.map((e) => e.message.split('\n')[0]).join('; ')}`,
    );
  }

  onExit(): Promise<void> {
    if (this.report && fs.existsSync(path.join(this.htmlReportDir, 'index.html'))) {
      fs.copyFileSync(path.join(this.outputDir, 'coverage.html'), path.join(this.htmlReportDir, 'coverage.html'));
    }
    if (this.wroteSummary) {
      // After every reporter's onEnd (the hygiene reporter rewrites summary.md with H1/H2): the final file, once.
      if (!this.partOfMerge) appendStepSummary(this.outputDir);
      // The console's last lines: where this run's reports are.
      process.stdout.write(renderReportPaths(this.outputDir, this.htmlReportDir, this.report !== undefined));
    }
    return Promise.resolve();
  }
}
