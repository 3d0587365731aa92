import { expect, test } from '@playwright/test';
import { buildCoverage, extractCellStates, type TestRecord } from '../../../src/coverage/coverage-model';
import { buildRunSummary } from '../../../src/coverage/run-summary';
import { RULES } from '../../../src/domain/rules';
import { DOCUMENTED_STATUSES, observation } from './fake-tests';

const DOCUMENTED = DOCUMENTED_STATUSES;

function record(partial: Partial<TestRecord> & { title: string }): TestRecord {
  return { id: partial.title, status: 'passed', environmentFailure: false, rules: [], observations: [], ...partial };
}

function cellOf(tests: TestRecord[], op: keyof typeof DOCUMENTED, status: number) {
  return buildCoverage(tests, DOCUMENTED)
    .operations.find((o) => o.operationId === op)
    ?.cells.find((c) => c.status === status);
}

test.describe('cell states come only from observations', () => {
  const rows: { name: string; given: TestRecord[]; want: { state: string; observed: number; nonConformant: number } }[] = [
    { name: 'no observation', given: [], want: { state: 'not-reached', observed: 0, nonConformant: 0 } },
    {
      name: 'conformant responses',
      given: [record({ title: 't1', observations: [observation({ status: 404 }), observation({ status: 404 })] })],
      want: { state: 'validated', observed: 2, nonConformant: 0 },
    },
    {
      name: 'one non-conformant response fails the cell',
      given: [
        record({ title: 't1', observations: [observation({ status: 404 })] }),
        record({ title: 't2', observations: [observation({ status: 404, conformant: false, failedChecks: ['body: /code missing'] })] }),
      ],
      want: { state: 'failed', observed: 2, nonConformant: 1 },
    },
    {
      // A skipped or failed test's observations still count: the response was received and checked.
      name: 'observations of a failed test count',
      given: [record({ title: 't1', status: 'failed', observations: [observation({ status: 404 })] })],
      want: { state: 'validated', observed: 1, nonConformant: 0 },
    },
    {
      name: 'other operations do not leak into the cell',
      given: [record({ title: 't1', observations: [observation({ operationId: 'deleteToken', status: 404 })] })],
      want: { state: 'not-reached', observed: 0, nonConformant: 0 },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(cellOf(given, 'getToken', 404)).toMatchObject(want);
    });
  }
});

test('not-reached cells carry the declared reason; reached ones do not', () => {
  expect(cellOf([], 'patchToken', 409)?.reason).toMatch(/optimistic locking/);
  expect(cellOf([], 'getToken', 429)?.reason).toMatch(/rate-limits/);
  expect(cellOf([], 'getToken', 404)?.reason).toBeUndefined();
  const reached = [record({ title: 't', observations: [observation({ operationId: 'patchToken', method: 'PATCH', status: 409 })] })];
  expect(cellOf(reached, 'patchToken', 409)).toMatchObject({ state: 'validated' });
  expect(cellOf(reached, 'patchToken', 409)?.reason).toBeUndefined();
});

test('undocumented statuses go to their own column, not a documented cell', () => {
  const tests = [
    record({ title: 'a', observations: [observation({ operationId: 'deleteToken', status: 500, conformant: false })] }),
    record({
      title: 'b',
      observations: [
        observation({ operationId: 'deleteToken', status: 500, conformant: false }),
        observation({ operationId: 'deleteToken', status: 200, conformant: false }),
      ],
    }),
  ];
  const report = buildCoverage(tests, DOCUMENTED);
  const row = report.operations.find((o) => o.operationId === 'deleteToken');
  expect(row?.undocumented).toEqual([
    { status: 200, observed: 1, tests: ['b'] },
    { status: 500, observed: 2, tests: ['a', 'b'] },
  ]);
  expect(row?.cells.map((c) => c.status)).toEqual([204, 401, 403, 404, 429]);
  expect(report.summary.undocumentedObservations).toBe(3);
});

