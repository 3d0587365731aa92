import type { DiffReport, ReportedDifference } from './diff-report';
import { show } from './render-diff-console';

/**
 * A self-contained page (no script, no external resource): each difference with both sides' values and both
 * requests as masked curl, side by side. The text is escaped; the caller has redacted the report already.
 */
export function renderDiffHtml(report: DiffReport): string {
  const verdict =
    report.incomplete !== null
      ? `Incomplete: ${report.incomplete}`
      : `${report.differences.length} difference(s), ${report.noise.length} noise, ${report.ignored.length} ignored`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Differential run</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0;font-size:.8rem}
h2{margin-top:2rem}.noise{color:#666}
</style></head><body>
<h1>Differential run</h1>
<p id="sides">A = ${escapeHtml(report.a)}<br>B = ${escapeHtml(report.b)}</p>
<p id="verdict">${escapeHtml(verdict)}</p>
<p>Plan seed ${report.plan.seed}, ${report.plan.steps} step(s), ${report.requestsSent} request(s), ${report.calibrated ? 'calibrated' : 'not calibrated'}.</p>
${section('Differences', 'differences', report.differences)}
${section('Noise (A differs from A too)', 'noise', report.noise)}
${section('Ignored', 'ignored', report.ignored)}
<h2>Clean-up</h2><ul>${report.cleanup.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
</body></html>
`;
}

function section(title: string, id: string, list: ReportedDifference[]): string {
  if (list.length === 0) return `<h2 id="${id}">${title}</h2><p>None.</p>`;
  const rows = list
    .map(
      (
        d,
      ) => `<tr data-operation="${escapeHtml(d.operation)}" data-location="${escapeHtml(d.location)}"><td>${escapeHtml(d.operation)}</td><td><code>${escapeHtml(d.location)}</code>${d.ignoredBecause === undefined ? '' : `<br><em>${escapeHtml(d.ignoredBecause)}</em>`}</td>
<td><pre>${escapeHtml(show(d.first.a))}</pre><pre>${escapeHtml(d.first.curlA)}</pre></td>
<td><pre>${escapeHtml(show(d.first.b))}</pre><pre>${escapeHtml(d.first.curlB)}</pre></td><td>${d.steps.join(', ')}</td></tr>`,
    )
    .join('\n');
  return `<h2 id="${id}">${title}</h2><table><thead><tr><th>operation</th><th>location</th><th>A</th><th>B</th><th>steps</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
