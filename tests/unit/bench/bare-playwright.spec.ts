import { expect, test } from '@playwright/test';
import { buildBareTestPlans, renderBareConfig, renderBareSpec, type BareTestPlan } from '../../../src/bench/bare-playwright';
import type { TestRecord } from '../../../src/bench/run-report';
import { parsePhaseTimings } from '../../../src/bench/suite-run';
import { bareLowerBoundMs } from '../../../src/bench/latency-bench';

test('buildBareTestPlans: one bare test per suite test, same requests in order and the same deliberate wait; statuses no floor can provoke become the success case', () => {
  const tests: TestRecord[] = [
    {
      id: 'a.spec.ts › one',
      tags: [],
      status: 'passed',
      durationMs: 5,
      observations: [
        { operationId: 'postToken', method: 'POST', status: 201 },
        { operationId: 'getToken', method: 'GET', status: 404 },
        { operationId: 'deleteToken', method: 'DELETE', status: 204 },
      ],
      waitMs: 0,
    },
    {
      id: 'a.spec.ts › two',
      tags: [],
      status: 'passed',
      durationMs: 5,
      observations: [{ operationId: 'getTokens', method: 'GET', status: 429 }],
      waitMs: 4321.4,
    },
    { id: 'b.spec.ts › none', tags: [], status: 'passed', durationMs: 1, observations: [], waitMs: 0 },
  ];
  expect(buildBareTestPlans(tests)).toEqual([
    {
      title: 'a.spec.ts › one',
      requests: [
        { operationId: 'postToken', status: 201 },
        { operationId: 'getToken', status: 404 },
        { operationId: 'deleteToken', status: 204 },
      ],
      waitMs: 0,
    },
    { title: 'a.spec.ts › two', requests: [{ operationId: 'getTokens', status: 200 }], waitMs: 4321 },
    { title: 'b.spec.ts › none', requests: [], waitMs: 0 },
  ]);
});

test('the generated spec and config: plain Playwright, no checks, list reporter, the given workers', () => {
  const spec = renderBareSpec('/x/node_modules/@playwright/test/index.js');
  expect(spec).toContain('require("/x/node_modules/@playwright/test/index.js")');
  expect(spec).toContain('async ({ request })');
  expect(spec).not.toMatch(/expect\(/);
  expect(spec).toContain('setTimeout(resolve, t.waitMs)');
  const config = renderBareConfig(4);
  expect(config).toContain('workers: 4,');
  // The floor writes Playwright's own HTML and JUnit reports, as the suite does (issue 30): a fair floor.
  expect(config).toContain("['list']");
  expect(config).toContain("['junit', { outputFile: require('node:path').join(__dirname, 'junit.xml') }]");
  expect(config).toContain("['html', { outputFolder: require('node:path').join(__dirname, 'html'), open: 'never' }]");
  expect(config).toContain('fullyParallel: true');
});

test.describe('parsePhaseTimings reads the timings global set-up and teardown print', () => {
  const rows: { given: string; want: { globalSetupMs: number | null; globalTeardownMs: number | null } }[] = [
    {
      given:
        'target: remote http://127.0.0.1:1; token names start with ldct-x (global set-up 123 ms)\n  ok\ncleanup: created 5, deleted 5, leaked 0 (deleted by tests 5) (global teardown 45 ms)\n',
      want: { globalSetupMs: 123, globalTeardownMs: 45 },
    },
    { given: 'no such lines', want: { globalSetupMs: null, globalTeardownMs: null } },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given.slice(0, 40)), () => {
      expect(parsePhaseTimings(given)).toEqual(want);
    });
  }
});

test.describe("bareLowerBoundMs: the bare floor's own lower bound at a latency (its tests send requests and wait their replayed waits)", () => {
  const plan = (title: string, requests: number, waitMs = 0): BareTestPlan => ({
    title,
    requests: Array.from({ length: requests }, () => ({ operationId: 'getTokens' as const, status: 200 })),
    waitMs,
  });
  const rows: { name: string; given: { tests: BareTestPlan[]; latencyMs: number; workers: number }; want: number }[] = [
    {
      name: 'work / workers when it is longer',
      given: { tests: [plan('a', 10), plan('b', 10), plan('c', 10), plan('d', 10)], latencyMs: 100, workers: 2 },
      want: 2000,
    },
    {
      name: 'the longest test when it is longer',
      given: { tests: [plan('long', 22), plan('a', 2), plan('b', 2)], latencyMs: 100, workers: 4 },
      want: 2200,
    },
    { name: 'no tests', given: { tests: [], latencyMs: 100, workers: 4 }, want: 0 },
    {
      name: 'a wait makes the critical path',
      given: { tests: [plan('expiry', 7, 4500), plan('a', 10), plan('b', 10)], latencyMs: 100, workers: 4 },
      want: 5200,
    },
  ];
  for (const { name, given, want } of rows) {
    test(`${name} → ${want} ms`, () => {
      expect(bareLowerBoundMs(given.tests, given.latencyMs, given.workers)).toBe(want);
    });
  }
});
