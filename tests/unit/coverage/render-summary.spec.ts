import { expect, test } from '@playwright/test';
import { buildCoverage } from '../../../src/coverage/coverage-model';
import { renderSummaryMarkdown } from '../../../src/coverage/render-summary';
import { buildRunSummary } from '../../../src/coverage/run-summary';
import type { FailureItem } from '../../../src/domain/run-summary';
import { DOCUMENTED_STATUSES } from './fake-tests';

/** Issue 24.4: summary.md names every failure (test, kind, signature), also when no baseline is given. */
const ROWS: { given: FailureItem; want: string }[] = [
  {
    given: {
      test: 'getToken.spec.ts › a › b',
      kind: 'contract',
      signature: { check: 'status_code_conformance', operation: 'getToken', status: 500 },
      message: 'm',
      known: false,
    },
    want: '- getToken.spec.ts › a › b — contract: `status_code_conformance on getToken 500`',
  },
  {
    given: { test: 'c', kind: 'environment', signature: { rule: 'B1' }, message: 'm', known: false },
    want: '- c — environment: `rule B1`',
  },
  {
    given: { test: 'd', kind: 'contract', signature: { rule: 'A9', operation: 'postToken' }, message: 'm', known: true },
    want: '- d — contract: `rule A9 on postToken` (known deviation)',
  },
  {
    given: { test: 'e', kind: 'assertion', signature: { check: 'assertion' }, message: 'm', known: false },
    want: '- e — assertion: `assertion`',
  },
];

test('summary.md lists every failure with its test, kind and signature, without a baseline', () => {
  const summary = {
    ...buildRunSummary({ report: buildCoverage([], DOCUMENTED_STATUSES), records: [], status: 'failed', expectations: null }),
  };
  summary.failures = ROWS.map((r) => r.given);
  const md = renderSummaryMarkdown(summary);
  expect(md).toContain(['**Failures** (4; test — kind: signature):', ...ROWS.map((r) => r.want)].join('\n'));
  expect(md).toContain('No baseline');
});

test('summary.md of a run without failures has no failure list', () => {
  const summary = buildRunSummary({ report: buildCoverage([], DOCUMENTED_STATUSES), records: [], status: 'passed', expectations: null });
  expect(renderSummaryMarkdown(summary)).not.toContain('**Failures**');
});
