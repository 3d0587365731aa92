import { expect, test } from '@playwright/test';
import { buildCoverage, type TestRecord } from '../../../src/coverage/coverage-model';
import { renderCoverageHtml } from '../../../src/coverage/render-coverage-html';
import { toTestRecord } from '../../../src/coverage/test-records';
import { parseLeniencies, type LeniencyObservation } from '../../../src/domain/leniencies';
import { DOCUMENTED_STATUSES, makeFakeTest } from './fake-tests';

/**
 * Explore's answers accepted where no rule decides reach coverage.json (`leniencies`, by rule) and coverage.html:
 * what was sent, what was answered, which row of the prediction table allowed it.
 */

const TEST_ON_ID: LeniencyObservation = {
  row: 'patch-test-outside-e2',
  rule: 'E2',
  accepted: '422',
  count: 3,
  example: { sent: 'PATCH /api/v2/tokens/ab [{"op":"test","path":"/_id","value":"ab"}]', answered: '422 {"code":"patch_failed"}' },
};
const STATUS_CHOICE: LeniencyObservation = {
  row: 'patch-status-400-or-422',
  rule: 'E4',
  accepted: '422',
  count: 7,
  example: { sent: 'PATCH /api/v2/tokens/ab []', answered: '422 {}' },
};

test("the explore-leniencies attachment becomes the test record's leniencies", () => {
  const problems: string[] = [];
  const record = toTestRecord(
    makeFakeTest({ title: 'explore', leniencyBody: JSON.stringify({ leniencies: [TEST_ON_ID, STATUS_CHOICE] }) }),
    problems,
  );
  expect(problems).toEqual([]);
  expect(record.leniencies).toEqual([TEST_ON_ID, STATUS_CHOICE]);
});

test('an unreadable leniencies attachment is a problem of the report, not a crash', () => {
  const problems: string[] = [];
  const record = toTestRecord(makeFakeTest({ title: 'explore', leniencyBody: '{"leniencies":[{"row":"x","rule":"Z9"}]}' }), problems);
  expect(record.leniencies).toBeUndefined();
  expect(problems.join('\n')).toContain('explore-leniencies[0].rule "Z9" is no rule id');
});

test('coverage.json sums each row and answer over the tests, in rule order, with the tests that saw it', () => {
  const base = { status: 'passed' as const, environmentFailure: false, rules: [], observations: [] };
  const tests: TestRecord[] = [
    { ...base, id: 'a', title: 'explore shard 1', leniencies: [STATUS_CHOICE, TEST_ON_ID] },
    {
      ...base,
      id: 'b',
      title: 'explore shard 2',
      leniencies: [{ ...TEST_ON_ID, count: 2, example: { sent: 'other', answered: 'other' } }],
    },
    { ...base, id: 'c', title: 'an example test' },
  ];
  const report = buildCoverage(tests, DOCUMENTED_STATUSES);
  expect(report.leniencies.map((l) => [l.rule, l.row, l.accepted, l.count, l.tests])).toEqual([
    ['E2', 'patch-test-outside-e2', '422', 5, ['explore shard 1', 'explore shard 2']],
    ['E4', 'patch-status-400-or-422', '422', 7, ['explore shard 1']],
  ]);
  // The first example is kept.
  expect(report.leniencies[0]?.example.sent).toBe(TEST_ON_ID.example.sent);
  // Accepted is neither passed nor failed: the run's counts do not move.
  expect(report.summary.contractFailures).toBe(0);

  const html = renderCoverageHtml(report);
  expect(html).toContain('id="leniencies"');
  expect(html).toContain('patch-test-outside-e2');
  expect(html).toContain('&quot;path&quot;:&quot;/_id&quot;');
  expect(renderCoverageHtml(buildCoverage([tests[2] as TestRecord], DOCUMENTED_STATUSES))).not.toContain('id="leniencies"');
});

test('parseLeniencies refuses what is not the agreed format, naming where', () => {
  expect(() => parseLeniencies('nope')).toThrow('not JSON');
  expect(() => parseLeniencies('{}')).toThrow('no "leniencies" array');
  expect(() => parseLeniencies(JSON.stringify({ leniencies: [{ ...TEST_ON_ID, count: 0 }] }))).toThrow('[0].count');
  expect(() => parseLeniencies(JSON.stringify({ leniencies: [{ ...TEST_ON_ID, example: {} }] }))).toThrow('[0].example');
});
