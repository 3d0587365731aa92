import { expect, test } from '@playwright/test';
import {
  renderBenchMarkdown,
  renderJsonAsMarkdown,
  renderMarkdownTable,
  renderSelfCheckMarkdown,
} from '../../../src/coverage/render-markdown';
import { replaceSection } from '../../../src/docs/readme-sections';

test.describe('renderMarkdownTable', () => {
  const rows = [
    {
      given: { header: ['a', 'b'], rows: [['1', '2']] },
      want: '| a | b |\n| --- | --- |\n| 1 | 2 |',
    },
    {
      given: { header: ['x'], rows: [] },
      want: '| x |\n| --- |',
    },
    {
      // A pipe or newline inside a cell would break the table.
      given: { header: ['cell'], rows: [['a|b\nc']] },
      want: '| cell |\n| --- |\n| a\\|b c |',
    },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given), () => {
      expect(renderMarkdownTable(given.header, given.rows)).toBe(want);
    });
  }
});

test.describe('renderJsonAsMarkdown', () => {
  const rows: { given: unknown; want: string }[] = [
    {
      given: [
        { name: 'p50', ms: 12.345 },
        { name: 'p95', ms: 40, ok: true },
      ],
      want: '| name | ms | ok |\n| --- | --- | --- |\n| p50 | 12.35 |  |\n| p95 | 40 | yes |',
    },
    {
      // The first array-of-objects property is the table; nested objects are left out.
      given: { generatedAt: 'x', results: [{ check: 'A1', passed: false, statuses: [401, 403] }], meta: { a: 1 } },
      want: '| check | passed | statuses |\n| --- | --- | --- |\n| A1 | no | 401, 403 |',
    },
    {
      given: { requests: 100, errors: 0, nested: { skip: true } },
      want: '| key | value |\n| --- | --- |\n| requests | 100 |\n| errors | 0 |',
    },
    { given: 42, want: '| value |\n| --- |\n| 42 |' },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given), () => {
      expect(renderJsonAsMarkdown(given)).toBe(want);
    });
  }
});

test.describe('replaceSection', () => {
  const B = '<!-- BEGIN GENERATED: bench -->';
  const E = '<!-- END GENERATED: bench -->';
  const rows = [
    { given: `intro\n${B}\nold\n${E}\nrest`, want: `intro\n${B}\nnew\n${E}\nrest` },
    { given: `${B}${E}`, want: `${B}\nnew\n${E}` },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given), () => {
      expect(replaceSection(given, 'bench', '\nnew\n\n')).toBe(want);
    });
  }

  const errors = [
    { given: 'no markers', want: /no "bench" section/ },
    { given: `${E}\n${B}`, want: /END marker comes before/ },
    { given: `${B}\n${B}\n${E}`, want: /two "bench" BEGIN markers/ },
  ];
  for (const { given, want } of errors) {
    test(`error: ${JSON.stringify(given)}`, () => {
      expect(() => replaceSection(given, 'bench', 'x')).toThrow(want);
    });
  }
});

test.describe('renderSelfCheckMarkdown', () => {
  const rows: { given: unknown; want: string }[] = [
    {
      given: {
        generatedAt: '2026-11-28T10:00:00Z',
        score: { detected: 1, total: 1, ratio: 1 },
        clean: [{ name: 'clean', passed: true }],
        faults: [
          {
            name: 'post-token-200',
            description: 'postToken answers 200',
            family: 'status',
            rule: 'C1',
            detected: true,
            by: ['postToken › 201 echoes'],
          },
          {
            name: 'get-token-hangs',
            description: 'getToken never answers',
            family: 'protocol',
            rule: 'A7',
            detected: false,
            undetectableByDesign: 'hangs forever',
            by: [],
          },
        ],
      },
      want: [
        "Mutation score: **1/1 = 100.0%** of the reference server's injected faults detected (run 2026-11-28).",
        '',
        '| fault | what the faulty server does | family | rule | detected | first test that caught it |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `post-token-200` | postToken answers 200 | status | C1 | yes | postToken › 201 echoes |',
        '| `get-token-hangs` | getToken never answers | protocol | A7 | n/a (hangs forever) | — |',
        '',
        '| clean run | passed |',
        '| --- | --- |',
        '| clean | yes |',
      ].join('\n'),
    },
    { given: { unexpected: 'shape' }, want: '| key | value |\n| --- | --- |\n| unexpected | shape |' },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given).slice(0, 80), () => {
      expect(renderSelfCheckMarkdown(given)).toBe(want);
    });
  }
});

test.describe('renderBenchMarkdown', () => {
  const rows: { given: unknown; want: string }[] = [
    {
      given: {
        machine: { cores: 2, cpuModel: 'AMD EPYC', node: 'v20.20.2', startedAt: '2026-11-28T09:51:17.959Z' },
        targets: [
          { id: 'compile', description: 'schema compile', limit: 500, unit: 'ms', value: 123.456, verdict: 'PASS', reason: 'median of 3' },
          { id: 'overhead', description: 'overhead', limit: 5, unit: '%', value: null, verdict: 'NOT MEASURED', reason: 'phase skipped' },
        ],
      },
      want: [
        '| target | limit | measured | verdict | why |',
        '| --- | --- | --- | --- | --- |',
        '| schema compile | 500 ms | 123.46 ms | PASS | median of 3 |',
        '| overhead | 5 % | — | NOT MEASURED | phase skipped |',
        '',
        'Measured on 2 cores (AMD EPYC), node v20.20.2, 2026-11-28.',
      ].join('\n'),
    },
    { given: [{ a: 1 }], want: '| a |\n| --- |\n| 1 |' },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given).slice(0, 80), () => {
      expect(renderBenchMarkdown(given)).toBe(want);
    });
  }
});
