import { expect, test } from '@playwright/test';
import { buildReport, exitCodeOf } from '../../../src/differential/diff-report';
import { checkIgnoreEntries, type IgnoreEntry } from '../../../src/differential/ignore-file';
import type { RunOutcome, SideAnswer, StepOutcome } from '../../../src/differential/run-differential';

const answer = (body: unknown): SideAnswer => ({ curl: 'curl …', response: { status: 200, headers: {}, body } });

function step(n: number, a: unknown, b: unknown, a2?: unknown): StepOutcome {
  return {
    step: n,
    operationId: 'getToken',
    shape: 's',
    answers: { a: answer(a), b: answer(b), ...(a2 === undefined ? {} : { a2: answer(a2) }) },
  };
}

function outcome(steps: StepOutcome[], incomplete: string | null = null): RunOutcome {
  return { steps, calibrated: true, incomplete, cleanup: [], issuedSecrets: [], requestsSent: steps.length * 3 };
}

function report(steps: StepOutcome[], ignores: IgnoreEntry[] = [], incomplete: string | null = null) {
  return buildReport({ outcome: outcome(steps, incomplete), a: 'A', b: 'B', plan: { seed: 1, budget: 1, file: null }, ignores });
}

test.describe('buildReport', () => {
  const cases: {
    given: string;
    steps: StepOutcome[];
    ignores?: IgnoreEntry[];
    incomplete?: string;
    want: { differences: string[]; noise: string[]; ignored: string[]; exit: number };
  }[] = [
    { given: 'equal answers', steps: [step(1, { x: 1 }, { x: 1 }, { x: 1 })], want: { differences: [], noise: [], ignored: [], exit: 0 } },
    {
      given: 'B differs, A agrees with itself',
      steps: [step(1, { x: 1 }, { x: 2 }, { x: 1 })],
      want: { differences: ['/x'], noise: [], ignored: [], exit: 1 },
    },
    {
      given: 'A differs from A at the same place: noise',
      steps: [step(1, { x: 1 }, { x: 2 }, { x: 3 })],
      want: { differences: [], noise: ['/x'], ignored: [], exit: 0 },
    },
    {
      given: 'an ignore entry with its reason',
      steps: [step(1, { x: 1 }, { x: 2 }, { x: 1 })],
      ignores: [{ operation: 'getToken', location: '/x', reason: 'known' }],
      want: { differences: [], noise: [], ignored: ['/x'], exit: 0 },
    },
    {
      given: 'one location seen at two steps is one difference',
      steps: [step(1, { x: 1 }, { x: 2 }), step(2, { x: 1 }, { x: 3 })],
      want: { differences: ['/x'], noise: [], ignored: [], exit: 1 },
    },
    { given: 'a run that could not finish', steps: [], incomplete: 'B hung', want: { differences: [], noise: [], ignored: [], exit: 3 } },
  ];
  for (const { given, steps, ignores, incomplete, want } of cases) {
    test(given, () => {
      const r = report(steps, ignores, incomplete ?? null);
      expect({
        differences: r.differences.map((d) => d.location),
        noise: r.noise.map((d) => d.location),
        ignored: r.ignored.map((d) => d.location),
        exit: exitCodeOf(r),
      }).toEqual(want);
    });
  }

  test('the steps of a grouped difference and an unused ignore entry are reported', () => {
    const r = report(
      [step(1, { x: 1 }, { x: 2 }), step(2, { x: 1 }, { x: 3 })],
      [{ operation: 'getTokens', location: 'status', reason: 'r' }],
    );
    expect(r.differences[0]?.steps).toEqual([1, 2]);
    expect(r.unusedIgnores).toEqual([{ operation: 'getTokens', location: 'status', reason: 'r' }]);
  });
});

test.describe('checkIgnoreEntries', () => {
  const bad: { given: unknown; want: RegExp }[] = [
    { given: null, want: /top-level "ignore:" list/ },
    { given: { ignore: [{ operation: 'getToken', location: '/x' }] }, want: /"reason" is required/ },
    { given: { ignore: [{ operation: 'getToken', location: '/x', reason: '  ' }] }, want: /"reason" is required/ },
    { given: { ignore: [{ operation: 'nope', location: '/x', reason: 'r' }] }, want: /"operation" must be an operationId/ },
    { given: { ignore: [{ operation: 'getToken', location: '/x', reason: 'r', test: 't' }] }, want: /unknown key\(s\) test/ },
  ];
  for (const { given, want } of bad)
    test(`refuses ${JSON.stringify(given)}`, () => expect(() => checkIgnoreEntries(given, 'ignore.yaml')).toThrow(want));
  test('accepts a well-formed entry', () =>
    expect(checkIgnoreEntries({ ignore: [{ operation: 'getToken', location: 'header content-type', reason: ' charset ' }] }, 'f')).toEqual([
      { operation: 'getToken', location: 'header content-type', reason: 'charset' },
    ]));
});
