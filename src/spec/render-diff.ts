/**
 * Renders a SpecDiff for people (an aligned table, breaking changes first, and a one-line
 * summary) and for CI (JSON). The JSON shape is SpecDiff itself plus each change's title.
 */
import { describeKind } from './classify-change';
import type { SpecChange, SpecDiff } from './spec-diff';

export function summarizeDiff(diff: SpecDiff): string {
  if (diff.changes.length === 0) return `no changes to the six operations between ${diff.base} and ${diff.against}`;
  const verdict = diff.breaking > 0 ? 'BREAKING for clients' : 'nothing breaking';
  return `${diff.breaking} breaking, ${diff.nonBreaking} non-breaking change(s) to the six operations (${verdict}): ${diff.base} → ${diff.against}`;
}

function formatValues(change: Pick<SpecChange, 'old' | 'new'>): string {
  return `${change.old ?? '(none)'} → ${change.new ?? '(none)'}`;
}

/** One line per change, for consoles and warnings: `BREAKING postToken (request) enum value removed at /… : "admin" → (none)`. */
export function describeChange(change: SpecChange): string {
  const severity = change.severity === 'breaking' ? 'BREAKING' : 'non-breaking';
  return `${severity} ${change.operations.join(',')} (${change.side}) ${describeKind(change.kind)} at ${change.location}: ${formatValues(change)}`;
}

export function renderDiffTable(diff: SpecDiff): string {
  const header = ['SEVERITY', 'OPERATIONS', 'SIDE', 'CHANGE', 'LOCATION', 'OLD → NEW'];
  const rows = diff.changes.map((c) => [
    c.severity === 'breaking' ? 'BREAKING' : 'non-breaking',
    c.operations.join(','),
    c.side,
    describeKind(c.kind),
    c.location,
    formatValues(c),
  ]);
  const lines: string[] = [];
  if (rows.length > 0) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const format = (cells: string[]): string =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    lines.push(format(header), ...rows.map(format), '');
  }
  lines.push(summarizeDiff(diff));
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(diff: SpecDiff): string {
  const changes = diff.changes.map((c) => ({ ...c, title: describeKind(c.kind) }));
  return `${JSON.stringify({ ...diff, changes }, null, 2)}\n`;
}
