import { expect, test } from '@playwright/test';
import type { LatencyThresholds } from '../../../src/config/suite-config';
import { buildCoverage } from '../../../src/coverage/coverage-model';
import type { DocumentedStatuses } from '../../../src/coverage/documented-statuses';
import { formatMs, nearestRank, summariseLatency } from '../../../src/coverage/latency';
import { renderCoverageConsole } from '../../../src/coverage/render-coverage-console';
import { renderCoverageHtml } from '../../../src/coverage/render-coverage-html';
import { observation } from './fake-tests';

const DOCUMENTED: DocumentedStatuses = {
  getTokens: [200, 401],
  postToken: [201, 400],
  getToken: [200, 404],
  patchToken: [200, 400],
  deleteToken: [204, 404],
  resetToken: [200, 404],
};

test.describe('nearestRank', () => {
  const rows: { given: { values: number[]; q: number }; want: number | null }[] = [
    { given: { values: [], q: 0.5 }, want: null },
    { given: { values: [7], q: 0.95 }, want: 7 },
    { given: { values: [1, 2, 3, 4], q: 0.5 }, want: 2 },
    { given: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], q: 0.95 }, want: 10 },
    { given: { values: Array.from({ length: 100 }, (_, i) => i + 1), q: 0.95 }, want: 95 },
    { given: { values: Array.from({ length: 20 }, (_, i) => i + 1), q: 0.95 }, want: 19 },
  ];
  for (const { given, want } of rows) {
    test(`${given.values.length} values, q=${given.q} → ${String(want)}`, () => {
      expect(nearestRank(given.values, given.q)).toBe(want);
    });
  }
});

test.describe('summariseLatency: per operation counts, percentiles and the threshold verdict', () => {
  // getTokens: 1..20 ms (p50 10, p95 19, max 20); postToken: 100 ms and 300 ms.
  const observations = [
    ...Array.from({ length: 20 }, (_, i) => observation({ operationId: 'getTokens', durationMs: 20 - i })),
    observation({ operationId: 'postToken', status: 201, durationMs: 300 }),
    observation({ operationId: 'postToken', status: 201, durationMs: 100 }),
    // An attachment from before timings existed adds nothing.
    observation({ operationId: 'postToken', status: 201 }),
  ];
  const rows: { name: string; given: LatencyThresholds | null; want: { getTokens: boolean; postToken: boolean; breaches: number } }[] = [
    { name: 'no threshold: reported, never judged', given: null, want: { getTokens: false, postToken: false, breaches: 0 } },
    { name: 'global above every p95', given: { all: 300, perOperation: {} }, want: { getTokens: false, postToken: false, breaches: 0 } },
    { name: 'global below one p95', given: { all: 250, perOperation: {} }, want: { getTokens: false, postToken: true, breaches: 1 } },
    {
      name: 'per operation overrides global',
      given: { all: 250, perOperation: { postToken: 400, getTokens: 18 } },
      want: { getTokens: true, postToken: false, breaches: 1 },
    },
    {
      name: 'p95 equal to the threshold is within it',
      given: { all: null, perOperation: { getTokens: 19 } },
      want: { getTokens: false, postToken: false, breaches: 0 },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const report = summariseLatency(observations, given);
      const byOp = Object.fromEntries(report.operations.map((o) => [o.operationId, o]));
      expect(byOp.getTokens).toMatchObject({ count: 20, p50Ms: 10, p95Ms: 19, maxMs: 20, breached: want.getTokens });
      expect(byOp.postToken).toMatchObject({ count: 2, p50Ms: 100, p95Ms: 300, maxMs: 300, breached: want.postToken });
      expect(byOp.deleteToken).toMatchObject({ count: 0, p50Ms: null, p95Ms: null, maxMs: null, breached: false });
      expect(report.breaches).toHaveLength(want.breaches);
    });
  }
});

test('a breach is an environment failure of the run, never a contract failure, and every report shows it', () => {
  const tests = [
    {
      id: 't1',
      title: 'lists',
      status: 'passed' as const,
      environmentFailure: false,
      rules: [],
      observations: [
        observation({ operationId: 'getTokens', durationMs: 120 }),
        observation({ operationId: 'getTokens', durationMs: 130 }),
      ],
    },
  ];
  const report = buildCoverage(tests, DOCUMENTED, { latencyThresholds: { all: 100, perOperation: {} } });
  expect(report.summary).toMatchObject({ contractFailures: 0, environmentFailures: 1, latencyBreaches: 1 });
  expect(report.failures).toEqual([
    {
      title: 'target latency: getTokens',
      kind: 'environment',
      message: 'Environment failure: getTokens p95 130 ms > 100 ms (LD_LATENCY_P95_MS) over 2 responses',
    },
  ]);
  expect(renderCoverageConsole(report)).toMatch(/getTokens {2}120 \/ 130 \/ 130 {2}n=2 {2}✘ p95 over 100 ms \(environment failure\)/);
  expect(renderCoverageConsole(report)).toContain('contract failures: 0, environment failures: 1 (1 latency breach)');
  const html = renderCoverageHtml(report);
  expect(html).toContain('id="latency"');
  expect(html).toContain(
    '<th scope="row">getTokens</th><td>2</td><td>120</td><td>130</td><td>130</td><td class="failed">✘ over 100 ms</td>',
  );

  const within = buildCoverage(tests, DOCUMENTED, { latencyThresholds: { all: 200, perOperation: {} } });
  expect(within.summary).toMatchObject({ environmentFailures: 0, latencyBreaches: 0 });
  expect(renderCoverageConsole(within)).toContain('✔ p95 within 200 ms');
});

test('formatMs: whole ms from 10 up, one decimal below, a dash for none', () => {
  expect([formatMs(null), formatMs(2.345), formatMs(10.4), formatMs(912.6)]).toEqual(['–', '2.3', '10', '913']);
});
