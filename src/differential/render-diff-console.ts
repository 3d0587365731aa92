import type { DiffReport, ReportedDifference } from './diff-report';

/** The console account: one line per difference, grouped by operation, then noise, ignored, clean-up and the verdict. */
export function renderDiffConsole(report: DiffReport, artifacts: string[]): string {
  const lines = [
    `diff: A = ${report.a}, B = ${report.b}; plan seed ${report.plan.seed}, ${report.plan.steps} step(s), ${report.requestsSent} request(s) sent${report.calibrated ? ', calibrated (A twice)' : ', not calibrated (--calibrate sends the plan to A twice)'}`,
  ];
  if (report.incomplete !== null) lines.push(`diff: INCOMPLETE: ${report.incomplete}`);
  lines.push(
    ...section('Differences', report.differences),
    ...section('Noise (A differs from A too)', report.noise),
    ...section('Ignored', report.ignored),
  );
  for (const entry of report.unusedIgnores) lines.push(`  unused ignore entry: ${entry.operation} ${entry.location} (${entry.reason})`);
  lines.push(...report.cleanup.map((line) => `cleanup: ${line}`));
  lines.push(
    `diff: ${report.differences.length} difference(s), ${report.noise.length} noise, ${report.ignored.length} ignored; ${artifacts.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

function section(title: string, list: ReportedDifference[]): string[] {
  if (list.length === 0) return [];
  const out = [`${title}:`];
  let operation = '';
  for (const d of list) {
    if (d.operation !== operation) {
      operation = d.operation;
      out.push(`  ${operation}`);
    }
    const reason = d.ignoredBecause === undefined ? '' : ` — ${d.ignoredBecause}`;
    out.push(`    ${d.location}: A ${show(d.first.a)} | B ${show(d.first.b)} (step ${d.steps.join(', ')})${reason}`);
  }
  return out;
}

export function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
