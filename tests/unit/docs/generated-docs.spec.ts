import { expect, test } from '@playwright/test';
import { renderBenchHeadline, renderSelfCheckHeadline } from '../../../src/docs/render-headlines';
import { GENERATED_SECTIONS } from '../../../src/docs/generated-docs';
import { readSection, replaceSection } from '../../../src/docs/readme-sections';

test.describe('README headlines', () => {
  const rows: { given: string; render: () => string; want: string }[] = [
    {
      given: 'a self-check result',
      render: () => renderSelfCheckHeadline({ generatedAt: '2026-11-30T12:00:00Z', score: { detected: 50, total: 51, ratio: 50 / 51 } }),
      want: "Mutation score **50/51 = 98.0%** of the reference server's injected faults caught by a contract failure (run 2026-11-30).",
    },
    { given: 'no self-check result', render: () => renderSelfCheckHeadline(null), want: 'No self-check result recorded yet: run `npm run self-check`, then `npm run docs`.' },
    {
      given: 'a bench result with a miss',
      render: () => renderBenchHeadline({ machine: { cores: 2, startedAt: '2026-11-28T11:24:14Z' }, targets: [{ id: 'compile', verdict: 'PASS' }, { id: 'overhead', verdict: 'MISS' }] }),
      want: '**1 of 2** performance targets met on 2 cores, 2026-11-28 (missed: overhead).',
    },
  ];
  for (const { given, render, want } of rows) test(given, () => expect(render()).toBe(want));
});

test('a section body is read back exactly as it was written', () => {
  const page = '# t\n<!-- BEGIN GENERATED: x -->\nold\n<!-- END GENERATED: x -->\n';
  expect(readSection(replaceSection(page, 'x', 'new body'), 'x')).toBe('new body');
  expect(readSection(page, 'missing')).toBe('');
});

test('every generated page lives in README.md or docs/, and the failure examples render without a report', () => {
  for (const section of GENERATED_SECTIONS) expect(section.file).toMatch(/^(README\.md|docs\/[a-z-]+\.md)$/);
  const withoutReport = GENERATED_SECTIONS.filter((s) => !s.report);
  expect(withoutReport.map((s) => s.section).sort()).toEqual(['failure-example', 'failure-examples']);
  for (const section of withoutReport) expect(section.render(null)).toContain('contract failure(s)');
});
