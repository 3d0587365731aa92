/**
 * The one-line figures the README shows for coverage, self-check and benchmarks; the full generated
 * tables live in docs/coverage.md, docs/self-check.md and docs/benchmarks.md (scripts/update-readme.ts).
 */
import type { CoverageReport } from '../coverage/coverage-model';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function renderCoverageHeadline(report: CoverageReport): string {
  const cells = report.operations.flatMap((o) => o.cells);
  const validated = cells.filter((c) => c.state === 'validated').length;
  const s = report.summary;
  return (
    `**${validated} of ${cells.length}** documented operation × status pairs exercised and validated ` +
    `(each one left is explained), **${s.rulesChecked}/${s.rulesTotal}** behaviour rules checked, ` +
    `${s.tests.total} tests, ${s.contractFailures} contract failures against the embedded server.`
  );
}

export function renderSelfCheckHeadline(doc: unknown): string {
  if (!isRecord(doc) || !isRecord(doc.score)) return 'No self-check result recorded yet: run `npm run self-check`, then `npm run docs`.';
  const { detected, total, ratio } = doc.score;
  const percent = typeof ratio === 'number' ? `${(ratio * 100).toFixed(1)}%` : '?';
  const date = typeof doc.generatedAt === 'string' ? ` (run ${doc.generatedAt.slice(0, 10)})` : '';
  return `Mutation score **${String(detected)}/${String(total)} = ${percent}** of the reference server's injected faults caught by a contract failure${date}.`;
}

export function renderBenchHeadline(doc: unknown): string {
  if (!isRecord(doc) || !Array.isArray(doc.targets)) return 'No benchmark recorded yet: run `npm run bench`, then `npm run docs`.';
  const targets = doc.targets.filter(isRecord);
  const met = targets.filter((t) => t.verdict === 'PASS');
  const missed = targets.filter((t) => t.verdict !== 'PASS').map((t) => String(t.id));
  const machine = isRecord(doc.machine) ? ` on ${String(doc.machine.cores)} cores${typeof doc.machine.startedAt === 'string' ? `, ${doc.machine.startedAt.slice(0, 10)}` : ''}` : '';
  return `**${met.length} of ${targets.length}** performance targets met${machine}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}.`;
}
