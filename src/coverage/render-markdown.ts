import type { CoverageReport } from './coverage-model';
import { formatMs, type LatencyReport } from './latency';

/**
 * Markdown tables for README's generated sections. Inputs other than coverage.json come from other
 * scripts (self-check, bench) whose exact shape may grow, so those renderers accept any JSON and
 * pick the most table-like view of it instead of failing on a new field.
 */

export function renderMarkdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderCoverageMarkdown(report: CoverageReport): string {
  const statuses = [...new Set(report.operations.flatMap((o) => o.cells.map((c) => c.status)))].sort((a, b) => a - b);
  const mark = { validated: '✔', failed: '✘', 'known-deviation': '≈', 'not-reached': '–' } as const;
  const rows = report.operations.map((op) => [
    `\`${op.operationId}\``,
    ...statuses.map((status) => {
      const cell = op.cells.find((c) => c.status === status);
      return cell ? mark[cell.state] : '';
    }),
    op.undocumented.map((u) => String(u.status)).join(', ') || 'none',
  ]);
  const s = report.summary;
  const notRun = report.rules.filter((r) => r.state === 'not-run').map((r) => r.id);
  // Why each unreached documented status stays unreached (from unreachable.ts), so "–" is never unexplained.
  const notReached = report.operations.flatMap((op) =>
    op.cells
      .filter((c) => c.state === 'not-reached')
      .map((c) => `- \`${op.operationId}\` ${c.status}: ${c.reason ?? 'not reached by this run (no reason on record)'}`),
  );
  const ruleRows = report.rules.map((rule) => [
    `**${rule.id}**`,
    rule.title,
    rule.state,
    String(rule.tests.length),
    rule.tests[0] ? `${rule.tests[0].title}${rule.tests.length > 1 ? ` (+${rule.tests.length - 1} more)` : ''}` : '—',
  ]);
  return [
    renderMarkdownTable(['operation', ...statuses.map(String), 'undocumented seen'], rows),
    '',
    `✔ exercised and validated · ✘ exercised and failed · – not reached · blank: not documented. ` +
      `Tests: ${s.tests.total} (${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped); ` +
      `contract failures: ${s.contractFailures}, environment failures: ${s.environmentFailures}; ` +
      `rules checked: ${s.rulesChecked}/${s.rulesTotal}${notRun.length ? ` (not run: ${notRun.join(', ')})` : ''}.`,
    ...(notReached.length ? ['', 'Not reached, and why:', '', ...notReached] : []),
    '',
    'Behaviour rules (specs/behaviour.md) and the tests that checked them:',
    '',
    renderMarkdownTable(['rule', 'title', 'state', 'tests', 'for example'], ruleRows),
  ].join('\n');
}

/** The target's latency per operation (e.g. for a CI step summary), with the LD_LATENCY_P95_MS verdicts. */
export function renderLatencyMarkdown(latency: LatencyReport): string {
  const rows = latency.operations.map((o) => [
    `\`${o.operationId}\``,
    String(o.count),
    formatMs(o.p50Ms),
    formatMs(o.p95Ms),
    formatMs(o.maxMs),
    o.thresholdMs === null
      ? 'no threshold'
      : o.breached
        ? `✘ over ${formatMs(o.thresholdMs)} ms`
        : `✔ within ${formatMs(o.thresholdMs)} ms`,
  ]);
  const verdict = latency.breaches.length
    ? `**Environment failure**: the target is slower than LD_LATENCY_P95_MS allows: ${latency.breaches.join('; ')}.`
    : 'Latency: no LD_LATENCY_P95_MS breach.';
  return [
    '### Target latency',
    '',
    renderMarkdownTable(['operation', 'responses', 'p50 ms', 'p95 ms', 'max ms', 'p95 threshold'], rows),
    '',
    verdict,
  ].join('\n');
}

