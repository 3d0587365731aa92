/**
 * `npm run --silent report:latency [coverage.json]`: prints the target's latency per operation (p50 / p95 /
 * max, count and the LD_LATENCY_P95_MS verdict) from a run's or a merged run's coverage.json as Markdown,
 * for a CI step summary (`>> "$GITHUB_STEP_SUMMARY"`). Exit 0 whatever the verdict: the run itself already
 * failed on a breach; exit 2 with one line when the report is missing or unreadable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineCommand, exitOnUsageError, formatUsage, parseFlags } from '../src/cli/parse-flags';
import type { CoverageReport } from '../src/coverage/coverage-model';
import { renderLatencyMarkdown } from '../src/coverage/render-markdown';
import { readReportsDir } from '../src/config/load-config';

const LATENCY_FLAGS = defineCommand({
  name: 'report:latency',
  command: 'npm run --silent report:latency',
  flags: {},
  positionals: [{ name: 'coverage.json', description: "the run's coverage report (default: $LD_REPORTS_DIR/coverage.json)" }],
});

function main(): number {
  const { positionals } = exitOnUsageError(LATENCY_FLAGS, () => parseFlags(LATENCY_FLAGS, process.argv.slice(2)));
  const file = path.resolve(positionals[0] ?? path.join(readReportsDir(), 'coverage.json'));
  let report: Partial<CoverageReport>;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CoverageReport>;
  } catch (error) {
    process.stderr.write(
      `report:latency: cannot read ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n${formatUsage(LATENCY_FLAGS)}\n`,
    );
    return 2;
  }
  if (!report.latency || !Array.isArray(report.latency.operations)) {
    process.stderr.write(`report:latency: ${file} has no "latency" field (written by an older version of the suite?)\n`);
    return 2;
  }
  process.stdout.write(`${renderLatencyMarkdown(report.latency)}\n`);
  return 0;
}

process.exitCode = main();
