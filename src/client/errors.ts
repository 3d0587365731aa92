import { redactSecrets } from '../contract/secrets';
import { ENVIRONMENT_MARKER, type KindedError } from '../domain/failure-kinds';

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
 * A read hung again on retry while the same target answered another request at once (rule A7:
 * "never a hang"): the target's defect, not the environment's, so it carries no environment marker.
 */
export class HangError extends Error {
  override readonly name = 'HangError';
  constructor(detail: string) {
    super(redactSecrets(detail));
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
