/**
 * What exactly failed in a test, as plain comparable data: the "failure signature" that known deviations
 * (LD_EXPECTATIONS) are matched by, that run-to-run comparison (LD_BASELINE) keys on and that summary.json
 * carries. Types only, on the bottom floor, so the expectations (which match and compare them) and the
 * coverage model (which writes them into summary.json) share one definition without importing each other.
 * The functions over them (key, format, parse) stay in src/expectations/failure-signature.ts.
 *
 * - A contract breach: `check` (a contract check id) + the `operation` and `status` of the response.
 * - A behaviour assertion: `rule` (the test's rule ids, e.g. "D1,B3") + the operation and status of the
 *   last response the test had received when the assertion failed (absent if it had received none).
 * - An explore step (kind `explore`): the breaking step's rule (or contract check), operation and status.
 * - An environment failure (rate-limit budget, network): `check: "environment"`; never a known deviation.
 */

export interface FailureSignature {
  check?: string;
  rule?: string;
  operation?: string;
  status?: number;
}

/**
 * A recorded failure's kind as summary.json and the expectations file spell it: a contract check on one response,
 * a behaviour assertion of a test, a step of explore's generated sequence that broke a rule, the environment's.
 */
export type FailureKind = 'contract' | 'assertion' | 'explore' | 'environment';

export const FAILURE_KINDS: readonly FailureKind[] = ['contract', 'assertion', 'explore', 'environment'];

/**
 * An error that knows its own signature, whichever test met it: a confirmed hang (rule A7) and the requests it
 * blocked afterwards name rule A7 and the operation, not the rules of the test that happened to send them, so one
 * known-deviation signature covers every test the hang stopped. The fixtures read the field by a typed check
 * (src/expectations/failure-signature.ts failureSignatureOf), never the message.
 */
export interface SignedError extends Error {
  readonly failureSignature: FailureSignature;
  /** The failure's kind when it is not a plain assertion's: `explore` for explore's breaking step (ExploreFailed). */
  readonly failureSignatureKind?: FailureKind;
}
