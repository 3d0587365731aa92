/**
 * What exactly failed in a test, as plain comparable data: the "failure signature" that known
 * deviations (LD_EXPECTATIONS) are matched by and that run-to-run comparison (LD_BASELINE) keys on.
 *
 * - A contract breach: `check` (a contract check id) + the `operation` and `status` of the response.
 * - A behaviour assertion: `rule` (the test's rule ids, e.g. "D1,B3") + the operation and status of the
 *   last response the test had received when the assertion failed (absent if it had received none).
 * - An explore step (kind `explore`): the breaking step's rule or contract check, operation and status.
 * - An environment failure (rate-limit budget, network): `check: "environment"`; never a known deviation.
 *
 * A known-deviation entry may also name a cause rather than one failure: an `operation` and `status`
 * without `check` or `rule` covers every contract check that failed on that response (see match.ts). No
 * failure has such a signature, so LD_BASELINE, which compares failures, never meets one.
 */

import { FAILURE_KINDS, type FailureKind, type FailureSignature, type SignedError } from '../domain/failure-signature';

// Re-exported: the expectations' modules, the fixtures and their tests name them from here, next to the functions over them.
export type { FailureKind, FailureSignature, SignedError };

/** One failure of one test, as the fixtures record it (attachment `failure-signatures`). */
export interface TestFailure {
  kind: FailureKind;
  signature: FailureSignature;
  /** First line of the error, for people (never used for matching). */
  message: string;
}

export const FAILURE_SIGNATURES_ATTACHMENT = 'failure-signatures';
export const KNOWN_DEVIATION_ANNOTATION = 'known-deviation';
export const ENVIRONMENT_CHECK = 'environment';

/** Stable text key: equal keys ⇔ equal signatures. */
export function signatureKey(signature: FailureSignature): string {
  return [signature.check ?? '', signature.rule ?? '', signature.operation ?? '', signature.status ?? ''].join('|');
}

export function sameSignature(a: FailureSignature, b: FailureSignature): boolean {
  return signatureKey(a) === signatureKey(b);
}

/** An entry's signature naming a cause (operation + status, no check, no rule): every contract check on that response. */
export function isCauseSignature(signature: FailureSignature): boolean {
  return signature.check === undefined && signature.rule === undefined;
}

/** "response_schema_conformance on getToken 200", "rule D1 on getToken 200", "every contract check on postToken 413". */
export function formatSignature(signature: FailureSignature): string {
  const what =
    signature.check !== undefined ? signature.check : signature.rule !== undefined ? `rule ${signature.rule}` : 'every contract check';
  const where = [signature.operation, signature.status].filter((part) => part !== undefined).join(' ');
  return where ? `${what} on ${where}` : what;
}

/** A signature with only its four fields, in a fixed order (so JSON and YAML output is stable). */
export function normaliseSignature(signature: FailureSignature): FailureSignature {
  const out: FailureSignature = {};
  if (signature.check !== undefined) out.check = signature.check;
  if (signature.rule !== undefined) out.rule = signature.rule;
  if (signature.operation !== undefined) out.operation = signature.operation;
  if (signature.status !== undefined) out.status = signature.status;
  return out;
}

/** The signature an error carries as data (a SignedError), normalised; undefined for any other error. */
export function failureSignatureOf(error: unknown): FailureSignature | undefined {
  if (!(error instanceof Error) || !('failureSignature' in error)) return undefined;
  const raw: unknown = error.failureSignature;
  if (!isRecord(raw)) return undefined;
  const signature = normaliseSignature(readSignature(raw));
  return Object.keys(signature).length > 0 ? signature : undefined;
}

/** The kind a SignedError names for its failure (`explore`), when it names one. */
export function failureSignatureKindOf(error: unknown): FailureKind | undefined {
  if (!(error instanceof Error) || !('failureSignatureKind' in error)) return undefined;
  const kind: unknown = error.failureSignatureKind;
  return isFailureKind(kind) ? kind : undefined;
}

export function isFailureKind(value: unknown): value is FailureKind {
  return typeof value === 'string' && (FAILURE_KINDS as readonly string[]).includes(value);
}

/** Reads the attachment body; throws an Error naming what is wrong. */
export function parseTestFailures(body: string): TestFailure[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body) as unknown;
  } catch {
    throw new Error(`${FAILURE_SIGNATURES_ATTACHMENT} attachment is not JSON`);
  }
  const list = isRecord(doc) ? doc.failures : undefined;
  if (!Array.isArray(list)) throw new Error(`${FAILURE_SIGNATURES_ATTACHMENT} attachment has no "failures" array`);
  return list.map((item, index) => {
    const where = `${FAILURE_SIGNATURES_ATTACHMENT}[${index}]`;
    if (!isRecord(item) || !isRecord(item.signature)) throw new Error(`${where} has no signature object`);
    const kind = item.kind;
    if (!isFailureKind(kind)) throw new Error(`${where}.kind ${JSON.stringify(kind)} is unknown`);
    return { kind, signature: readSignature(item.signature), message: typeof item.message === 'string' ? item.message : '' };
  });
}

function readSignature(raw: Record<string, unknown>): FailureSignature {
  const signature: FailureSignature = {};
  if (typeof raw.check === 'string') signature.check = raw.check;
  if (typeof raw.rule === 'string') signature.rule = raw.rule;
  if (typeof raw.operation === 'string') signature.operation = raw.operation;
  if (typeof raw.status === 'number') signature.status = raw.status;
  return signature;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
