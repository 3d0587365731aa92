/**
 * ONE rule for what kind of failure a failed test is, shared by the coverage reporter
 * (src/coverage/test-records.ts), the suite-run reader (run-suite.ts), the self-check and the
 * alt-server detection test — so "the suite caught it" means the same everywhere.
 *
 * A test's kind is decided from ALL its error messages: one contract error makes the whole test a
 * contract failure, whatever else went wrong after it (a test is never reclassified as
 * environment because the rate-limit budget ran out after it found a breach).
 */

/** Prefix of every environment failure (src/client/errors.ts EnvironmentError). */
export const ENVIRONMENT_MARKER = 'Environment failure:';
/** Prefix of a failure in the harness's own clean-up after the test body (tests/fixtures.ts). */
export const TEARDOWN_MARKER = 'Teardown failure:';
/** Prefix of a failure to set up what a test needs (tests/support/token-factory.ts TokenSetupError). */
export const SETUP_MARKER = 'Set-up failure:';

export type FailureKind =
  /** The target broke the contract (a check failed, an assertion on its behaviour failed). */
  | 'contract'
  /** The environment pushed back: rate-limit budget, gateway status, network error on a remote target. */
  | 'environment'
  /** The test ran out of time with nothing else wrong. */
  | 'timeout'
  /** Setting up the test's tokens failed before the behaviour under test was reached. */
  | 'setup'
  /** The harness's clean-up after the test failed. */
  | 'teardown'
  /** Playwright stopped the run (--max-failures) or a global error (global set-up, a worker crash). */
  | 'run';

const TIMEOUT_PATTERN = /^(Error: )?Test timeout of/;
const RUN_PATTERN = /^Testing stopped early|^Error: Worker process exited|^Worker teardown timeout/;
/** What a request still in flight reports when a timed-out test is torn down: a consequence, not a cause. */
const TORN_DOWN_PATTERN = /Request context disposed|has been closed|Test ended/;

/** The kind of one error message (ANSI colours already stripped or not: both work). */
export function classifyError(message: string): FailureKind {
  const text = stripAnsi(message).trim();
  if (TIMEOUT_PATTERN.test(text)) return 'timeout';
  if (RUN_PATTERN.test(text)) return 'run';
  if (TORN_DOWN_PATTERN.test(text)) return 'timeout';
  // Checked before "environment": an environment error during clean-up is still a clean-up problem.
  if (text.includes(TEARDOWN_MARKER)) return 'teardown';
  if (text.includes(SETUP_MARKER)) return 'setup';
  if (text.includes(ENVIRONMENT_MARKER)) return 'environment';
  return 'contract';
}

/** Weakest first: what a test with several kinds of error is reported as when none is a contract error. */
const PRECEDENCE: readonly FailureKind[] = ['contract', 'setup', 'teardown', 'environment', 'timeout', 'run'];

/**
 * The kind of a failed test from all its error messages. Contract wins; an `environment-failure`
 * annotation (the fixtures add it) only matters when no error is a contract error.
 */
export function classifyTest(messages: readonly string[], hasEnvironmentAnnotation = false): FailureKind {
  const kinds = new Set(messages.map(classifyError));
  if (kinds.has('contract')) return 'contract';
  if (kinds.size === 0) return hasEnvironmentAnnotation ? 'environment' : 'contract';
  return PRECEDENCE.find((k) => kinds.has(k)) ?? 'contract';
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