test.describe('one failure, one rule (issue 24.1)', () => {
  const EXPLORE_RULES = ['A1', 'A2', 'A3', 'A6', 'A7', 'B1', 'C1', 'D1', 'E1', 'F1', 'G1', 'H1'];
  const failedRules = (tests: TestRecord[]): string[] =>
    buildCoverage(tests, DOCUMENTED)
      .rules.filter((r) => r.state === 'failed')
      .map((r) => r.id);
  const rows: { name: string; given: TestRecord[]; want: string[] }[] = [
    {
      name: 'an explore failure marks the rule its breaking step broke, not every rule explore covers',
      given: [
        record({
          title: 'explore',
          status: 'failed',
          rules: EXPLORE_RULES,
          failures: [{ kind: 'contract', signature: { rule: 'A7', operation: 'patchToken', status: 500 }, message: 'm' }],
        }),
      ],
      want: ['A7'],
    },
    {
      name: 'a contract check marks its own rule, not the rules of the test that met it',
      given: [
        record({
          title: 'getTokens showAll',
          status: 'failed',
          rules: ['B2', 'B3'],
          failures: [
            { kind: 'contract', signature: { check: 'status_code_conformance', operation: 'getTokens', status: 418 }, message: 'm' },
          ],
        }),
      ],
      want: ['A2'],
    },
    {
      name: "a behaviour assertion marks the test's rules",
      given: [
        record({
          title: 'reader delete',
          status: 'failed',
          rules: ['B1'],
          failures: [{ kind: 'assertion', signature: { rule: 'B1', operation: 'deleteToken', status: 204 }, message: 'm' }],
        }),
      ],
      want: ['B1'],
    },
    {
      name: 'a hang marks A7 though the test that met it names D1',
      given: [
        record({
          title: 'read',
          status: 'failed',
          rules: ['D1'],
          failures: [{ kind: 'contract', signature: { rule: 'A7', operation: 'getToken' }, message: 'm' }],
        }),
      ],
      want: ['A7'],
    },
    {
      name: 'a failed test with no recorded signature marks every rule it names (nothing says which broke)',
      given: [record({ title: 'died', status: 'failed', rules: ['C1', 'C2'] })],
      want: ['C1', 'C2'],
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(failedRules(given)).toEqual(want);
    });
  }

  test('a rule the failed test names but did not break is inconclusive when nothing else judged it, passed when another test did', () => {
    const explore = record({
      title: 'explore',
      status: 'failed',
      rules: ['A7', 'F1'],
      failures: [{ kind: 'contract', signature: { rule: 'A7', operation: 'patchToken', status: 500 }, message: 'm' }],
    });
    const stateOf = (tests: TestRecord[], id: string): string | undefined =>
      buildCoverage(tests, DOCUMENTED).rules.find((r) => r.id === id)?.state;
    expect(stateOf([explore], 'F1')).toBe('inconclusive');
    expect(stateOf([explore, record({ title: 'delete', rules: ['F1'] })], 'F1')).toBe('passed');
  });
});

