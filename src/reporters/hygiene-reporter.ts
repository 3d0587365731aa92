import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter } from '@playwright/test/reporter';
import { loadConfig, readReportsDir } from '../config/load-config';
import { userFacingError } from '../config/user-facing-error';
import { scanArtifactsForSecrets, type ScannedSecret } from '../hygiene/judge-h2';
import { notJudged, readH1Verdict, type OutsideVerdict, type OutsideVerdicts } from '../hygiene/outside-verdict';
import { combineShardVerdicts, writeShardVerdict, type ShardId } from '../hygiene/shard-verdict';
import { readSecrets, removeSecretStore } from '../secrets/secret-store';
import { findBlobReportDir, findFreshBlobZip } from './blob-output';
import type { CoverageReport } from '../coverage/coverage-model';
import { applyOutsideVerdicts, renderOutsideConsole } from '../coverage/outside-rules';
import { renderCoverageHtml } from '../coverage/render-coverage-html';
import { renderSummaryHtml, renderSummaryMarkdown } from '../coverage/render-summary';
import { SUMMARY_FILE } from '../coverage/run-summary';
import type { RunSummary } from '../domain/run-summary';
import { writeSummaryFiles } from './summary-writer';

export interface HygieneReporterOptions {
  /** The reports directory (coverage.json, summary.json; default LD_REPORTS_DIR, else `reports`). */
  outputDir?: string;
  /** The HTML reporter's folder (default `<outputDir>/html`). */
  htmlReportDir?: string;
  /**
   * merge-reports (merge.config.ts): no secret store and no end-of-run listing here; H1 and H2 are the shards'
   * verdicts (hygiene-shard-*.json, moved next to the merge's reports by the nightly), combined.
   */
  merged?: boolean;
}

/**
 * H1 and H2 judged from the outside, at the very end of the run (src/hygiene/judge-h2.ts), reported as the rules'
 * result. MUST be the last reporter: Playwright calls the reporters' onEnd one after the other in list order
 * (its Multiplexer, awaiting each), after global teardown; JUnit, JSON, coverage, HTML and blob write their files
 * in their onEnd, so here every one of them is finished and can be scanned. What it changes afterwards is built
 * only from data that holds no secret (counts, artifact paths, kinds of secret), so rewriting coverage.json/
 * coverage.html/summary.json with the verdict cannot put a secret into them.
 *
 * Three places it reports to:
 * - a run that wrote coverage.json (the config's reporters): the verdicts go into coverage.json/html, summary.*;
 * - a shard (the nightly's `--reporter redacting,blob,hygiene`): the blob zip is scanned too, and the verdicts
 *   go into `hygiene-shard-<n>-of-<m>.json` next to the zip, uploaded with it (src/hygiene/shard-verdict.ts);
 * - merge-reports (`merged`): the shards' verdict files, combined, are the merged run's verdicts.
 *
 * A secret found makes the run fail (onEnd's status), with one line per artifact: which artifact, which kind
 * of secret, never the secret. The run's secret store is removed here, found or not, also after a failure or
 * Ctrl-C (Playwright still calls onEnd then).
 */
export default class HygieneReporter implements Reporter {
  private readonly outputDir: string;
  private readonly htmlReportDir: string;
  private readonly merged: boolean;
  /** Files older than this are not this run's artifacts. Reporters are built before global setup starts. */
  private readonly startedAt = Date.now();
  private roots: string[] = [];
  private blobDir: string | null = null;
  private shard: ShardId = { current: 1, total: 1 };

  constructor(options: HygieneReporterOptions = {}) {
    this.outputDir = options.outputDir ? path.resolve(options.outputDir) : readReportsDir();
    this.htmlReportDir = path.resolve(options.htmlReportDir ?? path.join(this.outputDir, 'html'));
    this.merged = options.merged ?? false;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    // The reports directory and every project's output directory (test-results: attachments, curl lines).
    this.roots = [this.outputDir, ...config.projects.map((p) => path.resolve(p.outputDir))];
    if (this.merged) return;
    this.blobDir = findBlobReportDir(config);
    if (this.blobDir) this.roots.push(this.blobDir);
    if (config.shard) this.shard = { current: config.shard.current, total: config.shard.total };
  }

  onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const storeDir = process.env.LD_SECRET_STORE;
    try {
      return Promise.resolve(this.merged ? this.judgeMerged(result.status) : this.judge(result.status, storeDir));
    } finally {
      if (storeDir) removeSecretStore(storeDir);
    }
  }

  private judge(status: FullResult['status'], storeDir: string | undefined): { status?: FullResult['status'] } | undefined {
    const wroteCoverage = this.wroteCoverage();
    // Nowhere to report (`--list`, a run stopped before any test, reporters without coverage or blob).
    if (!wroteCoverage && !this.blobDir) return undefined;
    const blobZip = this.blobDir ? findFreshBlobZip(this.blobDir, this.startedAt) : null;
    const h2 =
      this.blobDir && !blobZip
        ? notJudged(
            `the blob reporter wrote no report in ${this.blobDir} before this reporter ran (list the hygiene reporter after blob), so the blob was not scanned`,
          )
        : this.scan(storeDir);
    const h1 = readH1Verdict(this.outputDir, process.env.LD_RUN_ID);
    if (this.blobDir) {
      const file = writeShardVerdict(this.blobDir, {
        runId: process.env.LD_RUN_ID ?? '',
        shard: this.shard,
        blobReport: blobZip,
        H1: h1,
        H2: h2,
      });
      process.stdout.write(
        `Shard ${this.shard.current}/${this.shard.total} hygiene verdict for the merge: ${path.relative(process.cwd(), file)}\n`,
      );
      if (!wroteCoverage) process.stdout.write(renderOutsideConsole({ H1: h1, H2: h2 }));
    }
    if (wroteCoverage) this.report({ H2: h2 }, status);
    return this.failOn(h2);
  }

  /**
   * merge-reports: the shards' verdicts are the merged run's. merge-reports ignores the status a reporter's onEnd
   * returns (its exit code is 1 only after a reporter error: Playwright 1.65 cli/reportActions.js mergeReports), so a
   * failed rule is thrown, message only, to make the merge job fail.
   */
  private judgeMerged(status: FullResult['status']): { status?: FullResult['status'] } | undefined {
    if (!this.wroteCoverage()) return undefined;
    const verdicts = combineShardVerdicts(this.outputDir, process.env.LD_RUN_ID);
    this.report(verdicts, status);
    const failed = (['H1', 'H2'] as const).filter((id) => verdicts[id].state === 'failed');
    if (failed.length === 0) return undefined;
    this.failOn(verdicts.H2);
    throw userFacingError(
      `${failed.join(' and ')} failed from the outside in the merged shards: ${failed.map((id) => verdicts[id].problems[0] ?? verdicts[id].summary).join('; ')}`,
    );
  }

  private failOn(h2: OutsideVerdict): { status?: FullResult['status'] } | undefined {
    if (h2.state !== 'failed') return undefined;
    process.stderr.write(`H2 failed: a secret of this run is in ${h2.problems.length} artifact(s) — ${h2.problems[0] ?? ''}\n`);
    return { status: 'failed' };
  }

  /** coverage.json written by this run: a matrix to report the rules in. */
  private wroteCoverage(): boolean {
    const coverageFile = path.join(this.outputDir, 'coverage.json');
    return fs.existsSync(coverageFile) && fs.statSync(coverageFile).mtimeMs >= this.startedAt - 1000;
  }

  private scan(storeDir: string | undefined): OutsideVerdict {
    if (!storeDir) return notJudged('no secret store in this process: a run without global setup');
    const stored = readSecrets(storeDir);
    const configured = readConfiguredTokens();
    const secrets: ScannedSecret[] | null =
      stored === null ? null : [...configured.map((c) => ({ kind: 'configured' as const, secret: c.value })), ...stored];
    const result = scanArtifactsForSecrets({
      roots: this.roots,
      since: this.startedAt,
      secrets,
      configuredName: configured.length > 0 ? configured.map((c) => c.name).join(' or ') : 'the configured token',
      baseDir: commonAncestor(this.roots),
    });
    if (result.verdict.state !== 'not-judged') result.verdict.summary += ` (${result.durationMs} ms)`;
    return result.verdict;
  }

  /** Folds the verdicts into coverage.json, coverage.html (both copies), summary.json/.md and the console. */
  private report(verdicts: Partial<OutsideVerdicts> & { H2: OutsideVerdict }, status: FullResult['status']): void {
    const coverageFile = path.join(this.outputDir, 'coverage.json');
    const report = JSON.parse(fs.readFileSync(coverageFile, 'utf8')) as CoverageReport;
    applyOutsideVerdicts(report, { H1: verdicts.H1 ?? report.outside?.H1 ?? notJudged('no end-of-run listing'), H2: verdicts.H2 });
    const summaryFile = path.join(this.outputDir, SUMMARY_FILE);
    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as RunSummary;
    summary.outside = report.outside;
    if (report.outside?.H2.state === 'failed' || report.outside?.H1.state === 'failed')
      summary.status = status === 'interrupted' ? status : 'failed';

    const htmlFile = path.join(this.outputDir, 'coverage.html');
    const before = fs.existsSync(htmlFile) ? fs.readFileSync(htmlFile) : null;
    const html = renderCoverageHtml(report, renderSummaryHtml(summary));
    fs.writeFileSync(coverageFile, `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(htmlFile, html);
    writeSummaryFiles(this.outputDir, summary, renderSummaryMarkdown(summary));
    // The HTML report holds coverage.html as an attachment stored by content hash (data/<sha1>.html): the
    // copy the coverage reporter attached is brought up to date in place (the coverage reporter's onExit
    // copies the new one next to index.html).
    if (before) {
      const attached = path.join(this.htmlReportDir, 'data', `${createHash('sha1').update(before).digest('hex')}.html`);
      if (fs.existsSync(attached)) fs.writeFileSync(attached, html);
    }
    if (report.outside) process.stdout.write(renderOutsideConsole(report.outside));
  }
}

/** Artifact paths in findings are relative to the deepest folder holding every root (reports/ alone: as before). */
function commonAncestor(dirs: readonly string[]): string {
  const split = dirs.map((d) => path.resolve(d).split(path.sep));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return first.slice(0, n).join(path.sep) || path.sep;
}

/**
 * The configured tokens — the admin token and, when given, the other member's (B6) — and how a person knows each
 * (never printed: only its variable's name is).
 */
function readConfiguredTokens(): { name: string; value: string }[] {
  try {
    const config = loadConfig();
    const remote = config.target === 'remote';
    const tokens = [{ name: remote ? 'LD_ACCESS_TOKEN' : 'LD_EMBEDDED_ADMIN_TOKEN', value: config.accessToken }];
    if (config.otherMemberToken)
      tokens.push({ name: remote ? 'LD_OTHER_MEMBER_TOKEN' : 'LD_EMBEDDED_OTHER_MEMBER_TOKEN', value: config.otherMemberToken });
    return tokens;
  } catch {
    return [];
  }
}
