import { redactSecrets } from '../contract/secrets';
import { ENVIRONMENT_MARKER, type KindedError } from '../domain/failure-kinds';
import type { FailureSignature, SignedError } from '../domain/failure-signature';
import type { OperationId } from '../domain/operations';
import type { A7Block } from './a7-blocks';

/**
 * The environment, not the API contract, stopped the test: rate-limit budget spent, network error,
 * gateway errors from a remote target, or a write whose effect is unknown. The message is redacted.
 */
export class EnvironmentError extends Error implements KindedError {
  override readonly name = 'EnvironmentError';
  /** The kind as data: the fixtures record it (src/domain/failure-kinds.ts); the message prefix is for people. */
  readonly failureKind = 'environment';
  constructor(detail: string) {
    super(redactSecrets(`${ENVIRONMENT_MARKER} ${detail}`));
  }
}

/**
 * The 429s asked for more waiting than the test's wait allowance has left (or came too many times in a row): the
 * environment, and a kind of it a long test can act on — explore stops generating and reports how far it got as
 * inconclusive instead of failing (issue 23).
 */
export class RateLimitedError extends EnvironmentError {}

/**
 * Not sent: the whole run's time bound (LD_RUN_TIMEOUT_MS) has passed. The last guard of a run that rate limits,
 * timeouts and A7 blocking did not keep short; it says nothing about the contract, so it is the environment's,
 * and every later request fails at once so that the run ends and global teardown (which has no bound) sweeps.
 */
/** Why a test that would start after the run's time bound is skipped instead. */
export function runDeadlineSkipReason(boundMs: number): string {
  return `not run: the run's time bound LD_RUN_TIMEOUT_MS (${boundMs} ms) had passed (the run fails as the environment in global teardown)`;
}

export class RunDeadlineError extends EnvironmentError {
  constructor(boundMs: number, request: string) {
    super(
      `the run's time bound LD_RUN_TIMEOUT_MS (${boundMs} ms) has passed: ${request} not sent. The run ends here and global teardown sweeps what it made; raise LD_RUN_TIMEOUT_MS (0 = no bound) or find what made the run slow.`,
    );
  }
}

/**
 * The request could not be completed against the embedded reference server (connection refused, timeout).
 * There is no environment to blame there: a hang or a dropped connection is the server's defect.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(detail: string) {
    super(redactSecrets(detail));
  }
}

/**
 * A request hung while the same target answered another request at once (rule A7: "never a hang"): the target's
 * defect, not the environment's, so it carries no environment marker. A contract failure as data, and its
 * signature names rule A7 and the operation whichever test met it (the hang is the endpoint's, not the test's).
 */
export class HangError extends Error implements KindedError, SignedError {
  override readonly name = 'HangError';
  readonly failureKind = 'contract';
  readonly failureSignature: FailureSignature;
  constructor(
    readonly operationId: OperationId,
    detail: string,
  ) {
    super(redactSecrets(detail));
    this.failureSignature = { rule: 'A7', operation: operationId };
  }
}

/**
 * Not sent: an earlier request to the same operation in this run hung while the target answered (a HangError,
 * src/client/a7-blocks.ts). The same defect, so the same kind (contract) and signature (A7 and the operation),
 * and the message points at the test that met it first.
 */
export class A7BlockedError extends Error implements KindedError, SignedError {
  override readonly name = 'A7BlockedError';
  readonly failureKind = 'contract';
  readonly failureSignature: FailureSignature;
  constructor(
    readonly block: A7Block,
    requestTimeoutMs: number,
  ) {
    super(
      redactSecrets(
        `Rule A7 (never a hang): ${block.operationId} not sent — blocked by the A7 failure of "${block.test}" earlier in this run: ${block.verdict}. ` +
          `Later requests to ${block.operationId} in this run fail at once instead of each waiting the request timeout (LD_REQUEST_TIMEOUT_MS, ${requestTimeoutMs} ms).`,
      ),
    );
    this.failureSignature = { rule: 'A7', operation: block.operationId };
  }
}

/** A request that ran out of time (Playwright says "Timeout <n>ms exceeded"), as opposed to one refused or reset. */
export function isTimeoutFailure(firstLine: string): boolean {
  return /\btimeout\b.*\bexceeded\b|\btimed out\b/i.test(firstLine);
}

/** The client was called wrongly (missing id, bad query value): a bug in the calling test. */
export class ApiUsageError extends Error {
  override readonly name = 'ApiUsageError';
  constructor(detail: string) {
    super(redactSecrets(detail));
  }
}

/**
 * The message of a request failure reduced to its first line, redacted: Playwright appends a call log
 * that includes every request header (the Authorization secret among them).
 */
export function describeRequestFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n').find((line) => line.trim() !== '' && !/call log/i.test(line)) ?? 'request failed';
  return redactSecrets(firstLine.replace(/^apiRequestContext\.\w+:\s*/, '').trim());
}
