/**
 * The history as one self-contained HTML page: inline CSS and SVG, no script, no CDN, no fetch — it opens from a
 * downloaded artifact as it is. Every text from a summary (test titles, reasons, hosts, file names) goes through
 * escapeHtml: a test named `<script>` is shown, never run.
 */
import { escapeHtml } from '../coverage/escape-html';
import { formatMs } from '../coverage/latency';
import { gridState } from './build-history';
import type { GridState, HistoryReport, Night, Series } from './history-model';

const STATE_STYLE: Record<GridState, { color: string; mark: string; label: string }> = {
  passed: { color: '#2e7d32', mark: '✓', label: 'passed' },
  failed: { color: '#c62828', mark: '✗', label: 'failed' },
  'known-deviation': { color: '#ef6c00', mark: 'K', label: 'known deviation' },
  inconclusive: { color: '#f9a825', mark: '?', label: 'inconclusive' },
  'environment-failure': { color: '#6a1b9a', mark: 'E', label: 'environment failure' },
  'not-run': { color: '#9e9e9e', mark: '–', label: 'not run' },
  'no-run': { color: '#ffffff', mark: ' ', label: 'no night (gap)' },
};

export function renderHistoryHtml(history: HistoryReport): string {
  const e = escapeHtml;
  const body = [
    `<h1>Access Tokens conformance: the nightly over time</h1>`,
    `<p>${history.days.length} days from ${e(history.days[0] ?? '–')} to ${e(history.days[history.days.length - 1] ?? '–')}, ` +
      `${history.series.reduce((n, s) => n + s.nights.length, 0)} nights in ${history.series.length} series (target · API version). ` +
      `Generated ${e(history.generatedAt)}. The same data: <a href="history.json">history.json</a>.</p>`,
    renderSkipped(history),
    renderLegend(),
    ...history.series.map((s) => renderSeries(history, s)),
    renderFlipped(history),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance history</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#212121}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
td.cell{width:18px;height:18px;padding:0;text-align:center;font-size:11px;color:#fff}
th.day{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:11px}
.legend span{display:inline-block;margin-right:1em}
.swatch{display:inline-block;width:12px;height:12px;border:1px solid #999;margin-right:4px;vertical-align:middle}
code{font-size:12px}
h2{margin-top:2em;border-bottom:2px solid #eee}
.charts{display:flex;flex-wrap:wrap;gap:1em}
.charts figure{margin:0}
</style></head>
<body>
${body}
</body></html>
`;
}

function renderSkipped(history: HistoryReport): string {
  if (history.skipped.length === 0) return '';
  return `<details open class="skipped"><summary>${history.skipped.length} input(s) skipped</summary><ul>${history.skipped
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('')}</ul></details>`;
}

function renderLegend(): string {
  return `<p class="legend">${Object.values(STATE_STYLE)
    .map((s) => `<span><i class="swatch" style="background:${s.color}"></i>${escapeHtml(s.label)}</span>`)
    .join('')}</p>`;
}

function renderSeries(history: HistoryReport, series: Series): string {
  const e = escapeHtml;
  const byDay = new Map(series.nights.map((n) => [n.day, n]));
  const gridHead = history.gridDays.map((d) => `<th class="day" scope="col">${e(d)}</th>`).join('');
  const statusRow = history.gridDays
    .map((d) => {
      const n = byDay.get(d);
      return `<td class="cell" title="${e(d)}: ${e(n ? n.status : 'no night')}" style="background:${n ? (n.status === 'passed' ? '#2e7d32' : '#c62828') : '#fff'}">${n ? '' : '·'}</td>`;
    })
    .join('');
  const ruleRows = history.rules
    .map((rule) => {
      const cells = history.gridDays
        .map((d) => {
          const state = gridState(series, d, rule.id);
          const style = STATE_STYLE[state];
          return `<td class="cell" data-rule="${e(rule.id)}" data-day="${e(d)}" data-state="${state}" title="${e(rule.id)} ${e(d)}: ${e(style.label)}" style="background:${style.color}">${e(style.mark)}</td>`;
        })
        .join('');
      return `<tr><th scope="row" title="${e(rule.title)}">${e(rule.id)}</th>${cells}</tr>`;
    })
    .join('\n');
  const section = [
    `<section class="series" data-series="${e(series.key)}">`,
    `<h2>${e(series.key)}</h2>`,
    `<h3>Rule status per night (last ${history.gridDays.length} days)</h3>`,
    `<table class="grid"><thead><tr><th>rule</th>${gridHead}</tr></thead><tbody>`,
    `<tr><th scope="row">run</th>${statusRow}</tr>`,
    ruleRows,
    `</tbody></table>`,
    `<h3>Latency per operation (p50, p95)</h3>`,
    renderLatency(history, series),
    `<h3>Run time and requests per night</h3>`,
    `<div class="charts">${renderBars('run time (s)', series.nights, (n) => (n.durationMs === null ? null : n.durationMs / 1000), history.days)}${renderBars(
      'requests',
      series.nights,
      (n) => n.requests,
      history.days,
    )}</div>`,
    `<h3>Failures per night: new, fixed, still failing</h3>`,
    renderFailures(series),
    `<h3>Explore seeds</h3>`,
    renderExplore(series),
    `<h3>Expectations file</h3>`,
    renderExpectations(series),
    `</section>`,
  ];
  return section.join('\n');
}

function renderLatency(history: HistoryReport, series: Series): string {
  // An operation no night timed (no test reached it) gets no empty chart.
  const ops = history.operations.filter((op) => series.nights.some((n) => (n.latency[op]?.p95Ms ?? null) !== null));
  if (ops.length === 0) return '<p>No latency recorded.</p>';
  return `<div class="charts">${ops
    .map((op) =>
      renderLines(
        op,
        series.nights,
        [
          { label: 'p50', color: '#1565c0', value: (n) => n.latency[op]?.p50Ms ?? null },
          { label: 'p95', color: '#c62828', value: (n) => n.latency[op]?.p95Ms ?? null },
        ],
        history.days,
      ),
    )
    .join('')}</div>`;
}

const W = 360;
const H = 120;
const PAD = 28;

/** Each day's column, looked up once per list of days (a year's chart asks for it per night and line). */
const dayColumns = new WeakMap<readonly string[], Map<string, number>>();

function xOf(day: string, days: readonly string[]): number {
  const i = columnOf(day, days);
  return PAD + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (W - PAD - 8));
}

function columnOf(day: string, days: readonly string[]): number {
  let columns = dayColumns.get(days);
  if (!columns) {
    columns = new Map(days.map((d, i) => [d, i]));
    dayColumns.set(days, columns);
  }
  return columns.get(day) ?? -1;
}

function renderLines(
  title: string,
  nights: readonly Night[],
  lines: { label: string; color: string; value: (n: Night) => number | null }[],
  days: readonly string[],
): string {
  const max = Math.max(1, ...nights.flatMap((n) => lines.map((l) => l.value(n) ?? 0)));
  const y = (v: number): number => H - 16 - (v / max) * (H - 28);
  const paths = lines.map((l) => {
    // A gap (no night, no value) breaks the line: a missing night is never drawn as a straight trend.
    let d = '';
    let prevIndex = -2;
    for (const n of nights) {
      const v = l.value(n);
      const i = columnOf(n.day, days);
      if (v === null) {
        prevIndex = -2;
        continue;
      }
      d += `${i === prevIndex + 1 ? 'L' : 'M'}${xOf(n.day, days).toFixed(1)} ${y(v).toFixed(1)} `;
      prevIndex = i;
    }
    return `<path d="${d.trim()}" fill="none" stroke="${l.color}" stroke-width="1.5"><title>${escapeHtml(title)} ${l.label}</title></path>`;
  });
  const last = nights[nights.length - 1];
  const legend = lines
    .map(
      (l, i) =>
        `<text x="${PAD + i * 110}" y="${H - 2}" font-size="10" fill="${l.color}">${l.label} ${last ? formatMs(l.value(last)) : '–'} ms</text>`,
    )
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}"><text x="${PAD}" y="10" font-size="11">${escapeHtml(title)} (max ${formatMs(max)} ms)</text><line x1="${PAD}" y1="${H - 16}" x2="${W - 8}" y2="${H - 16}" stroke="#999"/>${paths.join('')}${legend}</svg></figure>`;
}

function renderBars(title: string, nights: readonly Night[], value: (n: Night) => number | null, days: readonly string[]): string {
  const max = Math.max(1, ...nights.map((n) => value(n) ?? 0));
  const width = Math.max(1, (W - PAD - 8) / Math.max(1, days.length) - 1);
  const bars = nights
    .map((n) => {
      const v = value(n);
      if (v === null) return '';
      const h = (v / max) * (H - 28);
      return `<rect x="${(xOf(n.day, days) - width / 2).toFixed(1)}" y="${(H - 16 - h).toFixed(1)}" width="${width.toFixed(1)}" height="${h.toFixed(1)}" fill="${n.status === 'passed' ? '#607d8b' : '#c62828'}"><title>${escapeHtml(n.day)}: ${Math.round(v)}</title></rect>`;
    })
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}"><text x="${PAD}" y="10" font-size="11">${escapeHtml(title)} (max ${Math.round(max)})</text><line x1="${PAD}" y1="${H - 16}" x2="${W - 8}" y2="${H - 16}" stroke="#999"/>${bars}</svg></figure>`;
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '';
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function renderFailures(series: Series): string {
  const rows = series.nights
    .filter((n) => n.ranTests && (n.failures.new.length || n.failures.fixed.length || n.failures.stillFailing.length))
    .slice(-30)
    .reverse()
    .map(
      (n) =>
        `<tr class="failures" data-day="${escapeHtml(n.day)}"><td>${escapeHtml(n.day)}</td><td>${escapeHtml(n.failures.comparedWith ?? 'first night')}</td>` +
        `<td class="new">${n.failures.new.length}${list(n.failures.new)}</td><td class="fixed">${n.failures.fixed.length}${list(n.failures.fixed)}</td>` +
        `<td class="still">${n.failures.stillFailing.length}${list(n.failures.stillFailing)}</td></tr>`,
    );
  if (rows.length === 0) return '<p>No failures in these nights.</p>';
  return `<table><thead><tr><th>night</th><th>compared with</th><th>new</th><th>fixed</th><th>still failing</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderExplore(series: Series): string {
  const rows = series.nights
    .filter((n) => n.explore)
    .slice(-30)
    .reverse()
    .map((n) =>
      n.explore
        ? `<tr><td>${escapeHtml(n.day)}</td><td>${n.explore.seed}</td><td>${n.explore.budget}</td><td>${escapeHtml(n.explore.outcome)}</td><td><code>${escapeHtml(n.explore.replay)}</code></td></tr>`
        : '',
    );
  if (rows.length === 0) return '<p>Explore did not run in these nights.</p>';
  return `<table><thead><tr><th>night</th><th>seed</th><th>budget</th><th>outcome</th><th>replay</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderExpectations(series: Series): string {
  const rows = series.nights
    .slice(-30)
    .reverse()
    .map((n) => {
      const x = n.expectations;
      const expired = x.expired.map((d) => `${d.test} (expired ${d.expires ?? '?'}): ${d.reason}`);
      const unmatched = x.unmatched.map((d) => `${d.test}: ${d.reason}`);
      return `<tr><td>${escapeHtml(n.day)}</td><td>${escapeHtml(x.file ?? 'none')}</td><td>${x.entries ?? '–'}</td><td>${x.matched}</td><td>${x.unmatched.length}${list(unmatched)}</td><td>${x.expired.length}${list(expired)}</td><td>${x.todo}</td></tr>`;
    });
  return `<table><thead><tr><th>night</th><th>file</th><th>entries</th><th>matched</th><th>unmatched</th><th>expired</th><th>TODO reasons</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderFlipped(history: HistoryReport): string {
  const rows = history.flipped
    .slice(0, 100)
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.test)}</td><td>${escapeHtml(f.series)}</td><td>${f.flips}</td><td><code>${escapeHtml(f.timeline.slice(-60))}</code></td><td>${escapeHtml(f.lastDay)}</td></tr>`,
    );
  const body = rows.length
    ? `<table><thead><tr><th>test</th><th>series</th><th>flips</th><th>nights that ran tests (F failed, . not failed; last 60)</th><th>last flip</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p>No test changed between nights.</p>';
  return `<h2>Tests that flipped between nights</h2>${body}`;
}
