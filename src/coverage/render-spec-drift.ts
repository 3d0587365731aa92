/**
 * The spec drift result (LD_SPEC_DRIFT=1) in the end-of-run console table and in coverage.html:
 * a warning with the changes to the six operations, or why nothing could be compared. Never
 * styled as a failure — the run is still judged by the vendored spec.
 */
import { describeKind } from '../spec/classify-change';
import { describeChange } from '../spec/render-diff';
import type { SpecDriftReport } from '../spec/spec-drift';
import { escapeHtml } from './escape-html';

const CONSOLE_CHANGES = 5;

export function renderSpecDriftConsole(drift: SpecDriftReport | null): string[] {
  if (!drift) return [];
  const lines = [`  ${drift.message}`];
  for (const change of drift.changes.slice(0, CONSOLE_CHANGES)) lines.push(`    ${describeChange(change)}`);
  if (drift.changes.length > CONSOLE_CHANGES)
    lines.push(`    … ${drift.changes.length - CONSOLE_CHANGES} more in coverage.html / coverage.json (specDrift)`);
  return lines;
}

export function renderSpecDriftHtml(drift: SpecDriftReport | null): string {
  if (!drift) return '';
  const cls = drift.state === 'in-sync' ? 'good' : 'warn';
  const heading = `<h2 id="spec-drift">Spec drift (LD_SPEC_DRIFT)</h2>\n<p class="${cls}">${escapeHtml(drift.message)}</p>`;
  if (drift.changes.length === 0) return heading;
  const rows = drift.changes.map(
    (c) =>
      `<tr class="${c.severity}"><td>${c.severity === 'breaking' ? 'BREAKING' : 'non-breaking'}</td><td>${escapeHtml(c.operations.join(', '))}</td><td>${c.side}</td><td>${escapeHtml(describeKind(c.kind))}</td><td><code>${escapeHtml(c.location)}</code></td><td><code>${escapeHtml(`${c.old ?? '(none)'} → ${c.new ?? '(none)'}`)}</code></td></tr>`,
  );
  return `${heading}
<p class="meta">A warning, not a failure: the run was judged by the vendored spec. Compared at ${escapeHtml(drift.checkedAt)}; run <code>npm run spec:diff -- --against ${escapeHtml(drift.url)}</code> for the full table.</p>
<table class="spec-drift"><thead><tr><th>severity</th><th>operations</th><th>side</th><th>change</th><th>location</th><th>old → new</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}
