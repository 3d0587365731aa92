import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildCoverage, type TestRecord } from '../../../src/coverage/coverage-model';
import type { DocumentedStatuses } from '../../../src/coverage/documented-statuses';
import { renderSummaryConsole } from '../../../src/coverage/render-summary';
import type { FailureItem } from '../../../src/domain/run-summary';
import { parseExpectations, TODO_REASON, type ExpectationEntry } from '../../../src/expectations/expectations-file';
import type { FailureSignature, TestFailure } from '../../../src/expectations/failure-signature';
import { isKnownDeviation, matchTestFailures } from '../../../src/expectations/match';
import { recordExpectations } from '../../../src/expectations/record-expectations';
import { buildSummaryForRun } from '../../../src/reporters/summary-writer';

/**
 * Issue 24.5, expectations per cause: `npm run expectations` writes one entry per test, rule, operation and
 * status (an HTML 413 breaking three checks is one entry, not three), that entry covers every contract check
 * on that response and nothing else, files with one check per entry still match, and a reason left as the
 * TODO placeholder warns in every run and fails it under LD_EXPECTATIONS_STRICT=1.
 */

const T = 'postToken.spec.ts › postToken › postToken 201 creates a token';
const U = 'postToken.spec.ts › postToken › postToken 201 with a 2 MiB description';
const THREE_CHECKS = ['status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];
const NOW = new Date('2026-11-30T12:00:00Z');

const contract = (check: string, operation = 'postToken', status = 413): TestFailure => ({
  kind: 'contract',
  signature: { check, operation, status },
  message: 'm',
});
const assertion = (rule: string, operation = 'postToken', status = 413): TestFailure => ({
  kind: 'assertion',
  signature: { rule, operation, status },
  message: 'm',
});
const item = (testTitle: string, failure: TestFailure): FailureItem => ({ test: testTitle, ...failure, known: false });

test.describe('recording: one entry per test, rule, operation and status', () => {
  const rows: {
    name: string;
    given: FailureItem[];
    want: { entries: { test: string; failure: FailureSignature }[]; seen: string[] };
  }[] = [
    {
      name: '3 checks × 1 cause → 1 entry',
      given: THREE_CHECKS.map((c) => item(T, contract(c))),
      want: { entries: [{ test: T, failure: { operation: 'postToken', status: 413 } }], seen: [THREE_CHECKS.join(', ')] },
    },
    {
      name: '2 causes (two statuses) → 2 entries',
      given: [...THREE_CHECKS.map((c) => item(T, contract(c))), item(T, contract('json_parse', 'postToken', 502))],
      want: {
        entries: [
          { test: T, failure: { operation: 'postToken', status: 413 } },
          { test: T, failure: { operation: 'postToken', status: 502 } },
        ],
        seen: [THREE_CHECKS.join(', '), 'json_parse'],
      },
    },
    {
      name: '3 checks × 2 tests → 2 entries (the issue: it recorded 6)',
      given: [U, T].flatMap((t) => THREE_CHECKS.map((c) => item(t, contract(c)))),
      want: {
        entries: [
          { test: U, failure: { operation: 'postToken', status: 413 } },
          { test: T, failure: { operation: 'postToken', status: 413 } },
        ],
        seen: [THREE_CHECKS.join(', '), THREE_CHECKS.join(', ')],
      },
    },
    {
      name: 'an assertion on the same response is its own cause (its rule)',
      given: [item(T, contract('status_code_conformance')), item(T, assertion('C1,C2'))],
      want: {
        entries: [
          { test: T, failure: { operation: 'postToken', status: 413 } },
          { test: T, failure: { rule: 'C1,C2', operation: 'postToken', status: 413 } },
        ],
        seen: ['status_code_conformance'],
      },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'per-cause-'));
      fs.writeFileSync(
        path.join(dir, 'summary.json'),
        JSON.stringify({ generatedAt: 'x', failures: given, undocumentedStatuses: [], unreachedCells: [] }),
      );
      const out = path.join(dir, 'staging.yaml');
      const result = recordExpectations(dir, out);
      const entries = parseExpectations(result.text, out);
      expect({
        entries: entries.map((e) => ({ test: e.test, failure: e.failure })),
        seen: [...result.text.matchAll(/this run saw: (.*)$/gm)].map((m) => m[1]),
      }).toEqual(want);
      expect(entries.every((e) => e.reason === TODO_REASON)).toBe(true);
      // What it wrote covers what the run failed with, all of it.
      for (const testTitle of new Set(given.map((g) => g.test))) {
        const failures = given.filter((g) => g.test === testTitle);
        expect(matchTestFailures(testTitle, failures, entries, NOW).unmatched).toEqual([]);
      }
      fs.writeFileSync(out, result.text);
      const again = recordExpectations(dir, out);
      expect({ added: again.added.length, alreadyListed: again.alreadyListed }).toEqual({ added: 0, alreadyListed: given.length });
    });
  }
});

