/**
 * The known-deviation and baseline parts of a run summary, three ways: the end of the console output,
 * sections of coverage.html, and markdown for CI (reports/summary.md → $GITHUB_STEP_SUMMARY).
 */
import type { BaselineComparison, BaselineItem, CellKeyItem, DeviationItem, RunSummary, TodoDeviationItem } from '../domain/run-summary';
import { formatSignature } from '../expectations/failure-signature';
import { escapeHtml } from './render-coverage-html';

const MAX_LISTED = 20;

export function renderSummaryConsole(summary: RunSummary): string {
  const lines: string[] = [];
  for (const e of summary.runErrors) lines.push(`Run error (${e.phase}, ${e.kind}): ${firstLine(e.message)}`);
  const kd = summary.knownDeviations;
  if (kd.file) {
    lines.push(
      `Known deviations (${kd.file}): ${kd.matched.length} matched, ${kd.unmatched.length} unmatched, ${kd.expired.length} expired${todoCount(kd.todo)}`,
    );
    for (const d of kd.matched.slice(0, MAX_LISTED)) lines.push(`  ≈ ${describeDeviation(d)}`);
    for (const d of kd.unmatched.slice(0, MAX_LISTED)) {
      lines.push(
        `  ? unmatched — fixed? remove the entry${kd.strict ? ' (LD_EXPECTATIONS_STRICT=1: fails the run)' : ''}: ${describeDeviation(d)}`,
      );
    }
    for (const d of kd.expired.slice(0, MAX_LISTED))
      lines.push(`  ⌛ expired ${d.expires ?? ''} (no longer matches): ${describeDeviation(d)}`);
    // Every one, not the first MAX_LISTED: each is a line a person must act on, and there are few.
    for (const d of kd.todo) lines.push(`  ! ${describeTodo(kd.file, d, kd.strict)}`);
  }
  const b = summary.baseline;
  if (b) {
    lines.push(`Compared with the baseline ${b.from} (${b.baselineGeneratedAt || 'time unknown'}):`);
    lines.push(`  failures: ${b.new.length} new, ${b.stillFailing.length} still failing, ${b.fixed.length} fixed`);
    for (const f of b.new.slice(0, MAX_LISTED)) lines.push(`    new: ${describeItem(f)}`);
    for (const f of b.fixed.slice(0, MAX_LISTED)) lines.push(`    fixed: ${describeItem(f)}`);
    lines.push(`  undocumented statuses: ${countLine(b.undocumentedStatuses)}`);
    lines.push(`  unreached cells: ${countLine(b.unreachedCells)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function renderSummaryMarkdown(summary: RunSummary): string {
  const t = summary.tests;
  const out = [
    `### Access Tokens conformance: ${summary.status}`,
    '',
    `Tests: ${t.total} (passed ${t.passed}, failed ${t.failed}, flaky ${t.flaky}, skipped ${t.skipped}, known deviations ${t.knownDeviations}); contract failures ${summary.contractFailures}, environment failures ${summary.environmentFailures}.`,
  ];
  if (summary.failures.length > 0) {
    // Every failure of every failed test (issue 24.4), with or without a baseline: the test, its kind, its signature.
    out.push('', `**Failures** (${summary.failures.length}; test — kind: signature):`);
    for (const f of summary.failures)
      out.push(`- ${md(f.test)} — ${f.kind}: \`${md(formatSignature(f.signature))}\`${f.known ? ' (known deviation)' : ''}`);
  }
  for (const e of summary.runErrors) out.push('', `**Run error** (${e.phase}, ${e.kind}): ${md(firstLine(e.message))}`);
  const drift = summary.specDrift as { message?: unknown } | null | undefined;
  if (typeof drift?.message === 'string') out.push('', `**Spec drift** (LD_SPEC_DRIFT, a warning, never a failure): ${md(drift.message)}`);
  const outside = summary.outside as Record<string, { state?: unknown; summary?: unknown; problems?: unknown }> | null | undefined;
  for (const id of ['H1', 'H2']) {
    const v = outside?.[id];
    if (typeof v?.state !== 'string') continue;
    out.push('', `**${id} from the outside**: ${md(v.state)} — ${md(typeof v.summary === 'string' ? v.summary : '')}`);
    if (Array.isArray(v.problems)) for (const p of v.problems.slice(0, MAX_LISTED)) if (typeof p === 'string') out.push(`- ${md(p)}`);
  }
  const kd = summary.knownDeviations;
  if (kd.file) {
    out.push(
      '',
      `**Known deviations** (\`${kd.file}\`): ${kd.matched.length} matched, ${kd.unmatched.length} unmatched, ${kd.expired.length} expired${todoCount(kd.todo)}`,
    );
    for (const d of kd.todo) out.push(`- ${md(describeTodo(kd.file, d, kd.strict))}`);
    for (const d of kd.unmatched.slice(0, MAX_LISTED)) out.push(`- unmatched (fixed? remove the entry): ${md(describeDeviation(d))}`);
    for (const d of kd.expired.slice(0, MAX_LISTED)) out.push(`- expired ${d.expires ?? ''}: ${md(describeDeviation(d))}`);
  }
  const b = summary.baseline;
  if (b) {
    out.push(
      '',
      `**Compared with the previous run** (${md(b.baselineGeneratedAt || b.from)})`,
      '',
      '| | new | still failing | fixed |',
      '| --- | --- | --- | --- |',
    );
    out.push(`| failures | ${b.new.length} | ${b.stillFailing.length} | ${b.fixed.length} |`);
    out.push(
      `| undocumented statuses | ${b.undocumentedStatuses.new.length} | ${b.undocumentedStatuses.stillFailing.length} | ${b.undocumentedStatuses.fixed.length} |`,
    );
    out.push(
      `| unreached cells | ${b.unreachedCells.new.length} | ${b.unreachedCells.stillFailing.length} | ${b.unreachedCells.fixed.length} |`,
    );
    for (const f of b.new.slice(0, MAX_LISTED)) out.push(`- **new**: ${md(describeItem(f))}`);
    for (const f of b.fixed.slice(0, MAX_LISTED)) out.push(`- fixed: ${md(describeItem(f))}`);
    for (const c of b.undocumentedStatuses.new) out.push(`- **new undocumented status**: ${cell(c)}`);
    for (const c of b.unreachedCells.new) out.push(`- newly unreached: ${cell(c)}`);
  } else {
    out.push('', 'No baseline (first run, or LD_BASELINE unset): nothing to compare with.');
  }
  return `${out.join('\n')}\n`;
}

/** coverage.html sections: known deviations and the baseline comparison (empty when neither applies). */
export function renderSummaryHtml(summary: RunSummary): string {
  const parts: string[] = [];
  const kd = summary.knownDeviations;
  if (kd.file) {
    const rows = [
      ...kd.matched.map((d) => deviationRow('matched', d)),
      ...kd.unmatched.map((d) => deviationRow('unmatched — fixed? remove the entry', d)),
      ...kd.expired.map((d) => deviationRow(`expired ${d.expires ?? ''}`, d)),
      ...kd.todo.map((d) => deviationRow(`${d.entry}: reason still TODO`, d)),
    ];
    parts.push(
      `<h2 id="known-deviations">Known deviations</h2><p>${escapeHtml(kd.file)}: ${kd.matched.length} matched, ${kd.unmatched.length} unmatched, ${kd.expired.length} expired${kd.strict ? ' (strict: unmatched entries fail the run)' : ''}.</p>`,
      rows.length
        ? `<table class="failures"><thead><tr><th>state</th><th>test</th><th>failure</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
        : '',
    );
  }
  const b = summary.baseline;
  if (b) {
    const list = (label: string, items: readonly BaselineItem[]): string =>
      items.length
        ? `<h3>${label} (${items.length})</h3><ul>${items.map((f) => `<li>${escapeHtml(describeItem(f))}</li>`).join('')}</ul>`
        : '';
    const cells = (label: string, c: BaselineComparison['unreachedCells']): string =>
      `<tr><th scope="row">${label}</th><td>${c.new.map(cell).join(', ') || '–'}</td><td>${c.stillFailing.length}</td><td>${c.fixed.map(cell).join(', ') || '–'}</td></tr>`;
    parts.push(
      `<h2 id="baseline">Compared with the baseline</h2><p>${escapeHtml(b.from)} (${escapeHtml(b.baselineGeneratedAt || 'time unknown')}): ${b.new.length} new, ${b.stillFailing.length} still failing, ${b.fixed.length} fixed.</p>`,
      list('New failures', b.new),
      list('Still failing', b.stillFailing),
      list('Fixed', b.fixed),
      `<table class="failures"><thead><tr><th></th><th>new</th><th>still</th><th>fixed</th></tr></thead><tbody>${cells('undocumented statuses', b.undocumentedStatuses)}${cells('unreached cells', b.unreachedCells)}</tbody></table>`,
    );
  }
  return parts.join('\n');
}

function deviationRow(state: string, d: DeviationItem): string {
  const link = d.link ? ` <a href="${escapeHtml(d.link)}">${escapeHtml(d.link)}</a>` : '';
  return `<tr><td>${escapeHtml(state)}</td><td>${escapeHtml(d.test)}</td><td><code>${escapeHtml(formatSignature(d.signature))}</code></td><td>${escapeHtml(d.reason)}${link}</td></tr>`;
}

function describeDeviation(d: DeviationItem): string {
  return `${d.test}: ${formatSignature(d.signature)} — ${d.reason}${d.link ? ` (${d.link})` : ''}`;
}

function todoCount(todo: readonly TodoDeviationItem[]): string {
  return todo.length > 0 ? `, ${todo.length} with a TODO reason` : '';
}

/** "warning: x.yaml deviations[0] (test: every contract check on postToken 413) still has the TODO reason …". */
function describeTodo(file: string | null, d: TodoDeviationItem, strict: boolean): string {
  return `warning: ${file ?? ''} ${d.entry} (${d.test}: ${formatSignature(d.signature)}) still has the TODO reason: write why it is accepted (ticket, owner)${strict ? ' — LD_EXPECTATIONS_STRICT=1: fails the run' : ''}`;
}

function describeItem(f: BaselineItem): string {
  return `${f.test}: ${formatSignature(f.signature)}`;
}

function countLine(c: BaselineComparison['unreachedCells']): string {
  const named = (items: readonly CellKeyItem[]): string => (items.length ? ` (${items.map(cell).join(', ')})` : '');
  return `${c.new.length} new${named(c.new)}, ${c.stillFailing.length} still, ${c.fixed.length} fixed${named(c.fixed)}`;
}

function cell(c: CellKeyItem): string {
  return `${c.operation} ${c.status}`;
}

function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
