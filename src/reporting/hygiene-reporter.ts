import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter } from '@playwright/test/reporter';
import { loadConfig } from '../config/load-config';
import { scanArtifactsForSecrets, type ScannedSecret } from '../hygiene/judge-h2';
import { notJudged, type OutsideVerdict } from '../hygiene/outside-verdict';
import { readSecrets, removeSecretStore } from '../hygiene/secret-store';
import type { CoverageReport } from './coverage-model';
import { applyOutsideVerdicts, renderOutsideConsole } from './outside-rules';
import { renderCoverageHtml } from './render-coverage-html';
import { renderSummaryHtml, renderSummaryMarkdown } from './render-summary';
import { SUMMARY_FILE, type RunSummary } from './run-summary';
import { writeSummaryFiles } from './summary-writer';

export interface HygieneReporterOptions {
  /** The reports directory (coverage.json, summary.json; default `reports`). */
  outputDir?: string;
  /** The HTML reporter's folder (default `<outputDir>/html`). */
  htmlReportDir?: string;
}

/**
 * H2 judged from the outside, at the very end of the run (src/hygiene/judge-h2.ts), reported as the rule's
 * result. MUST be the last reporter: Playwright calls the reporters' onEnd one after the other in config order
 * (its Multiplexer), after global teardown; JUnit, JSON, coverage and HTML write their files in their onEnd, so
 * here every one of them is finished and can be scanned. What it changes afterwards is built only from data
 * that holds no secret (counts, artifact paths, kinds of secret), so rewriting coverage.json/coverage.html/
 * summary.json with the verdict cannot put a secret into them.
 *
 * A secret found makes the run fail (onEnd's status), with one line per artifact: which artifact, which kind
 * of secret, never the secret. The run's secret store is removed here, found or not, also after a failure or
 * Ctrl-C (Playwright still calls onEnd then).
 *
 * Not judged here: merged shards (`merge-reports` has no secret store: each shard's secrets lived and died
 * with the shard, which ran with `--reporter blob`), and runs whose reporters were replaced on the command line.
 */
export default class HygieneReporter implements Reporter {
  private readonly outputDir: string;
  private readonly htmlReportDir: string;
  /** Files older than this are not this run's artifacts. Reporters are built before global setup starts. */
  private readonly startedAt = Date.now();
  private roots: string[] = [];

  constructor(options: HygieneReporterOptions = {}) {
    this.outputDir = path.resolve(options.outputDir ?? 'reports');
    this.htmlReportDir = path.resolve(options.htmlReportDir ?? path.join(this.outputDir, 'html'));
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    // The reports directory and every project's output directory (test-results: attachments, curl lines).
    this.roots = [this.outputDir, ...config.projects.map((p) => path.resolve(p.outputDir))];
  }

  onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const storeDir = process.env.LD_SECRET_STORE;
    try {
      return Promise.resolve(this.judge(result.status, storeDir));
    } finally {
      if (storeDir) removeSecretStore(storeDir);
    }
  }

  private judge(status: FullResult['status'], storeDir: string | undefined): { status?: FullResult['status'] } | undefined {
    const coverageFile = path.join(this.outputDir, 'coverage.json');
    // No matrix written by this run (`--list`, a run stopped before any test): nothing to report the rule in.
    if (!fs.existsSync(coverageFile) || fs.statSync(coverageFile).mtimeMs < this.startedAt - 1000) return undefined;
    const verdict = this.scan(storeDir);
    this.report(verdict, status);
    if (verdict.state === 'failed') {
      process.stderr.write(`H2 failed: a secret of this run is in ${verdict.problems.length} artifact(s) — ${verdict.problems[0] ?? ''}\n`);
      return { status: 'failed' };
    }
    return undefined;
  }

  private scan(storeDir: string | undefined): OutsideVerdict {
    if (!storeDir) return notJudged('no secret store in this process: a merged report (each shard\'s secrets were removed with it) or a run without global setup');
    const stored = readSecrets(storeDir);
    const configured = readConfiguredToken();
    const secrets: ScannedSecret[] | null = stored === null ? null : [...(configured ? [{ kind: 'configured' as const, secret: configured.value }] : []), ...stored];
    const result = scanArtifactsForSecrets({
      roots: this.roots,
      since: this.startedAt,
      secrets,
      configuredName: configured?.name ?? 'the configured token',
      baseDir: this.outputDir,
    });
    if (result.verdict.state !== 'not-judged') result.verdict.summary += ` (${result.durationMs} ms)`;
    return result.verdict;
  }

  /** Folds the verdict into coverage.json, coverage.html (both copies), summary.json/.md and the console. */
  private report(h2: OutsideVerdict, status: FullResult['status']): void {
    const coverageFile = path.join(this.outputDir, 'coverage.json');
    const report = JSON.parse(fs.readFileSync(coverageFile, 'utf8')) as CoverageReport;
    applyOutsideVerdicts(report, { H1: report.outside?.H1 ?? notJudged('no end-of-run listing'), H2: h2 });
    const summaryFile = path.join(this.outputDir, SUMMARY_FILE);
    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as RunSummary;
    summary.outside = report.outside;
    if (h2.state === 'failed' || report.outside?.H1.state === 'failed') summary.status = status === 'interrupted' ? status : 'failed';

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

/** The configured token and how a person knows it (never printed: only its variable's name is). */
function readConfiguredToken(): { name: string; value: string } | null {
  try {
    const config = loadConfig();
    return { name: config.target === 'remote' ? 'LD_ACCESS_TOKEN' : 'LD_EMBEDDED_ADMIN_TOKEN', value: config.accessToken };
  } catch {
    return null;
  }
}