test.describe('matching an entry per cause', () => {
  // As the file spells it: `failure: { operation: postToken, status: 413 }` (parsed in the last test below).
  const cause: ExpectationEntry = { test: T, failure: { operation: 'postToken', status: 413 }, reason: 'HTML 413' };
  // A file written before entries per cause: one check per entry.
  const perCheck = parseExpectations(
    `deviations:\n  - test: "${T}"\n    failure: { check: content_type_conformance, operation: postToken, status: 413 }\n    reason: HTML 413\n`,
    'old.yaml',
  );
  const rows: {
    name: string;
    given: { failures: TestFailure[]; entries: ExpectationEntry[]; title?: string };
    want: { matched: number; unmatched: number; known: boolean };
  }[] = [
    {
      name: 'every check on that response, whatever the check',
      given: { failures: [...THREE_CHECKS, 'json_parse'].map((c) => contract(c)), entries: [cause] },
      want: { matched: 4, unmatched: 0, known: true },
    },
    {
      name: 'another status is not covered',
      given: { failures: [contract('content_type_conformance', 'postToken', 502)], entries: [cause] },
      want: { matched: 0, unmatched: 1, known: false },
    },
    {
      name: 'another operation is not covered',
      given: { failures: [contract('content_type_conformance', 'patchToken', 413)], entries: [cause] },
      want: { matched: 0, unmatched: 1, known: false },
    },
    {
      name: 'an assertion on the same response is not covered',
      given: { failures: [contract('status_code_conformance'), assertion('C1')], entries: [cause] },
      want: { matched: 1, unmatched: 1, known: false },
    },
    {
      name: 'an environment failure is not covered',
      given: {
        failures: [{ kind: 'environment', signature: { check: 'environment', operation: 'postToken', status: 413 }, message: 'm' }],
        entries: [cause],
      },
      want: { matched: 0, unmatched: 1, known: false },
    },
    {
      name: 'another test is not covered',
      given: { failures: [contract('status_code_conformance')], entries: [cause], title: U },
      want: { matched: 0, unmatched: 1, known: false },
    },
    {
      name: 'an old per-check file still matches its check',
      given: { failures: [contract('content_type_conformance')], entries: perCheck },
      want: { matched: 1, unmatched: 0, known: true },
    },
    {
      name: 'an old per-check file covers only its check',
      given: { failures: [contract('content_type_conformance'), contract('response_schema_conformance')], entries: perCheck },
      want: { matched: 1, unmatched: 1, known: false },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const match = matchTestFailures(given.title ?? T, given.failures, given.entries, NOW);
      expect({ matched: match.matched.length, unmatched: match.unmatched.length, known: isKnownDeviation(match) }).toEqual(want);
    });
  }

  test('with both in a file, a failure is reported against the per-check entry', () => {
    const entries = [cause, ...perCheck];
    const match = matchTestFailures(T, [contract('content_type_conformance'), contract('json_parse')], entries, NOW);
    expect(match.matched.map((m) => m.entry.failure)).toEqual([
      { check: 'content_type_conformance', operation: 'postToken', status: 413 },
      { operation: 'postToken', status: 413 },
    ]);
  });

  test('the file spells an entry per cause without check or rule, and it must name the response', () => {
    const text = (failure: string): string => `deviations:\n  - test: "${T}"\n    failure: ${failure}\n    reason: HTML 413\n`;
    expect(parseExpectations(text('{ operation: postToken, status: 413 }'), 'x.yaml')).toEqual([cause]);
    expect(() => parseExpectations(text('{ operation: postToken }'), 'x.yaml')).toThrow(
      'deviations[0].failure needs exactly one of "check" (a contract check) or "rule" (a behaviour assertion), or neither with both "operation" and "status"',
    );
  });
});

test.describe('a reason left as TODO warns in every run and fails it under strict', () => {
  const DOCUMENTED: DocumentedStatuses = {
    getTokens: [200],
    postToken: [201],
    getToken: [200],
    patchToken: [200],
    deleteToken: [204],
    resetToken: [200],
  };
  // The test of the TODO entry did not run (another shard): it is not unmatched, so only the TODO check speaks.
  const notRun: TestRecord = { id: 'n', title: T, status: 'skipped', environmentFailure: false, rules: [], observations: [] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'todo-'));
  const write = (name: string, reason: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `deviations:\n  - test: "${T}"\n    failure: { operation: postToken, status: 413 }\n    reason: "${reason}"\n`);
    return file;
  };
  const todoFile = write('todo.yaml', TODO_REASON);
  const doneFile = write('done.yaml', 'HTML 413 from the load balancer, OPS-1 (platform team)');
  const warning = `warning: ${todoFile} deviations[0] (${T}: every contract check on postToken 413) still has the TODO reason`;

  const rows: {
    name: string;
    given: Record<string, string>;
    want: { todo: string[]; warns: boolean; failRun: string | null; status: string };
  }[] = [
    {
      name: 'TODO warns (console and summary.json), the run stays green',
      given: { LD_EXPECTATIONS: todoFile },
      want: { todo: ['deviations[0]'], warns: true, failRun: null, status: 'passed' },
    },
    {
      name: 'TODO fails the run under LD_EXPECTATIONS_STRICT=1, in one line',
      given: { LD_EXPECTATIONS: todoFile, LD_EXPECTATIONS_STRICT: '1' },
      want: {
        todo: ['deviations[0]'],
        warns: true,
        failRun: `LD_EXPECTATIONS_STRICT=1: 1 known-deviation entry of ${todoFile} still has the TODO reason (deviations[0]): write why it is accepted`,
        status: 'failed',
      },
    },
    {
      name: 'a written reason neither warns nor fails, strict or not',
      given: { LD_EXPECTATIONS: doneFile, LD_EXPECTATIONS_STRICT: '1' },
      want: { todo: [], warns: false, failRun: null, status: 'passed' },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const saved = { ...process.env };
      Object.assign(process.env, given);
      try {
        const report = buildCoverage([notRun], DOCUMENTED);
        const { summary, failRun } = buildSummaryForRun(report, [notRun], 'passed', [], dir);
        const consoleText = renderSummaryConsole(summary);
        expect({
          todo: summary.knownDeviations.todo.map((d) => d.entry),
          warns: consoleText.includes(warning),
          failRun,
          status: summary.status,
        }).toEqual(want);
        expect(summary.knownDeviations.unmatched).toEqual([]);
        expect(failRun ?? '').not.toContain('\n');
      } finally {
        for (const key of Object.keys(given)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    });
  }
});
