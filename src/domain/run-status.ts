/**
 * The run's verdict when it stopped before any test ran, and the exit code of `npm run conformance` for a
 * summary (issue 24.4): pure decisions on typed data, so unit tables pin them (tests/unit/domain/run-status.spec.ts).
 * Documented in docs/summary-json.md (`status`) and the README (exit codes).
 */
import type { RunErrorItem, RunStatus } from './run-summary';

/** summary.json `status` of a run that stopped before any test ran. */
export type StoppedStatus = 'config-error' | 'unreachable' | 'setup-failed' | 'no-tests' | 'interrupted';

/** Every `status` summary.json can hold: Playwright's own four, then the stopped run's. */
export const RUN_STATUSES = [
  'passed',
  'failed',
  'timedout',
  'interrupted',
  'config-error',
  'unreachable',
  'setup-failed',
  'no-tests',
] as const satisfies readonly RunStatus[];

/**
 * A run in which no test has a result: what stopped it, from the errors typed where they were caught
 * (src/hygiene/run-errors.ts), never from their wording.
 * - a configuration error (a bad variable, a bad LD_EXPECTATIONS / LD_BASELINE file, the production guard, an
 *   admin token the target refused): `config-error`;
 * - global set-up stopped by the environment (the target unreachable, the probe rate limited past every wait):
 *   `unreachable`;
 * - global set-up stopped otherwise (the probe answered neither 200 nor 401/403): `setup-failed`;
 * - nothing recorded: `interrupted` when Playwright says so, else `no-tests` (nothing matched, or Playwright
 *   stopped before any test, e.g. the embedded server did not start: the console says which).
 */
export function stoppedRunStatus(playwrightStatus: string, runErrors: readonly RunErrorItem[]): StoppedStatus {
  const setup = runErrors.filter((e) => e.phase !== 'global teardown');
  if (setup.some((e) => e.cause === 'configuration')) return 'config-error';
  if (setup.some((e) => e.kind === 'environment')) return 'unreachable';
  if (setup.length > 0) return 'setup-failed';
  return playwrightStatus === 'interrupted' ? 'interrupted' : 'no-tests';
}

/** What the exit code is decided from: summary.json's fields (this run's). */
export interface ExitFacts {
  status: string;
  contractFailures: number;
  environmentFailures: number;
  tests: { failed: number };
  failures: readonly { kind: string; known: boolean }[];
  runErrors: readonly Pick<RunErrorItem, 'kind'>[];
}

export const EXIT_CODES = { passed: 0, failure: 1, usage: 2, environment: 3, interrupted: 130 } as const;

/**
 * 0 passed; 1 a contract failure (or anything that is not only the environment's); 2 a usage or configuration
 * error; 3 environment failures only (an unreachable target included); 130 interrupted (Ctrl-C, as a shell says).
 */
export function exitCodeFor(facts: ExitFacts): number {
  switch (facts.status) {
    case 'passed':
      return EXIT_CODES.passed;
    case 'config-error':
      return EXIT_CODES.usage;
    case 'unreachable':
      return EXIT_CODES.environment;
    case 'interrupted':
      return EXIT_CODES.interrupted;
    case 'failed':
    case 'timedout':
      return onlyEnvironment(facts) ? EXIT_CODES.environment : EXIT_CODES.failure;
    default:
      return EXIT_CODES.failure;
  }
}

/** Something failed, and every failure was the environment's: tests failed by it only, run errors of its kind only. */
function onlyEnvironment(facts: ExitFacts): boolean {
  if (facts.contractFailures > 0) return false;
  if (facts.failures.some((f) => f.kind !== 'environment' && !f.known)) return false;
  if (facts.runErrors.some((e) => e.kind !== 'environment')) return false;
  if (facts.tests.failed > facts.environmentFailures) return false;
  return facts.environmentFailures > 0 || facts.runErrors.length > 0;
}

/** The statuses of a run that stopped before any test ran (stoppedRunStatus's, but `interrupted`, which may have run some). */
export const STOPPED_STATUSES: readonly RunStatus[] = ['config-error', 'unreachable', 'setup-failed', 'no-tests'];

/**
 * Why an earlier run's summary cannot be a baseline (LD_BASELINE), or null when it can: a stopped run (a status above)
 * or one that ran no test has no failures to compare with, so every failure of this run would read as new and nothing
 * as fixed — the comparison would look meaningful and say nothing. Older summaries without `tests` are judged by status.
 */
export function unusableBaselineReason(summary: { status?: unknown; tests?: { total?: unknown; skipped?: unknown } }): string | null {
  if (typeof summary.status === 'string' && (STOPPED_STATUSES as readonly string[]).includes(summary.status))
    return `a stopped run (status ${summary.status}): it ran no test`;
  const total = summary.tests?.total;
  const skipped = summary.tests?.skipped;
  if (typeof total === 'number' && total - (typeof skipped === 'number' ? skipped : 0) <= 0)
    return `a run that ran no test (status ${typeof summary.status === 'string' ? summary.status : 'unknown'}, ${total} tests, all skipped or none)`;
  return null;
}
