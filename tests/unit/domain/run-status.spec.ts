import { expect, test } from '@playwright/test';
import { exitCodeFor, stoppedRunStatus, type ExitFacts } from '../../../src/domain/run-status';
import type { RunErrorItem } from '../../../src/domain/run-summary';

/** Issue 24.4: what a run that ran no test says it was, and `npm run conformance`'s exit code for a summary. */

const UNREACHABLE: RunErrorItem = { phase: 'global set-up', kind: 'environment', message: 'Environment failure: cannot reach' };
const CONFIG: RunErrorItem = { phase: 'global set-up', kind: 'run', message: 'Configuration error: x', cause: 'configuration' };
const CONFIG_FILE: RunErrorItem = {
  phase: 'configuration',
  kind: 'run',
  message: 'Configuration error: LD_WORKERS',
  cause: 'configuration',
};
const PROBE_500: RunErrorItem = { phase: 'global set-up', kind: 'run', message: 'The probe request … answered 500' };
const SWEEP: RunErrorItem = { phase: 'global teardown', kind: 'environment', message: 'cleanup could not finish' };
const LEAK: RunErrorItem = { phase: 'global teardown', kind: 'run', message: 'cleanup: leaked 1 token(s)' };

const STOPPED: { given: string; playwright: string; runErrors: RunErrorItem[]; want: string }[] = [
  { given: 'an unreachable target', playwright: 'failed', runErrors: [UNREACHABLE], want: 'unreachable' },
  { given: 'a bad variable in global set-up', playwright: 'failed', runErrors: [CONFIG], want: 'config-error' },
  { given: 'a bad variable in playwright.config.ts', playwright: 'failed', runErrors: [CONFIG_FILE], want: 'config-error' },
  {
    given: 'a configuration error beside an environment one',
    playwright: 'failed',
    runErrors: [UNREACHABLE, CONFIG],
    want: 'config-error',
  },
  { given: 'a probe answering 500', playwright: 'failed', runErrors: [PROBE_500], want: 'setup-failed' },
  { given: 'nothing recorded, Playwright failed (no test matched)', playwright: 'failed', runErrors: [], want: 'no-tests' },
  { given: 'nothing recorded, Playwright interrupted', playwright: 'interrupted', runErrors: [], want: 'interrupted' },
  { given: "only teardown's error (no set-up error)", playwright: 'failed', runErrors: [SWEEP], want: 'no-tests' },
];

for (const { given, playwright, runErrors, want } of STOPPED) {
  test(`no test ran, given ${given}: status ${want}`, () => {
    expect(stoppedRunStatus(playwright, runErrors)).toBe(want);
  });
}

const base: ExitFacts = {
  status: 'passed',
  contractFailures: 0,
  environmentFailures: 0,
  tests: { failed: 0 },
  failures: [],
  runErrors: [],
};
const contract = { kind: 'contract', known: false };
const environment = { kind: 'environment', known: false };

const EXITS: { given: string; facts: Partial<ExitFacts>; want: number }[] = [
  { given: 'a passed run', facts: {}, want: 0 },
  { given: 'a contract failure', facts: { status: 'failed', contractFailures: 1, tests: { failed: 1 }, failures: [contract] }, want: 1 },
  {
    given: 'a contract failure beside an environment failure',
    facts: { status: 'failed', contractFailures: 1, environmentFailures: 1, tests: { failed: 2 }, failures: [contract, environment] },
    want: 1,
  },
  {
    given: 'an assertion failure (neither kind counted)',
    facts: { status: 'failed', tests: { failed: 1 }, failures: [{ kind: 'assertion', known: false }] },
    want: 1,
  },
  { given: 'a configuration error', facts: { status: 'config-error', runErrors: [CONFIG] }, want: 2 },
  { given: 'an unreachable target', facts: { status: 'unreachable', runErrors: [UNREACHABLE] }, want: 3 },
  {
    given: 'environment failures only',
    facts: { status: 'failed', environmentFailures: 2, tests: { failed: 2 }, failures: [environment, environment] },
    want: 3,
  },
  { given: 'only an environment error of the final sweep', facts: { status: 'failed', runErrors: [SWEEP] }, want: 3 },
  {
    given: 'an environment failure and a leaked token (the run’s)',
    facts: { status: 'failed', environmentFailures: 1, tests: { failed: 1 }, failures: [environment], runErrors: [LEAK] },
    want: 1,
  },
  { given: 'a failed run with nothing counted (strict expectations, H2)', facts: { status: 'failed' }, want: 1 },
  { given: 'a probe answering 500', facts: { status: 'setup-failed', runErrors: [PROBE_500] }, want: 1 },
  { given: 'no test matched', facts: { status: 'no-tests' }, want: 1 },
  { given: 'an interrupted run', facts: { status: 'interrupted' }, want: 130 },
  { given: 'a run past its time bound, environment only', facts: { status: 'timedout', runErrors: [SWEEP] }, want: 3 },
];

for (const { given, facts, want } of EXITS) {
  test(`exit code, given ${given}: ${want}`, () => {
    expect(exitCodeFor({ ...base, ...facts })).toBe(want);
  });
}
