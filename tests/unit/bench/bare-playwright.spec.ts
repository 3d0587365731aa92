import { expect, test } from '@playwright/test';
import { buildBareTestPlans, renderBareConfig, renderBareSpec, type BareTestPlan } from '../../../src/bench/bare-playwright';
import type { TestRecord } from '../../../src/bench/run-report';
import { parsePhaseTimings } from '../../../src/bench/suite-run';
import { bareLowerBoundMs } from '../../../src/bench/latency-bench';

test('buildBareTestPlans: one bare test per suite test, same requests in order; statuses no floor can provoke become the success case', () => {
  const tests: TestRecord[] = [
    { id: 'a.spec.ts › one', status: 'passed', durationMs: 5, observations: [{ operationId: 'postToken', method: 'POST', status: 201 }, { operationId: 'getToken', method: 'GET', status: 404 }, { operationId: 'deleteToken', method: 'DELETE', status: 204 }] },
    { id: 'a.spec.ts › two', status: 'passed', durationMs: 5, observations: [{ operationId: 'getTokens', method: 'GET', status: 429 }] },
    { id: 'b.spec.ts › none', status: 'passed', durationMs: 1, observations: [] },
  ];
  expect(buildBareTestPlans(tests)).toEqual([
    { title: 'a.spec.ts › one', requests: [{ operationId: 'postToken', status: 201 }, { operationId: 'getToken', status: 404 }, { operationId: 'deleteToken', status: 204 }] },
    { title: 'a.spec.ts › two', requests: [{ operationId: 'getTokens', status: 200 }] },
    { title: 'b.spec.ts › none', requests: [] },
  ]);
});

test('the generated spec and config: plain Playwright, no checks, list reporter, the given workers', () => {
  const spec = renderBareSpec('/x/node_modules/@playwright/test/index.js');
  expect(spec).toContain('require("/x/node_modules/@playwright/test/index.js")');
  expect(spec).toContain('async ({ request })');
  expect(spec).not.toMatch(/expect\(/);
  const config = renderBareConfig(4);
  expect(config).toContain('workers: 4,');
  expect(config).toContain("reporter: [['list']]");
  expect(config).toContain('fullyParallel: true');
});

test.describe('parsePhaseTimings reads the timings global set-up and teardown print', () => {
  const rows: { given: string; want: { globalSetupMs: number | null; globalTeardownMs: number | null } }[] = [
    {
      given: 'target: remote http://127.0.0.1:1; token names start with ldct-x (global set-up 123 ms)\n  ok\ncleanup: created 5, deleted 5, leaked 0 (deleted by tests 5) (global teardown 45 ms)\n',
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

test.describe("bareLowerBoundMs: the bare floor's own lower bound at a latency (its tests only send requests, no waits)", () => {
  const plan = (title: string, requests: number): BareTestPlan => ({ title, requests: Array.from({ length: requests }, () => ({ operationId: 'getTokens' as const, status: 200 })) });
  const rows: { name: string; given: { tests: BareTestPlan[]; latencyMs: number; workers: number }; want: number }[] = [
    { name: 'work / workers when it is longer', given: { tests: [plan('a', 10), plan('b', 10), plan('c', 10), plan('d', 10)], latencyMs: 100, workers: 2 }, want: 2000 },
    { name: 'the longest test when it is longer', given: { tests: [plan('long', 22), plan('a', 2), plan('b', 2)], latencyMs: 100, workers: 4 }, want: 2200 },
    { name: 'no tests', given: { tests: [], latencyMs: 100, workers: 4 }, want: 0 },
  ];
  for (const { name, given, want } of rows) {
    test(`${name} → ${want} ms`, () => {
      expect(bareLowerBoundMs(given.tests, given.latencyMs, given.workers)).toBe(want);
    });
  }
});