test.describe('rule states', () => {
  const rows: { name: string; given: TestRecord[]; want: string }[] = [
    { name: 'no test names the rule', given: [], want: 'not-run' },
    { name: 'only skipped tests', given: [record({ title: 's', status: 'skipped', rules: ['F1'] })], want: 'not-run' },
    { name: 'a passing test', given: [record({ title: 'p', rules: ['F1'] })], want: 'passed' },
    {
      name: 'a contract failure outranks a pass',
      given: [record({ title: 'p', rules: ['F1'] }), record({ title: 'f', status: 'failed', rules: ['F1'] })],
      want: 'failed',
    },
    {
      name: 'only environment failures',
      given: [record({ title: 'e', status: 'failed', environmentFailure: true, rules: ['F1'] })],
      want: 'environment-failure',
    },
    {
      name: 'an environment failure next to a pass',
      given: [record({ title: 'p', rules: ['F1'] }), record({ title: 'e', status: 'failed', environmentFailure: true, rules: ['F1'] })],
      want: 'passed',
    },
    {
      name: 'every test of the rule passed but gave up judging: inconclusive, not passed',
      given: [
        record({ title: 'i1', rules: ['F1'], inconclusive: ['F1: list longer than the walk bound'] }),
        record({ title: 'i2', rules: ['F1'], inconclusive: ['x'] }),
      ],
      want: 'inconclusive',
    },
    {
      name: 'a test that gave up on another rule only (its reason names B6) judged this one: passed',
      given: [record({ title: 'm', rules: ['F1', 'B6'], inconclusive: ['B6: LD_OTHER_MEMBER_TOKEN is not set'] })],
      want: 'passed',
    },
    {
      name: 'a test whose reason names no rule gave up on every rule it names: inconclusive',
      given: [record({ title: 'm', rules: ['F1', 'B6'], inconclusive: ['stopped: rate limited'] })],
      want: 'inconclusive',
    },
    {
      name: 'an inconclusive test next to one that judged and passed',
      given: [record({ title: 'i', rules: ['F1'], inconclusive: ['x'] }), record({ title: 'p', rules: ['F1'] })],
      want: 'passed',
    },
    {
      name: 'a contract failure outranks inconclusive',
      given: [record({ title: 'i', rules: ['F1'], inconclusive: ['x'] }), record({ title: 'f', status: 'failed', rules: ['F1'] })],
      want: 'failed',
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(buildCoverage(given, DOCUMENTED).rules.find((r) => r.id === 'F1')?.state).toBe(want);
    });
  }

  test('every rule of rules.ts gets a row, and unknown ids are reported', () => {
    const report = buildCoverage([record({ title: 't', rules: ['A1', 'Z9'] })], DOCUMENTED);
    expect(report.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(report.rules).toHaveLength(RULES.length);
    expect(report.unknownRuleIds).toEqual(['Z9']);
  });
});

test('inconclusive outcomes are counted and listed with their reasons (CoverageReport.inconclusive)', () => {
  const report = buildCoverage(
    [record({ title: 'g3', rules: ['G3'], inconclusive: ['G3: too close to the expiry'] }), record({ title: 'ok', rules: ['G1'] })],
    DOCUMENTED,
  );
  expect(report.summary).toMatchObject({ inconclusiveTests: 1, rulesInconclusive: 1 });
  expect(report.inconclusive).toEqual({ tests: 1, entries: [{ title: 'g3', rules: ['G3'], reasons: ['G3: too close to the expiry'] }] });
});

test('contract and environment failures are counted apart', () => {
  const tests = [
    record({ title: 'ok' }),
    record({ title: 'contract', status: 'failed', errorSummary: 'expected 404, got 500' }),
    record({ title: 'env1', status: 'failed', environmentFailure: true, errorSummary: 'Environment failure: budget' }),
    record({ title: 'env2', status: 'failed', environmentFailure: true }),
    record({ title: 'skip', status: 'skipped' }),
  ];
  const report = buildCoverage(tests, DOCUMENTED);
  expect(report.summary).toMatchObject({
    tests: { total: 5, passed: 1, failed: 3, flaky: 0, skipped: 1 },
    contractFailures: 1,
    environmentFailures: 2,
  });
  expect(report.failures).toEqual([
    { title: 'contract', kind: 'contract', message: 'expected 404, got 500' },
    { title: 'env1', kind: 'environment', message: 'Environment failure: budget' },
    { title: 'env2', kind: 'environment', message: '' },
  ]);
});

