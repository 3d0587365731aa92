import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';

/**
 * The reporters of a conformance run, shared by playwright.config.ts (a single run) and merge.config.ts
 * (merging sharded blob reports), so both write the same outputs. Our reporters are named by absolute path, so
 * a config elsewhere (a system test's probe) can use the list too. The redacting reporter must stay FIRST: every
 * reporter after it reads the errors it redacted (redacting-reporter.ts). The coverage reporter must stay before 'html': it attaches coverage.html to
 * the results the html reporter renders (see coverage-reporter.ts). The hygiene reporter must stay LAST: it
 * scans every file the others wrote in their onEnd for the run's secrets (H2, hygiene-reporter.ts).
 */
/** Also named on the command line where a `--reporter` flag replaces this list (the nightly's shards: `--reporter <it>,blob,<hygiene>`). */
export const REDACTING_REPORTER = path.join(__dirname, 'redacting-reporter.ts');
/** Last, also after `blob` on a shard's command line: it scans the blob zip and leaves the shard's H1/H2 verdict next to it. */
export const HYGIENE_REPORTER = path.join(__dirname, 'hygiene-reporter.ts');

/**
 * `merged`: merge-reports (merge.config.ts), where H1/H2 are the shards' verdicts (hygiene-reporter.ts) and a failed
 * verdict (latency, strict expectations, H1/H2) is thrown to fail the merge job.
 */
export function conformanceReporters(reportsDir: string, options: { merged?: boolean } = {}): ReporterDescription[] {
  return [
    [REDACTING_REPORTER],
    [process.env.CI ? 'dot' : 'list'],
    ['junit', { outputFile: path.join(reportsDir, 'junit.xml') }],
    ['json', { outputFile: path.join(reportsDir, 'conformance.json') }],
    [path.join(__dirname, 'coverage-reporter.ts'), { outputDir: reportsDir, ...(options.merged ? { merged: true } : {}) }],
    ['html', { outputFolder: path.join(reportsDir, 'html'), open: 'never' }],
    [HYGIENE_REPORTER, { outputDir: reportsDir, ...(options.merged ? { merged: true } : {}) }],
  ];
}
