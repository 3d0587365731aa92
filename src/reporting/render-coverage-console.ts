import type { CoverageCell, CoverageReport } from './coverage-model';

/** The short end-of-run table: one line per operation, then the rule and failure counts. */
export function renderCoverageConsole(report: CoverageReport): string {
  const width = Math.max(...report.operations.map((o) => o.operationId.length));
  const lines = ['', 'Spec coverage (✔ validated, ✘ failed, – not reached, ! undocumented):'];
  for (const op of report.operations) {
    const cells = op.cells.map((c) => `${c.status}${cellMark(c)}`);
    const undocumented = op.undocumented.map((u) => `${u.status}!`);
    lines.push(`  ${op.operationId.padEnd(width)}  ${[...cells, ...undocumented].join('  ')}`);
  }
  const s = report.summary;
  const notRun = report.rules.filter((r) => r.state === 'not-run').map((r) => r.id);
  const failedRules = report.rules.filter((r) => r.state === 'failed').map((r) => r.id);
  const envRules = report.rules.filter((r) => r.state === 'environment-failure').map((r) => r.id);
  lines.push(
    `  statuses: ${s.validatedCells} validated, ${s.failedCells} failed, ${s.notReachedCells} not reached of ${s.documentedCells}; undocumented responses: ${s.undocumentedObservations}`,
    `  rules: ${s.rulesChecked}/${s.rulesTotal} checked${failedRules.length ? `; failed: ${failedRules.join(', ')}` : ''}${envRules.length ? `; environment failures only: ${envRules.join(', ')}` : ''}${notRun.length ? `; not run: ${notRun.join(', ')}` : ''}`,
    `  contract failures: ${s.contractFailures}, environment failures: ${s.environmentFailures}`,
    '',
  );
  return lines.join('\n');
}

function cellMark(cell: CoverageCell): string {
  return cell.state === 'validated' ? '✔' : cell.state === 'failed' ? '✘' : '–';
}
