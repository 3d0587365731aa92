import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { compareWithBaseline, loadBaselineSummary, type BaselineSummary } from '../../../src/expectations/baseline';
import { recordExpectations } from '../../../src/expectations/record-expectations';
import { parseExpectations } from '../../../src/expectations/expectations-file';
import type { FailureItem } from '../../../src/domain/run-summary';

const item = (test: string, status: number): FailureItem => ({
  test,
  kind: 'contract',
  signature: { check: 'status_code_conformance', operation: 'resetToken', status },
  message: 'm',
  known: false,
});

test.describe('baseline comparison', () => {
  const baseline: BaselineSummary = {
    generatedAt: '2026-11-29T03:17:00Z',
    failures: [item('a', 201), item('b', 201), item('not-run-now', 500)],
    undocumentedStatuses: [{ operation: 'resetToken', status: 201 }],
    unreachedCells: [
      { operation: 'getTokens', status: 429 },
      { operation: 'postToken', status: 400 },
    ],
  };
  const current = {
    failures: [item('a', 201), item('c', 418)],
    undocumentedStatuses: [{ operation: 'getTokens', status: 418 }],
    unreachedCells: [
      { operation: 'getTokens', status: 429 },
      { operation: 'patchToken', status: 409 },
    ],
  };
  const comparison = compareWithBaseline(current, baseline, new Set(['a', 'b', 'c']), 'prev');

  const rows: { name: string; given: string[]; want: string[] }[] = [
    { name: 'new failures', given: comparison.new.map((f) => f.test), want: ['c'] },
    { name: 'still failing', given: comparison.stillFailing.map((f) => f.test), want: ['a'] },
    // 'not-run-now' failed in the baseline but did not run here: neither fixed nor still failing.
    { name: 'fixed', given: comparison.fixed.map((f) => f.test), want: ['b'] },
    {
      name: 'new undocumented',
      given: comparison.undocumentedStatuses.new.map((c) => `${c.operation} ${c.status}`),
      want: ['getTokens 418'],
    },
    {
      name: 'gone undocumented',
      given: comparison.undocumentedStatuses.fixed.map((c) => `${c.operation} ${c.status}`),
      want: ['resetToken 201'],
    },
    { name: 'newly unreached', given: comparison.unreachedCells.new.map((c) => `${c.operation} ${c.status}`), want: ['patchToken 409'] },
    {
      name: 'still unreached',
      given: comparison.unreachedCells.stillFailing.map((c) => `${c.operation} ${c.status}`),
      want: ['getTokens 429'],
    },
    { name: 'reached now', given: comparison.unreachedCells.fixed.map((c) => `${c.operation} ${c.status}`), want: ['postToken 400'] },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(given).toEqual(want);
    });
  }
});

test("a baseline of version 2 named explore's breaking step an assertion: tonight's explore failure is still failing, not new", () => {
  const step = { rule: 'A7', operation: 'patchToken', status: 500 };
  const explore = 'explore › generated sequences';
  const comparison = compareWithBaseline(
    {
      failures: [{ test: explore, kind: 'explore', signature: step, message: 'm', known: false }],
      undocumentedStatuses: [],
      unreachedCells: [],
    },
    {
      generatedAt: '2026-12-06T03:17:00Z',
      failures: [{ test: explore, kind: 'assertion', signature: step, message: 'm', known: false }],
      undocumentedStatuses: [],
      unreachedCells: [],
    },
    new Set([explore]),
    'prev',
  );
  expect([comparison.new.length, comparison.stillFailing.length, comparison.fixed.length]).toEqual([0, 1, 0]);
});

