import type { CoverageCell, CoverageReport, RuleCoverage, RuleState, TestStatus } from './coverage-model';
import { escapeHtml } from './escape-html';
import { formatMs, type LatencyReport } from './latency';
import { renderSpecDriftHtml } from './render-spec-drift';
import { AUTHZ_GRID_CSS, renderAuthzGrid } from './render-authz-grid';

export { escapeHtml } from './escape-html';

/**
 * coverage.html: one self-contained page (inline CSS, no scripts, no external assets) so it opens
 * from a CI artifact, from the HTML report's data folder or from disk alike.
 */
/** `extraSections`: ready HTML appended after the failures (known deviations, baseline comparison). */
export function renderCoverageHtml(report: CoverageReport, extraSections = ''): string {
  const statuses = [...new Set(report.operations.flatMap((o) => o.cells.map((c) => c.status)))].sort((a, b) => a - b);
  const footnotes: string[] = [];
  const rows = report.operations.map((op) => {
    const cells = statuses.map((status) => {
      const cell = op.cells.find((c) => c.status === status);
      return cell ? renderCell(op.operationId, cell, footnotes) : '<td class="na" title="not documented">·</td>';
    });
    const undocumented = op.undocumented.length
      ? `<td class="undocumented">${op.undocumented
          .map((u) => `<span title="${escapeHtml(u.tests.join('\n'))}">${u.status} ×${u.observed}</span>`)
          .join(' ')}</td>`
      : '<td class="none">none</td>';
    return `<tr><th scope="row">${escapeHtml(op.operationId)}</th>${cells.join('')}${undocumented}</tr>`;
  });
  const s = report.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Access Tokens API – spec coverage</title>
<style>${CSS}</style></head><body>
<h1>Access Tokens API – spec coverage</h1>
<p class="meta">Generated ${escapeHtml(report.generatedAt)} from the responses the run observed.</p>
<section class="summary" id="summary">
<span>tests: <b>${s.tests.total}</b> (passed ${s.tests.passed}, failed ${s.tests.failed}, flaky ${s.tests.flaky}, skipped ${s.tests.skipped}${s.tests.knownDeviations ? `, known deviations ${s.tests.knownDeviations}` : ''})</span>
<span class="${s.contractFailures ? 'bad' : 'good'}">contract failures: <b>${s.contractFailures}</b></span>
<span class="${s.environmentFailures ? 'warn' : 'good'}">environment failures: <b>${s.environmentFailures}</b></span>
<span>responses: ${s.observations} (${s.nonConformantObservations} non-conformant, ${s.undocumentedObservations} undocumented)</span>
<span>documented statuses: ${s.validatedCells} validated, ${s.failedCells} failed, ${s.knownDeviationCells ? `${s.knownDeviationCells} known deviations, ` : ''}${s.notReachedCells} not reached of ${s.documentedCells}</span>
<span>rules checked: ${s.rulesChecked}/${s.rulesTotal}${s.rulesEnvironmentOnly ? ` (${s.rulesEnvironmentOnly} blocked by environment failures)` : ''}${s.rulesInconclusive ? ` (${s.rulesInconclusive} inconclusive)` : ''}</span>
<span class="${s.inconclusiveTests ? 'warn' : 'good'}">inconclusive tests: <b>${s.inconclusiveTests}</b></span>
</section>
<h2>Operations × documented statuses</h2>
<table class="matrix" id="status-matrix"><thead><tr><th>operation</th>${statuses
    .map((st) => `<th>${st}</th>`)
    .join('')}<th class="undocumented-head">undocumented observed</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<p class="legend"><span class="validated">✔ exercised and validated</span> <span class="failed">✘ exercised and failed</span> <span class="known-deviation">≈ failed as a known deviation</span> <span class="not-reached">– not reached</span> <span class="na">· not documented</span> (×n = responses seen)</p>
${footnotes.length ? `<ol class="footnotes">${footnotes.map((f) => `<li>${f}</li>`).join('')}</ol>` : ''}
${renderLatencySection(report.latency)}
${renderSpecDriftHtml(report.specDrift)}
<h2>Behaviour rules × tests</h2>
<table class="rules" id="rule-matrix"><thead><tr><th>rule</th><th>title</th><th>state</th><th>tests</th></tr></thead><tbody>
${report.rules
  .map(
    (r) =>
      `<tr class="${r.state}"><th scope="row">${escapeHtml(r.id)}</th><td>${escapeHtml(r.title)}</td><td class="state">${RULE_LABEL[r.state]}</td><td>${renderRuleTests(r.tests)}${renderOutside(r.outside)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
${report.unknownRuleIds.length ? `<p class="bad">Tests name unknown rule ids: ${escapeHtml(report.unknownRuleIds.join(', '))}</p>` : ''}
${
  report.inconclusive.entries.length
    ? `<h2>Inconclusive</h2><p>These tests gave up judging part of what they check; their rules are not "passed" on their account.</p><table class="failures" id="inconclusive"><thead><tr><th>test</th><th>rules</th><th>why</th></tr></thead><tbody>${report.inconclusive.entries
        .map(
          (e) =>
            `<tr class="inconclusive"><td>${escapeHtml(e.title)}</td><td>${escapeHtml(e.rules.join(', '))}</td><td>${escapeHtml(e.reasons.join('; '))}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
}
${renderAuthzGrid(report.authz ?? [])}
${renderLeniencies(report.leniencies)}
<h2>Failures</h2>
${
  report.failures.length
    ? `<table class="failures" id="failures"><thead><tr><th>kind</th><th>test</th><th>message</th></tr></thead><tbody>${report.failures
        .map(
          (f) =>
            `<tr class="${f.kind}"><td>${f.kind} failure</td><td>${escapeHtml(f.title)}</td><td><code>${escapeHtml(f.message)}</code></td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="good">No failed tests.</p>'
}
${extraSections}
</body></html>
`;
}

function renderLatencySection(latency: LatencyReport): string {
  const rows = latency.operations.map((o) => {
    const verdict =
      o.thresholdMs === null
        ? '<td class="none">no threshold</td>'
        : o.breached
          ? `<td class="failed">✘ over ${formatMs(o.thresholdMs)} ms</td>`
          : `<td class="validated">✔ within ${formatMs(o.thresholdMs)} ms</td>`;
    return `<tr><th scope="row">${escapeHtml(o.operationId)}</th><td>${o.count}</td><td>${formatMs(o.p50Ms)}</td><td>${formatMs(o.p95Ms)}</td><td>${formatMs(o.maxMs)}</td>${verdict}</tr>`;
  });
  const breaches = latency.breaches.length
    ? `<p class="warn">Environment failure: the target is slower than LD_LATENCY_P95_MS allows (${escapeHtml(latency.breaches.join('; '))}).</p>`
    : '';
  return `<h2>Target latency</h2>
<table class="latency" id="latency"><thead><tr><th>operation</th><th>responses</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th><th>p95 threshold</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="legend">From sending a request to reading its whole response, for every judged response; percentiles by nearest rank.</p>
${breaches}`;
}

function renderCell(op: string, cell: CoverageCell, footnotes: string[]): string {
  const tests = escapeHtml(cell.tests.join('\n'));
  if (cell.state === 'validated') return `<td class="validated" title="${tests}">✔ ×${cell.observed}</td>`;
  if (cell.state === 'failed') {
    const checks = escapeHtml(cell.failedChecks.join('; '));
    return `<td class="failed" title="${checks}\n${tests}">✘ ${cell.nonConformant}/${cell.observed}<br><small>${checks}</small></td>`;
  }
  if (cell.state === 'known-deviation') {
    const checks = escapeHtml(cell.failedChecks.join('; '));
    return `<td class="known-deviation" title="known deviation (LD_EXPECTATIONS): ${checks}\n${tests}">≈ ${cell.nonConformant}/${cell.observed}<br><small>${checks}</small></td>`;
  }
  if (!cell.reason) return '<td class="not-reached" title="no test reached this status">–</td>';
  footnotes.push(`<b>${escapeHtml(op)} ${cell.status}</b>: ${escapeHtml(cell.reason)}`);
  return `<td class="not-reached" title="${escapeHtml(cell.reason)}">– <sup>${footnotes.length}</sup></td>`;
}

/** Explore's answers accepted where no rule decides: which row allowed them, how often, the first example. */
function renderLeniencies(entries: CoverageReport['leniencies']): string {
  if (entries.length === 0) return '';
  const rows = entries.map(
    (e) =>
      `<tr><td>${escapeHtml(e.rule)}</td><td><code>${escapeHtml(e.row)}</code></td><td>${escapeHtml(e.accepted)} ×${e.count}</td><td><code>${escapeHtml(e.example.sent)}</code><br>→ <code>${escapeHtml(e.example.answered)}</code></td></tr>`,
  );
  return `<h2>Accepted where the rules leave room</h2><p>The target chose these answers where no rule decides (docs/leniency.md, "Explore"): recorded, neither passed nor failed.</p><table class="failures" id="leniencies"><thead><tr><th>rule</th><th>row</th><th>answer</th><th>first example</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** H1/H2: the end-of-run verdict judged from the outside (docs/leniency.md), with every problem it found. */
function renderOutside(outside: RuleCoverage['outside']): string {
  if (!outside) return '';
  const problems = outside.problems.length
    ? `<ul>${outside.problems.map((p) => `<li class="t-failed">${escapeHtml(p)}</li>`).join('')}</ul>`
    : '';
  return `<p class="outside"><b>from the outside, at the end of the run: ${escapeHtml(outside.state)}</b> — ${escapeHtml(outside.summary)}</p>${problems}`;
}

/** Tests that did not pass are listed outright; passing ones fold away (a rule may have dozens). */
function renderRuleTests(tests: RuleCoverage['tests']): string {
  if (tests.length === 0) return 'no test names this rule';
  const item = (t: RuleCoverage['tests'][number]): string =>
    `<li class="t-${testClass(t.status, t.environmentFailure)}">${escapeHtml(t.title)} <small>(${t.inconclusive && t.status === 'passed' ? 'passed, inconclusive' : testLabel(t.status, t.environmentFailure)})</small></li>`;
  const notPassed = tests.filter((t) => t.status !== 'passed' || t.inconclusive);
  const passed = tests.filter((t) => t.status === 'passed' && !t.inconclusive);
  const open = notPassed.length ? `<ul>${notPassed.map(item).join('')}</ul>` : '';
  const folded = passed.length
    ? `<details><summary>${passed.length} passed test${passed.length === 1 ? '' : 's'}</summary><ul>${passed.map(item).join('')}</ul></details>`
    : '';
  return open + folded;
}

const RULE_LABEL: Record<RuleState, string> = {
  passed: '✔ passed',
  failed: '✘ failed',
  'known-deviation': '≈ known deviation',
  inconclusive: '? inconclusive',
  'environment-failure': '⚠ environment failure',
  'not-run': '– not run',
};

function testClass(status: TestStatus, env: boolean): string {
  return status === 'failed' && env ? 'environment' : status;
}

function testLabel(status: TestStatus, env: boolean): string {
  return status === 'failed' && env ? 'environment failure' : status;
}

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1f2328}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
.meta{color:#656d76}
.summary{display:flex;flex-wrap:wrap;gap:8px 18px;padding:10px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa}
table{border-collapse:collapse;margin-top:8px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:center;vertical-align:top}
.rules td,.failures td{text-align:left}
.rules ul{margin:0;padding-left:16px}
summary{cursor:pointer;color:#116329}
td.validated{background:#dafbe1;color:#116329}
td.failed{background:#ffebe9;color:#a40e26;font-weight:600}
td.not-reached{background:#f6f8fa;color:#656d76}
td.known-deviation{background:#fff8c5;color:#7d4e00}span.known-deviation{background:#fff8c5}
tr.known-deviation td.state{color:#7d4e00}li.t-known-deviation{color:#7d4e00}
td.na{color:#afb8c1}
th.undocumented-head{background:#cf222e;color:#fff}
td.undocumented{background:#ffebe9;color:#a40e26;font-weight:600}
td.none{color:#656d76}
tr.passed td.state{color:#116329}tr.failed td.state{color:#a40e26;font-weight:600}
tr.environment-failure td.state,tr.inconclusive td.state{color:#9a6700}tr.not-run td.state{color:#656d76}
li.t-failed{color:#a40e26}li.t-environment{color:#9a6700}li.t-skipped{color:#656d76}
.legend span{margin-right:12px;padding:1px 6px;border-radius:4px}
span.validated{background:#dafbe1}span.failed{background:#ffebe9}span.not-reached{background:#f6f8fa}
.footnotes{color:#656d76;font-size:13px}
${AUTHZ_GRID_CSS}
.good{color:#116329}.bad{color:#a40e26}.warn{color:#9a6700}
tr.environment td:first-child{color:#9a6700}tr.contract td:first-child{color:#a40e26}
small{font-weight:400}
`;