/** Any JSON as a table: an array of objects, the first array-of-objects property, or key/value pairs. */
export function renderJsonAsMarkdown(doc: unknown): string {
  const rows = findRowList(doc);
  if (rows) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => rows.some((r) => isScalar(r[k])));
    return renderMarkdownTable(
      columns,
      rows.map((r) => columns.map((c) => formatScalar(r[c]))),
    );
  }
  if (isRecord(doc)) {
    const entries = Object.entries(doc).filter(([, v]) => isScalar(v));
    return renderMarkdownTable(
      ['key', 'value'],
      entries.map(([k, v]) => [k, formatScalar(v)]),
    );
  }
  return renderMarkdownTable(['value'], [[formatScalar(doc)]]);
}

function findRowList(doc: unknown): Record<string, unknown>[] | undefined {
  if (isRowList(doc)) return doc;
  if (!isRecord(doc)) return undefined;
  for (const value of Object.values(doc)) if (isRowList(value)) return value;
  return undefined;
}

function isRowList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isRecord);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value) || isScalarList(value);
}

function isScalarList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
}

function formatScalar(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (isScalarList(value)) return value.map((v) => formatScalar(v)).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * reports/self-check.json (scripts/self-check.ts): the mutation score, then one row per injected
 * fault and per clean run. Falls back to the generic table when the shape is not recognised.
 */
export function renderSelfCheckMarkdown(doc: unknown): string {
  if (!isRecord(doc) || !Array.isArray(doc.faults) || !isRecord(doc.score)) return renderJsonAsMarkdown(doc);
  const score = doc.score;
  const ratio = typeof score.ratio === 'number' ? `${(score.ratio * 100).toFixed(1)}%` : '?';
  const faults = doc.faults.filter(isRecord);
  const clean = Array.isArray(doc.clean) ? doc.clean.filter(isRecord) : [];
  const lines = [
    `Mutation score: **${formatScalar(score.detected)}/${formatScalar(score.total)} = ${ratio}** of the reference server's injected faults detected` +
      (typeof doc.generatedAt === 'string' ? ` (run ${doc.generatedAt.slice(0, 10)})` : '') +
      '.',
    '',
    renderMarkdownTable(
      ['fault', 'what the faulty server does', 'family', 'rule', 'detected', 'first test that caught it'],
      faults.map((f) => [
        `\`${formatScalar(f.name)}\``,
        formatScalar(f.description),
        formatScalar(f.family),
        formatScalar(f.rule),
        typeof f.undetectableByDesign === 'string' ? `n/a (${f.undetectableByDesign})` : f.detected === true ? 'yes' : '**NO**',
        Array.isArray(f.by) && f.by.length > 0 ? formatScalar(f.by[0]) : '—',
      ]),
    ),
  ];
  if (clean.length) {
    lines.push(
      '',
      renderMarkdownTable(
        ['clean run', 'passed'],
        clean.map((c) => [formatScalar(c.name), c.passed === true ? 'yes' : '**NO**']),
      ),
    );
  }
  return lines.join('\n');
}

/**
 * reports/bench.json (scripts/bench.ts): one row per performance target with its verdict, and the
 * machine it ran on. Falls back to the generic table when the shape is not recognised.
 */
export function renderBenchMarkdown(doc: unknown): string {
  if (!isRecord(doc) || !Array.isArray(doc.targets)) return renderJsonAsMarkdown(doc);
  const targets = doc.targets.filter(isRecord);
  const table = renderMarkdownTable(
    ['target', 'limit', 'measured', 'verdict', 'why'],
    targets.map((t) => [
      formatScalar(t.description ?? t.id),
      `${formatScalar(t.limit)} ${formatScalar(t.unit)}`.trim(),
      t.value === null || t.value === undefined ? '—' : `${formatScalar(t.value)} ${formatScalar(t.unit)}`.trim(),
      formatScalar(t.verdict),
      formatScalar(t.reason),
    ]),
  );
  const machine = isRecord(doc.machine)
    ? `Measured on ${formatScalar(doc.machine.cores)} cores (${formatScalar(doc.machine.cpuModel)}), node ${formatScalar(doc.machine.node)}${doc.machine.startedAt ? `, ${formatScalar(doc.machine.startedAt).slice(0, 10)}` : ''}.`
    : '';
  return machine ? `${table}\n\n${machine}` : table;
}
