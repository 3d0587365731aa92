/**
 * What `npm run docs` generates and where: the README keeps one failure example and a one-line figure
 * each for coverage, self-check and benchmarks; the full tables live in docs/. `npm run docs:check`
 * checks the same list: the failure examples must be exactly what the checks
 * render today; a measured page missing a rule, operation or fault of today's catalogue is a warning
 * (an error with --strict) — the figures themselves change with each machine and run.
 */
import type { BenchResult } from '../bench/bench-result';
import { formatBenchReport } from '../bench/format-report';
import { FAULT_IDS } from '../server/faults';
import { OPERATION_IDS } from '../domain/operations';
import type { CoverageReport } from '../coverage/coverage-model';
import { FAILURE_EXAMPLES, renderFailureExamplesMarkdown } from './failure-examples';
import { renderBenchHeadline, renderCoverageHeadline, renderSelfCheckHeadline } from './render-headlines';
import { renderBenchMarkdown, renderCoverageMarkdown, renderSelfCheckMarkdown } from '../coverage/render-markdown';
import { RULES } from '../domain/rules';

export interface GeneratedSection {
  /** The file holding the `<!-- BEGIN GENERATED: section -->` markers, relative to the repo root. */
  file: string;
  section: string;
  /** The report it is rendered from (relative to LD_REPORTS_DIR); none: rendered from the code alone. */
  report?: string;
  render: (doc: unknown) => string;
  /** Strings the page must contain to be current with today's code (a rule id, a fault id, …). */
  mustMention?: () => string[];
}

export const GENERATED_SECTIONS: readonly GeneratedSection[] = [
  { file: 'README.md', section: 'failure-example', render: () => renderFailureExamplesMarkdown(FAILURE_EXAMPLES.slice(0, 1)) },
  { file: 'docs/reading-failures.md', section: 'failure-examples', render: () => renderFailureExamplesMarkdown(FAILURE_EXAMPLES) },
  { file: 'README.md', section: 'coverage-headline', report: 'coverage.json', render: (doc) => renderCoverageHeadline(asCoverageReport(doc)) },
  { file: 'README.md', section: 'self-check-headline', report: 'self-check.json', render: renderSelfCheckHeadline },
  { file: 'README.md', section: 'bench-headline', report: 'bench.json', render: renderBenchHeadline },
  {
    file: 'docs/coverage.md',
    section: 'coverage',
    report: 'coverage.json',
    render: (doc) => renderCoverageMarkdown(asCoverageReport(doc)),
    mustMention: () => [...RULES.map((r) => `**${r.id}**`), ...OPERATION_IDS.map((op) => `\`${op}\``)],
  },
  { file: 'docs/self-check.md', section: 'self-check', report: 'self-check.json', render: renderSelfCheckMarkdown, mustMention: () => FAULT_IDS.map((id) => `\`${id}\``) },
  {
    file: 'docs/benchmarks.md',
    section: 'bench',
    report: 'bench.json',
    // The verdicts as a table, then every measurement exactly as `npm run bench` printed it.
    render: (doc) => `${renderBenchMarkdown(doc)}\n\n\`\`\`text\n${formatBenchReport(doc as BenchResult).trim()}\n\`\`\``,
  },
];

function asCoverageReport(doc: unknown): CoverageReport {
  const ok = typeof doc === 'object' && doc !== null && Array.isArray((doc as { operations?: unknown }).operations);
  if (!ok) throw new Error('coverage.json has no "operations" array: is it from this suite\'s coverage reporter?');
  return doc as CoverageReport;
}
