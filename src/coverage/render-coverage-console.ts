import type { CoverageCell, CoverageReport } from './coverage-model';
import { formatMs, type LatencyReport } from './latency';
import { renderSpecDriftConsole } from './render-spec-drift';

/** The short end-of-run table: one line per operation, then the rule and failure counts. */
export function renderCoverageConsole(report: CoverageReport): string {
  const width = Math.max(...report.operations.map((o) => o.operationId.length));
  const lines = ['', 'Spec coverage (✔ validated, ✘ failed, ≈ known deviation, – not reached, ! undocumented):'];
  for (const op of report.operations) {
    const cells = op.cells.map((c) => `${c.status}${cellMark(c)}`);
    const undocumented = op.undocumented.map((u) => `${u.status}!`);
    lines.push(`  ${op.operationId.padEnd(width)}  ${[...cells, ...undocumented].join('  ')}`);
  }
  const s = report.summary;
  const notRun = report.rules.filter((r) => r.state === 'not-run').map((r) => r.id);
  const failedRules = report.rules.filter((r) => r.state === 'failed').map((r) => r.id);
  const knownRules = report.rules.filter((r) => r.state === 'known-deviation').map((r) => r.id);
  const envRules = report.rules.filter((r) => r.state === 'environment-failure').map((r) => r.id);
  const inconclusiveRules = report.rules.filter((r) => r.state === 'inconclusive').map((r) => r.id);
  lines.push(
    `  statuses: ${s.validatedCells} validated, ${s.failedCells} failed, ${s.notReachedCells} not reached of ${s.documentedCells}; undocumented responses: ${s.undocumentedObservations}`,
    `  rules: ${s.rulesChecked}/${s.rulesTotal} checked${failedRules.length ? `; failed: ${failedRules.join(', ')}` : ''}${knownRules.length ? `; known deviations: ${knownRules.join(', ')}` : ''}${inconclusiveRules.length ? `; inconclusive: ${inconclusiveRules.join(', ')}` : ''}${envRules.length ? `; environment failures only: ${envRules.join(', ')}` : ''}${notRun.length ? `; not run: ${notRun.join(', ')}` : ''}`,
    ...renderLatencyConsole(report.latency),
    ...renderSpecDriftConsole(report.specDrift),
    `  contract failures: ${s.contractFailures}, environment failures: ${s.environmentFailures}${s.latencyBreaches ? ` (${s.latencyBreaches} latency breach${s.latencyBreaches === 1 ? '' : 'es'})` : ''}${s.tests.knownDeviations ? `, known deviations: ${s.tests.knownDeviations} test(s)` : ''}, inconclusive tests: ${s.inconclusiveTests}`,
    ...report.inconclusive.entries.slice(0, 10).map((e) => `    inconclusive: ${e.title} — ${e.reasons.join('; ')}`),
    '',
  );
  return lines.join('\n');
}

/** One line per operation that saw responses: count, p50 / p95 / max, and the threshold's verdict. */
function renderLatencyConsole(latency: LatencyReport): string[] {
  const seen = latency.operations.filter((o) => o.count > 0);
  if (seen.length === 0) return [];
  const width = Math.max(...seen.map((o) => o.operationId.length));
  return [
    '  target latency (ms, p50 / p95 / max over n responses):',
    ...seen.map((o) => {
      const verdict =
        o.thresholdMs === null
          ? ''
          : o.breached
            ? `  ✘ p95 over ${formatMs(o.thresholdMs)} ms (environment failure)`
            : `  ✔ p95 within ${formatMs(o.thresholdMs)} ms`;
      return `    ${o.operationId.padEnd(width)}  ${formatMs(o.p50Ms)} / ${formatMs(o.p95Ms)} / ${formatMs(o.maxMs)}  n=${o.count}${verdict}`;
    }),
  ];
}

function cellMark(cell: CoverageCell): string {
  return cell.state === 'validated' ? '✔' : cell.state === 'failed' ? '✘' : cell.state === 'known-deviation' ? '≈' : '–';
}
