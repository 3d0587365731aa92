import path from 'node:path';
import { ESLint } from 'eslint';
import { expect, test } from '@playwright/test';
import { floorViolation, roomOf } from '../../../eslint-floors.cjs';
import { ROOMS } from '../../../import-floors.cjs';
import { importCircles, importGraph, sourceFiles } from './import-graph';

/**
 * ARCHITECTURE.md's floors, kept by lint: eslint.config.mjs runs `floors/no-upward-import` (eslint-floors.cjs)
 * over the table in import-floors.cjs. These tests prove the rule judges the pairs it must, that lint really
 * fails on a planted back-import (so the rule cannot pass by being switched off), that every source folder sits
 * on a floor, and that the code's own import graph (resolved by TypeScript, not by a regex) has no circle.
 */
const ROOT = path.resolve(__dirname, '../../..');

const pairs: { given: string; from: string; imports: string; want: 'allowed' | 'refused' }[] = [
  {
    given: 'the judge does not import the judged session',
    from: 'src/contract/checks.ts',
    imports: '../session/suite-api',
    want: 'refused',
  },
  { given: 'the judged session imports the judge', from: 'src/session/suite-api.ts', imports: '../contract', want: 'allowed' },
  { given: 'the judge does not import the reference server', from: 'src/contract/checks.ts', imports: '../server/faults', want: 'refused' },
  { given: 'the reference server does not import the judge', from: 'src/server/index.ts', imports: '../contract/checks', want: 'refused' },
  {
    given: 'the reference server and the alt-server share nothing',
    from: 'src/alt-server/index.ts',
    imports: '../server/faults',
    want: 'refused',
  },
  {
    given: 'config reads variables and loads no expectations',
    from: 'src/config/load-config.ts',
    imports: '../expectations/baseline',
    want: 'refused',
  },
  {
    given: 'the client does not import hygiene (secrets sit below both)',
    from: 'src/client/api-client.ts',
    imports: '../hygiene/artifact-scan',
    want: 'refused',
  },
  {
    given: 'the client announces secrets to the store below it',
    from: 'src/client/api-client.ts',
    imports: '../secrets/secret-store',
    want: 'allowed',
  },
  {
    given: 'the differential run builds its plan with explore',
    from: 'src/differential/build-plan.ts',
    imports: '../explore/inputs',
    want: 'allowed',
  },
  {
    given: 'the differential run does not import the reference server (the script hands one in)',
    from: 'src/differential/diff-command.ts',
    imports: '../server/index',
    want: 'refused',
  },
  {
    given: 'hygiene does not import the differential run above it',
    from: 'src/hygiene/artifact-scan.ts',
    imports: '../differential/plan',
    want: 'refused',
  },
  { given: 'the domain imports nothing above it', from: 'src/domain/rules.ts', imports: '../spec/load-spec', want: 'refused' },
  { given: 'explore uses the judged session', from: 'src/explore/explore-system.ts', imports: '../session/suite-api', want: 'allowed' },
  {
    given: 'a room on the same floor is not below',
    from: 'src/coverage/coverage-model.ts',
    imports: '../hygiene/outside-verdict',
    want: 'refused',
  },
  { given: 'nothing under src/ imports the tests', from: 'src/harness/run-suite.ts', imports: '../../tests/fixtures', want: 'refused' },
  { given: 'no script imports the tests', from: 'scripts/explore-seeds.ts', imports: '../tests/support/sleep', want: 'refused' },
  { given: 'tests import anything in src', from: 'tests/fixtures.ts', imports: '../src/session/judged-session', want: 'allowed' },
  {
    given: 'the history reads the summary validator below it',
    from: 'src/history/load-summaries.ts',
    imports: '../coverage/validate-summary',
    want: 'allowed',
  },
  {
    given: 'the history does not import the harness on its floor',
    from: 'src/history/build-history.ts',
    imports: '../harness/run-suite',
    want: 'refused',
  },
  {
    given: 'the coverage model does not import the history above it',
    from: 'src/coverage/run-summary.ts',
    imports: '../history/build-history',
    want: 'refused',
  },
  { given: 'a package is not a room', from: 'src/contract/checks.ts', imports: 'ajv', want: 'allowed' },
];

for (const { given, from, imports, want } of pairs) {
  test(`floors: ${given}`, () => {
    const violation = floorViolation(from, imports);
    expect(violation === undefined ? 'allowed' : 'refused', violation ?? `${from} → ${imports}`).toBe(want);
  });
}

test('lint fails on a planted back-import and passes the same file without it', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const filePath = path.join(ROOT, 'src/contract/checks.ts');
  const original = (await import('node:fs')).readFileSync(filePath, 'utf8');
  const floorErrors = async (text: string): Promise<string[]> => {
    const [result] = await eslint.lintText(text, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'floors/no-upward-import').map((m) => m.message);
  };
  expect(await floorErrors(original)).toEqual([]);
  const planted = `import { SuiteApi } from '../session/suite-api';\nexport type Planted = SuiteApi;\n${original}`;
  expect(await floorErrors(planted)).toEqual([
    'src/contract may not import src/session (floor 5 is not below floor 3; ARCHITECTURE.md, import-floors.cjs)',
  ]);
});

test('every folder of src/ sits on a floor of the table', () => {
  const unplaced = sourceFiles(ROOT, ['src']).filter((file) => roomOf(file) === undefined);
  expect(unplaced, 'add the folder to import-floors.cjs and ARCHITECTURE.md').toEqual([]);
  expect(ROOMS.length).toBeGreaterThan(10);
});

test('the import graph has no circle (TypeScript resolves every import of src, scripts and tests)', () => {
  const files = sourceFiles(ROOT, ['src', 'scripts', 'tests']);
  const graph = importGraph(ROOT, files);
  // The graph must be real, or "no circle" would hold of nothing: the judged session imports the judge.
  expect(graph.get('src/session/exchange-recorder.ts')).toContain('src/contract/index.ts');
  expect(importCircles(graph)).toEqual([]);
});

test('the circle finder finds a circle (so the test above cannot pass by finding none)', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
});
