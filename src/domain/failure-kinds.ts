/**
 * ONE rule for what kind of failure a failed test is, shared by the fixtures (tests/fixtures.ts), the
 * coverage reporter (src/reporting/test-records.ts), the suite-run reader (src/harness/run-suite.ts), the
 * self-check and the alt-server detection test — so "the suite caught it" means the same everywhere.
 *
 * The kind is decided from typed data only, never from message text:
 * - the kinds the fixtures RECORDED as annotations (`failure-kind`), each naming the index of the error it
 *   types in the attempt's error list (see `failureKindAnnotation`), and
 * - Playwright's own typed result fields: the attempt's `status` and how many errors it has.
 *
 * The message prefixes below stay for people reading a report; nothing classifies by them.
 */

/** Prefix of every environment failure's message (src/client/errors.ts EnvironmentError). For people. */
export const ENVIRONMENT_MARKER = 'Environment failure:';
/** Prefix of a failure in the harness's own clean-up after the test body (tests/fixtures.ts). For people. */
export const TEARDOWN_MARKER = 'Teardown failure:';
/** Prefix of a failure to set up what a test needs (tests/support/token-factory.ts TokenSetupError). For people. */
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
  /** Playwright stopped the run (--max-failures, Ctrl-C) or a global error (global set-up, a worker crash). */
  | 'run';

/** The kinds the fixtures know at the source and record; timeout and run come from Playwright's status. */
export type RecordedKind = Extract<FailureKind, 'contract' | 'environment' | 'setup' | 'teardown'>;

/** Strongest first: what a test with several kinds of error is reported as. Contract wins. */
export const FAILURE_KIND_PRECEDENCE: readonly FailureKind[] = ['contract', 'setup', 'teardown', 'environment', 'timeout', 'run'];

/** Playwright's TestResult.status (the same strings in its JSON report). */
export type AttemptStatus = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';

export function isAttemptStatus(value: unknown): value is AttemptStatus {
  return value === 'passed' || value === 'failed' || value === 'timedOut' || value === 'skipped' || value === 'interrupted';
}

export const FAILURE_KIND_ANNOTATION = 'failure-kind';

/**
 * One recorded kind. `error` is the index of the error it types in the attempt's error list (TestInfo.errors,
 * TestResult.errors, a JSON report result's `errors`: the same list, in the same order). Without `error` the
 * kind is about the test as a whole (the fixtures record `contract` so when they reported a contract breach).
 */
export interface RecordedFailureKind {
  kind: RecordedKind;
  error?: number;
}

/** The shape of a Playwright annotation (TestInfo, TestResult and the JSON report share it). */
export interface AnnotationLike {
  type: string;
  description?: string;
}

/** The annotation that records one kind; the description is the RecordedFailureKind as JSON. */
export function failureKindAnnotation(recorded: RecordedFailureKind): { type: typeof FAILURE_KIND_ANNOTATION; description: string } {
  return { type: FAILURE_KIND_ANNOTATION, description: JSON.stringify(recorded) };
}

/** Every recorded kind among `annotations`; a malformed `failure-kind` annotation is ignored (it types nothing). */
export function readFailureKinds(annotations: readonly AnnotationLike[]): RecordedFailureKind[] {
  return annotations.flatMap((annotation) => {
    if (annotation.type !== FAILURE_KIND_ANNOTATION || annotation.description === undefined) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(annotation.description);
    } catch {
      return [];
    }
    if (typeof parsed !== 'object' || parsed === null) return [];
    const { kind, error } = parsed as Record<string, unknown>;
    if (!isRecordedKind(kind)) return [];
    if (error === undefined) return [{ kind }];
    return typeof error === 'number' && Number.isInteger(error) && error >= 0 ? [{ kind, error }] : [];
  });
}

export function isRecordedKind(value: unknown): value is RecordedKind {
  return value === 'contract' || value === 'environment' || value === 'setup' || value === 'teardown';
}

/**
 * An error that knows its kind (EnvironmentError, TokenSetupError): the fixtures read the field by this
 * typed check when they record the kind, never the error's message.
 */
export interface KindedError extends Error {
  readonly failureKind: RecordedKind;
}

export function failureKindOf(error: unknown): RecordedKind | undefined {
  if (!(error instanceof Error) || !('failureKind' in error)) return undefined;
  const kind: unknown = error.failureKind;
  return isRecordedKind(kind) ? kind : undefined;
}

/** What classification reads of one attempt: all typed. */
export interface AttemptFacts {
  status: AttemptStatus;
  /** How many errors the attempt has (the length of its error list). */
  errorCount: number;
  recorded: readonly RecordedFailureKind[];
}

/**
 * The kind of each error of the attempt, by index. A recorded kind wins; an error nobody typed is:
 * - on a `timedOut` attempt, the timeout or its consequence (a request torn down with the test). Playwright
 *   sets `timedOut` only when the timeout was the attempt's FIRST failure (TestInfo._failWithError keeps the
 *   first status), so nothing failed before it; a contract breach the fixtures reported is recorded anyway;
 * - on an `interrupted` attempt, the run being stopped (likewise set only when nothing had failed before);
 * - otherwise a contract failure: a plain expect() in a test body types nothing, and is the contract.
 */
export function kindsOfErrors(facts: AttemptFacts): FailureKind[] {
  const byIndex = new Map<number, RecordedKind>();
  for (const r of facts.recorded)
    if (r.error !== undefined && r.error < facts.errorCount && !byIndex.has(r.error)) byIndex.set(r.error, r.kind);
  const untyped: FailureKind = facts.status === 'timedOut' ? 'timeout' : facts.status === 'interrupted' ? 'run' : 'contract';
  return Array.from({ length: facts.errorCount }, (_, index) => byIndex.get(index) ?? untyped);
}

/**
 * The kind of a failed attempt. Contract wins: one contract error (or a recorded contract breach) makes the
 * whole test a contract failure, whatever else went wrong after it (a test is never reclassified as
 * environment because the rate-limit budget ran out after it found a breach). Otherwise the strongest kind
 * by FAILURE_KIND_PRECEDENCE. An attempt with no error and nothing recorded is reported as contract, except
 * a timed-out or interrupted one.
 */
export function classifyTest(facts: AttemptFacts): FailureKind {
  const kinds = new Set<FailureKind>(kindsOfErrors(facts));
  for (const r of facts.recorded) if (r.error === undefined) kinds.add(r.kind);
  if (kinds.size === 0) return facts.status === 'timedOut' ? 'timeout' : facts.status === 'interrupted' ? 'run' : 'contract';
  return FAILURE_KIND_PRECEDENCE.find((k) => kinds.has(k)) ?? 'contract';
}

/** The index of the first error of `kind` (the evidence for it), or undefined when no single error is. */
export function firstErrorOfKind(facts: AttemptFacts, kind: FailureKind): number | undefined {
  const index = kindsOfErrors(facts).indexOf(kind);
  return index === -1 ? undefined : index;
}