test('cell states do not depend on test order (what a shard merge changes)', () => {
  const tests = [
    record({ title: 'a', rules: ['D1'], observations: [observation({ status: 200 })] }),
    record({ title: 'b', status: 'failed', rules: ['A6'], observations: [observation({ status: 404, conformant: false })] }),
    record({ title: 'c', rules: ['A6'], observations: [observation({ operationId: 'resetToken', status: 500 })] }),
  ];
  const forward = extractCellStates(buildCoverage(tests, DOCUMENTED));
  const backward = extractCellStates(buildCoverage([...tests].reverse(), DOCUMENTED));
  expect(backward).toEqual(forward);
  expect(forward).toMatchObject({
    'getToken 200': 'validated',
    'getToken 404': 'failed',
    'resetToken 500': 'undocumented',
    'rule A6': 'failed',
    'rule D1': 'passed',
  });
});

test('a rule whose tests all hit environment failures is not counted as checked', () => {
  const tests = [
    record({ title: 'p', rules: ['A1'] }),
    record({ title: 'f', status: 'failed', rules: ['A6'] }),
    record({ title: 'e', status: 'failed', environmentFailure: true, rules: ['G3'] }),
  ];
  expect(buildCoverage(tests, DOCUMENTED).summary).toMatchObject({ rulesChecked: 2, rulesEnvironmentOnly: 1, rulesTotal: RULES.length });
});

test.describe('known deviations are marked apart in the matrix and the rules', () => {
  const bad = observation({ operationId: 'resetToken', status: 200, conformant: false, failedChecks: ['response_schema_conformance'] });
  const rows: { name: string; given: TestRecord[]; want: { cell: string; rule: string; known: number; contract: number } }[] = [
    {
      name: 'only a known-deviation test broke the cell',
      given: [record({ title: 'k', status: 'known-deviation', rules: ['G1'], observations: [bad] })],
      want: { cell: 'known-deviation', rule: 'known-deviation', known: 1, contract: 0 },
    },
    {
      name: 'another, ordinary failure in the same cell keeps it failed',
      given: [
        record({ title: 'k', status: 'known-deviation', rules: ['G1'], observations: [bad] }),
        record({ title: 'f', status: 'failed', rules: ['G1'], observations: [bad] }),
      ],
      want: { cell: 'failed', rule: 'failed', known: 1, contract: 1 },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const report = buildCoverage(given, DOCUMENTED);
      const cell = report.operations.find((o) => o.operationId === 'resetToken')?.cells.find((c) => c.status === 200);
      expect({
        cell: cell?.state,
        rule: report.rules.find((r) => r.id === 'G1')?.state,
        known: report.summary.tests.knownDeviations,
        contract: report.summary.contractFailures,
      }).toEqual(want);
    });
  }
});

test('coverage.json and summary.json name the LD-API-Version the run sent (null when a synthetic run gives none)', () => {
  const rows: { given: string | undefined; want: string | null }[] = [
    { given: '20220603', want: '20220603' },
    { given: 'beta', want: 'beta' },
    { given: undefined, want: null },
  ];
  for (const { given, want } of rows) {
    const report = buildCoverage([], DOCUMENTED_STATUSES, given === undefined ? {} : { apiVersion: given });
    expect(report.apiVersion, String(given)).toBe(want);
    expect(buildRunSummary({ report, records: [], status: 'passed', expectations: null }).apiVersion, String(given)).toBe(want);
  }
});

test("summary.json's knownDeviations.entries counts the expectations file's entries (the history tracks its size)", () => {
  const entry = { test: 'a › b', failure: { operation: 'getTokens', status: 200 }, reason: 'staging pages by 20' };
  const rows: { given: string; expectations: Parameters<typeof buildRunSummary>[0]['expectations']; want: number }[] = [
    { given: 'no LD_EXPECTATIONS', expectations: null, want: 0 },
    {
      given: 'a file of three entries, none of whose tests ran',
      expectations: { file: 'x.yaml', entries: [entry, entry, entry], strict: false },
      want: 3,
    },
  ];
  for (const { given, expectations, want } of rows) {
    const summary = buildRunSummary({ report: buildCoverage([], DOCUMENTED_STATUSES), records: [], status: 'passed', expectations });
    expect(summary.knownDeviations.entries, given).toBe(want);
  }
});
