/**
 * Prints the closing `N passed, N failed` line of a CI run by adding up the stats of every
 * Playwright JSON report that `npm test` wrote. A step that failed outside a test runner
 * (typecheck, lint, schema drift, self-check) is counted as one failure, so a red run can never
 * print "0 failed".
 */
import path from 'node:path';
import { readInteger } from '../src/cli/flag-values';
import { defineCommand, exitOnUsageError, parseFlags } from '../src/cli/parse-flags';
import { readPlaywrightReportIfPresent, type ReportStats } from '../src/harness/playwright-report';
import { readReportsDir } from '../src/config/load-config';

const REPORTS = [
  'unit.json',
  'conformance.json',
  'system.json',
  'flake-check/repeat/conformance.json',
  'flake-check/throttled/conformance.json',
];

function readStats(file: string): ReportStats | null {
  return readPlaywrightReportIfPresent(file)?.stats ?? null;
}

const CI_SUMMARY_FLAGS = defineCommand({
  name: 'ci-summary',
  command: 'tsx scripts/ci-summary.ts',
  flags: {},
  positionals: [{ name: 'exit-status', description: 'the exit status of npm test (default 0)' }],
});

const { positionals } = exitOnUsageError(CI_SUMMARY_FLAGS, () => parseFlags(CI_SUMMARY_FLAGS, process.argv.slice(2)));
const exitStatus = exitOnUsageError(CI_SUMMARY_FLAGS, () => readInteger(positionals[0] ?? '0', 'exit-status', { min: 0, max: 255 }));
const reportsDir = readReportsDir();
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of REPORTS) {
  const stats = readStats(path.join(reportsDir, name));
  if (!stats) {
    console.log(`ci-summary: ${name}: no report (step not reached or not part of this run)`);
    continue;
  }
  // A flaky test passed on retry; retries are 0 here, so any flaky count is a failure of the run.
  const runFailed = stats.unexpected + stats.flaky;
  console.log(`ci-summary: ${name}: ${stats.expected} passed, ${runFailed} failed, ${stats.skipped} skipped`);
  passed += stats.expected;
  failed += runFailed;
  skipped += stats.skipped;
}
if (exitStatus !== 0 && failed === 0) {
  console.log(`ci-summary: npm test exited ${exitStatus} in a step outside the test runners`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