test.describe('loading a baseline directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-'));
  const rows: { name: string; given: string | null; want: string }[] = [
    { name: 'no summary.json', given: null, want: 'does not exist (was the earlier run made with a version that writes summary.json?)' },
    { name: 'not JSON', given: '{', want: 'is not valid JSON' },
    { name: 'not a summary', given: '{"tests": {}}', want: 'is not a run summary' },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const sub = fs.mkdtempSync(path.join(dir, 'run-'));
      if (given !== null) fs.writeFileSync(path.join(sub, 'summary.json'), given);
      expect(() => loadBaselineSummary(sub)).toThrow(want);
    });
  }
  test('not a directory', () => {
    expect(() => loadBaselineSummary(path.join(dir, 'missing'))).toThrow('is not a directory');
  });

  // Issue 24: a stopped night must not become the next LD_BASELINE — every failure would read as new, none as fixed.
  const lists = { failures: [], undocumentedStatuses: [], unreachedCells: [] };
  const counts = (total: number, skipped = 0): Record<string, number> => ({
    total,
    passed: total - skipped,
    failed: 0,
    flaky: 0,
    skipped,
    knownDeviations: 0,
  });
  const usable: { given: string; summary: Record<string, unknown>; want: string | null }[] = [
    ...['config-error', 'unreachable', 'setup-failed', 'no-tests'].map((status) => ({
      given: `a stopped run (${status})`,
      summary: { status, tests: counts(0) },
      want: `is a stopped run (status ${status}): it ran no test; give the reports of a run that ran tests`,
    })),
    {
      given: 'an interrupted run that ran nothing',
      summary: { status: 'interrupted', tests: counts(0) },
      want: 'is a run that ran no test (status interrupted, 0 tests',
    },
    {
      given: 'a run whose every test was skipped',
      summary: { status: 'passed', tests: counts(3, 3) },
      want: 'is a run that ran no test (status passed, 3 tests',
    },
    { given: 'a failed run that ran tests', summary: { status: 'failed', tests: counts(5) }, want: null },
    { given: 'an interrupted run that ran some tests', summary: { status: 'interrupted', tests: counts(5, 2) }, want: null },
    { given: 'an older summary without status or counts', summary: {}, want: null },
  ];
  for (const { given, summary, want } of usable) {
    test(`as a baseline, ${given}: ${want === null ? 'accepted' : 'refused in one line'}`, () => {
      const sub = fs.mkdtempSync(path.join(dir, 'run-'));
      fs.writeFileSync(path.join(sub, 'summary.json'), JSON.stringify({ ...summary, ...lists }));
      if (want === null) expect(loadBaselineSummary(sub).failures).toEqual([]);
      else {
        expect(() => loadBaselineSummary(sub)).toThrow(want);
        expect(() => loadBaselineSummary(sub)).toThrow(/^LD_BASELINE: [^\n]+$/);
      }
    });
  }
});

test("npm run expectations merges a run's failures into a file without duplicates and keeps its comments", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-'));
  const run = path.join(dir, 'run');
  fs.mkdirSync(run);
  const environment: FailureItem = {
    test: 'e',
    kind: 'environment',
    signature: { check: 'environment' },
    message: 'rate limited',
    known: false,
  };
  fs.writeFileSync(
    path.join(run, 'summary.json'),
    JSON.stringify({
      generatedAt: 'x',
      failures: [item('a', 201), item('b', 201), environment],
      undocumentedStatuses: [],
      unreachedCells: [],
    }),
  );
  const out = path.join(dir, 'staging.yaml');
  fs.writeFileSync(
    out,
    `# team notes stay\ndeviations:\n  - test: a\n    failure: { check: status_code_conformance, operation: resetToken, status: 201 }\n    reason: ticket OPS-7\n`,
  );

  const first = recordExpectations(run, out);
  expect({ added: first.added.map((e) => e.test), already: first.alreadyListed, env: first.skippedEnvironment }).toEqual({
    added: ['b'],
    already: 1,
    env: 1,
  });
  fs.writeFileSync(out, first.text);
  expect(first.text).toContain('# team notes stay');
  expect(parseExpectations(first.text, out).map((e) => `${e.test}: ${e.reason}`)).toEqual([
    'a: ticket OPS-7',
    'b: TODO: why is this deviation accepted? (ticket, owner)',
  ]);

  const second = recordExpectations(run, out);
  expect(second.added).toEqual([]);
  expect(second.alreadyListed).toBe(2);
});
