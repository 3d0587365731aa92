import { expect, test } from '@playwright/test';
import { buildCoverage, type TestRecord } from '../../../src/coverage/coverage-model';
import { renderCoverageConsole } from '../../../src/coverage/render-coverage-console';
import { escapeHtml, renderCoverageHtml } from '../../../src/coverage/render-coverage-html';
import { renderCoverageMarkdown } from '../../../src/coverage/render-markdown';
import { RULES } from '../../../src/domain/rules';
import { DOCUMENTED_STATUSES, observation } from './fake-tests';

const DOCUMENTED = DOCUMENTED_STATUSES;

const TESTS: TestRecord[] = [
  {
    id: '1',
    title: 'reads <script>alert(1)</script>',
    status: 'passed',
    environmentFailure: false,
    rules: ['D1'],
    observations: [observation({ status: 200 })],
  },
  {
    id: '2',
    title: 'deletes',
    status: 'failed',
    environmentFailure: false,
    errorSummary: 'expected 204 & got 500',
    rules: ['F1'],
    observations: [observation({ operationId: 'deleteToken', method: 'DELETE', status: 500, conformant: false })],
  },
  { id: '3', title: 'resets', status: 'failed', environmentFailure: true, rules: ['G1'], observations: [] },
];
const REPORT = buildCoverage(TESTS, DOCUMENTED, { now: new Date('2026-01-01T00:00:00Z') });

test('escapeHtml', () => {
  const rows = [
    { given: '<a href="x">&\'</a>', want: '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;' },
    { given: 'plain', want: 'plain' },
  ];
  for (const { given, want } of rows) expect(escapeHtml(given)).toBe(want);
});

test('coverage.html is self-contained and escapes test titles', () => {
  const html = renderCoverageHtml(REPORT);
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).not.toMatch(/<script|<link|\bsrc=|https?:\/\//);
  expect(html).toContain('reads &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('contract failures: <b>1</b>');
  expect(html).toContain('environment failures: <b>1</b>');
  expect(html).toMatch(/<td class="undocumented"><span[^>]*>500 ×1<\/span><\/td>/);
  expect(html).toMatch(/optimistic locking conflict/);
  expect(html).toContain('<td class="validated"');
});

test('console summary lists every operation and both failure counts', () => {
  const text = renderCoverageConsole(REPORT);
  const rows = [
    { given: 'getToken ', want: /getToken +200✔ {2}401– {2}403– {2}404– {2}429–/ },
    { given: 'deleteToken', want: /deleteToken +204– {2}401– {2}403– {2}404– {2}429– {2}500!/ },
    { given: 'counts', want: /contract failures: 1, environment failures: 1/ },
    { given: 'rules', want: new RegExp(`rules: 2/${RULES.length} checked; failed: F1; environment failures only: G1; not run: A1, A2,`) },
  ];
  for (const { given, want } of rows) expect(text, given).toMatch(want);
});

test('markdown coverage table', () => {
  const md = renderCoverageMarkdown(REPORT);
  const lines = md.split('\n');
  expect(lines[0]).toBe('| operation | 200 | 201 | 204 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | undocumented seen |');
  expect(lines).toContain('| `getToken` | ✔ |  |  |  | – | – | – |  |  | – | none |');
  expect(lines).toContain('| `deleteToken` |  |  | – |  | – | – | – |  |  | – | 500 |');
  expect(md).toContain('contract failures: 1, environment failures: 1');
  // Every rule gets a row, and every unreached documented status a line.
  expect(lines.filter((line) => /^\| \*\*[A-H]\d+\*\* \|/.test(line))).toHaveLength(REPORT.rules.length);
  expect(md).toContain('Not reached, and why:');
});
