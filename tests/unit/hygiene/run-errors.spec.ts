import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { EnvironmentError, HangError, RateLimitedError, TransportError } from '../../../src/client/errors';
import type { RunErrorItem } from '../../../src/domain/run-summary';
import {
  clearRunErrors,
  kindOfGlobalError,
  readRunErrors,
  recordRunError,
  RUN_ERRORS_FILE,
  runErrorKind,
} from '../../../src/hygiene/run-errors';
import { buildRunSummary } from '../../../src/coverage/run-summary';
import { renderSummaryConsole, renderSummaryMarkdown } from '../../../src/coverage/render-summary';
import { buildCoverage } from '../../../src/coverage/coverage-model';
import { DOCUMENTED_STATUSES } from '../coverage/fake-tests';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'run-errors-'));
}

const KINDS: { given: string; error: unknown; want: RunErrorItem['kind'] }[] = [
  { given: 'an environment failure', error: new EnvironmentError('network down'), want: 'environment' },
  { given: 'a rate limit that outlasts the allowance', error: new RateLimitedError('rate limited'), want: 'environment' },
  { given: 'a plain error (a leaked token, a config problem)', error: new Error('cleanup: leaked 1 token(s)'), want: 'run' },
  { given: 'a plain error whose text reads like the environment', error: new Error('Environment failure: rate limited'), want: 'run' },
  { given: 'a hang of the target', error: new HangError('getTokens', 'hung'), want: 'run' },
  { given: 'a transport error on the embedded server', error: new TransportError('refused'), want: 'run' },
  { given: 'a thrown string', error: 'boom', want: 'run' },
];

for (const { given, error, want } of KINDS) {
  test(`the kind of what stopped global set-up or teardown, given ${given}, is ${want}`, () => {
    expect(runErrorKind(error)).toBe(want);
  });
}

test('recorded errors are read back in order, for this run only', () => {
  const dir = tempDir();
  const first: RunErrorItem = { phase: 'global set-up', kind: 'environment', message: 'Environment failure: cannot reach' };
  const second: RunErrorItem = { phase: 'global teardown', kind: 'run', message: 'cleanup: leaked 1 token(s)' };
  recordRunError(dir, 'run-a', first);
  recordRunError(dir, 'run-a', second);
  expect(readRunErrors(dir, 'run-a')).toEqual([first, second]);
  expect(readRunErrors(dir, 'run-b'), "another run's file says nothing about this run").toEqual([]);
  expect(readRunErrors(dir, undefined), 'no run id, nothing to match').toEqual([]);
  expect(readRunErrors(dir, null), 'null: whichever run wrote it').toEqual([first, second]);
  // A new run starts from nothing: the next record does not append to another run's list.
  recordRunError(dir, 'run-b', second);
  expect(readRunErrors(dir, 'run-b')).toEqual([second]);
  clearRunErrors(dir);
  expect(fs.existsSync(path.join(dir, RUN_ERRORS_FILE))).toBe(false);
  expect(readRunErrors(dir, null)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a corrupt or foreign run-errors file reads as no errors, and entries of an unknown shape are dropped', () => {
  const dir = tempDir();
  const file = path.join(dir, RUN_ERRORS_FILE);
  fs.writeFileSync(file, '{not json');
  expect(readRunErrors(dir, null)).toEqual([]);
  fs.writeFileSync(file, JSON.stringify({ runId: 'r', errors: 'no list' }));
  expect(readRunErrors(dir, 'r')).toEqual([]);
  const good: RunErrorItem = { phase: 'global teardown', kind: 'environment', message: 'm' };
  fs.writeFileSync(
    file,
    JSON.stringify({ runId: 'r', errors: [good, { phase: 'global teardown', kind: 'contract', message: 'm' }, { kind: 'run' }, null] }),
  );
  expect(readRunErrors(dir, 'r')).toEqual([good]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const GLOBAL: { given: string; message: string; recorded: RunErrorItem[]; want: RunErrorItem['kind'] }[] = [
  {
    given: 'the recorded environment error as Playwright printed it',
    message: 'Error: cleanup of run r could not finish: Environment failure: rate limited',
    recorded: [
      { phase: 'global teardown', kind: 'environment', message: 'cleanup of run r could not finish: Environment failure: rate limited' },
    ],
    want: 'environment',
  },
  {
    given: 'an error nobody recorded (a worker crash), worded like the environment',
    message: 'Error: Environment failure: rate limited',
    recorded: [{ phase: 'global teardown', kind: 'environment', message: 'cleanup of run r could not finish' }],
    want: 'run',
  },
  {
    given: 'a recorded run error',
    message: 'Error: cleanup: leaked 1 token(s) of run r',
    recorded: [{ phase: 'global teardown', kind: 'run', message: 'cleanup: leaked 1 token(s) of run r' }],
    want: 'run',
  },
  { given: 'nothing recorded', message: 'Error: anything', recorded: [], want: 'run' },
];

for (const { given, message, recorded, want } of GLOBAL) {
  test(`a global error of the JSON report, given ${given}, is ${want}`, () => {
    expect(kindOfGlobalError(message, recorded)).toBe(want);
  });
}

test('summary.json lists the run errors with their kind; the console and summary.md show them', () => {
  const report = buildCoverage([], DOCUMENTED_STATUSES);
  const runErrors: RunErrorItem[] = [
    { phase: 'global teardown', kind: 'environment', message: 'cleanup of run r could not finish: rate limited\nsecond line' },
  ];
  const summary = buildRunSummary({ report, records: [], status: 'failed', expectations: null, runErrors });
  expect(summary.runErrors).toEqual(runErrors);
  expect(summary.environmentFailures, 'tests only: a run error is no test').toBe(0);
  const full = { ...summary };
  expect(renderSummaryConsole(full)).toContain(
    'Run error (global teardown, environment): cleanup of run r could not finish: rate limited\n',
  );
  expect(renderSummaryMarkdown(full)).toContain(
    '**Run error** (global teardown, environment): cleanup of run r could not finish: rate limited',
  );
  expect(buildRunSummary({ report, records: [], status: 'passed', expectations: null }).runErrors).toEqual([]);
});
