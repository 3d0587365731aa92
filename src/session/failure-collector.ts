import type { TestInfo } from '@playwright/test';
import type { ApiResult } from '../client/api-client';
import { stripVTControlCharacters } from 'node:util';
import {
  ENVIRONMENT_CHECK,
  failureSignatureOf,
  normaliseSignature,
  signatureKey,
  type FailureKind,
  type FailureSignature,
  type TestFailure,
} from '../expectations/failure-signature';
import { failureKindOf, type RecordedKind } from '../domain/failure-kinds';
import { RULE_ANNOTATION } from '../domain/observations';
import type { FailedStatusAssertion, JudgedExchange } from './exchange-recorder';

/**
 * Turns what went wrong in one test into failure signatures (src/expectations/failure-signature.ts):
 * each contract breach by its check, operation and status; each other error (a behaviour assertion, a
 * thrown error) by the test's rule ids and the last response the test had received when the error was
 * raised; environment failures apart. Errors are matched to responses by order: every response records
 * how many errors the test had when it arrived, so error n belongs to the last response that arrived
 * while there were at most n errors.
 */
export class FailureCollector {
  private readonly responses: { operation: string; status: number; errorsBefore: number; cleanup: boolean }[] = [];

  constructor(private readonly testInfo: Pick<TestInfo, 'errors' | 'annotations'>) {}

  /** Call for every response the test receives, judged or not, in arrival order; `cleanup`: sent by the session's clean-up. */
  observe(result: ApiResult, cleanup = false): void {
    this.responses.push({ operation: result.operationId, status: result.status, errorsBefore: this.testInfo.errors.length, cleanup });
  }

  /**
   * The index of the test's first error that a behaviour assertion raised (neither a contract breach's soft
   * error nor the environment's): the failed test's curl reproduces the response that error read.
   */
  firstAssertionError(failing: readonly JudgedExchange[], kindOfError: (index: number) => RecordedKind | undefined): number | undefined {
    const contractTexts = renderedReports(failing);
    const index = this.testInfo.errors.findIndex((error, i) => {
      const text = stripVTControlCharacters(error.message ?? error.value ?? '');
      return kindOfError(i) !== 'environment' && !contractTexts.some((rendered) => text.includes(rendered));
    });
    return index === -1 ? undefined : index;
  }

  /**
   * All distinct failures of the test: contract breaches, then the other errors in order. An error that carried
   * its own signature (`signatureOfError`: a hang names rule A7 and its operation) keeps it instead of the test's
   * rules and last response. An error a failing status assertion raised (`assertions`, told apart by the
   * matcher's own message, which the error quotes whole) is signed by the rule that assertion named (the test's
   * rules when it named none) and the operation and status of the response it judged (issue 24.1: one failure,
   * one rule — not every rule its test names).
   */
  collect(
    failing: readonly JudgedExchange[],
    cleanupError: Error | undefined,
    kindOfError: (index: number) => RecordedKind | undefined,
    signatureOfError: (index: number) => FailureSignature | undefined = () => undefined,
    assertions: readonly FailedStatusAssertion[] = [],
    signatureKindOfError: (index: number) => FailureKind | undefined = () => undefined,
  ): TestFailure[] {
    const failures: TestFailure[] = [];
    const contractTexts: string[] = [];
    for (const entry of failing) {
      if (entry.report === null) continue;
      if (entry.rendered) contractTexts.push(stripVTControlCharacters(entry.rendered).trim());
      for (const failure of entry.report.failures) {
        failures.push({
          kind: 'contract',
          signature: { check: failure.check, operation: entry.report.operationId, status: entry.report.status },
          message: firstLine(entry.rendered ?? failure.check),
        });
      }
    }
    const rules = this.testInfo.annotations.filter((a) => a.type === RULE_ANNOTATION && a.description).map((a) => a.description ?? '');
    const rule = [...new Set(rules)].join(',') || 'none';
    // Environment or not by the kind recorded at the source (failure-kind-recorder.ts), never by the message.
    const errors: {
      text: string;
      index: number;
      environment: boolean;
      own: FailureSignature | undefined;
      ownKind?: FailureKind | undefined;
    }[] = this.testInfo.errors.map((error, index) => ({
      text: stripVTControlCharacters(error.message ?? error.value ?? ''),
      index,
      environment: kindOfError(index) === 'environment',
      own: signatureOfError(index),
      ownKind: signatureKindOfError(index),
    }));
    if (cleanupError)
      errors.push({
        text: cleanupError.message,
        index: Number.MAX_SAFE_INTEGER,
        environment: failureKindOf(cleanupError) === 'environment',
        own: failureSignatureOf(cleanupError),
      });
    for (const { text, index, environment, own, ownKind } of errors) {
      // The soft error of a contract step carries the rendered report: already counted above.
      if (contractTexts.some((rendered) => rendered !== '' && text.includes(rendered))) continue;
      // The body's errors read the body's responses: a clean-up response is the signature of a clean-up error only.
      const context = this.responseBefore(index, index === Number.MAX_SAFE_INTEGER);
      const where: FailureSignature = context ? { operation: context.operation, status: context.status } : {};
      const judged = environment || own ? undefined : assertionRaising(text, assertions);
      const signature: FailureSignature = judged
        ? { rule: judged.rule ?? rule, operation: judged.operation, status: judged.status }
        : (own ?? { rule, ...where });
      failures.push({
        // An error that named its kind with its signature keeps it (explore's breaking step: `explore`).
        kind: environment ? 'environment' : own && ownKind ? ownKind : 'assertion',
        signature: normaliseSignature(environment ? { check: ENVIRONMENT_CHECK, ...where } : signature),
        message: firstLine(text),
      });
    }
    const seen = new Set<string>();
    return failures.filter((f) => {
      const key = `${f.kind}|${signatureKey(f.signature)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private responseBefore(errorIndex: number, includeCleanup: boolean): { operation: string; status: number } | undefined {
    let found: { operation: string; status: number } | undefined;
    for (const response of this.responses)
      if (response.errorsBefore <= errorIndex && (includeCleanup || !response.cleanup)) found = response;
    return found;
  }
}

/** The failing status assertion whose message the error quotes, if one does (the matcher's text, whole). */
function assertionRaising(text: string, assertions: readonly FailedStatusAssertion[]): FailedStatusAssertion | undefined {
  return assertions.find((assertion) => {
    const message = stripVTControlCharacters(assertion.message).trim();
    return message !== '' && text.includes(message);
  });
}

/** The rendered contract reports of the failing responses, as their soft errors quote them. */
function renderedReports(failing: readonly JudgedExchange[]): string[] {
  return failing
    .flatMap((entry) => (entry.rendered ? [stripVTControlCharacters(entry.rendered).trim()] : []))
    .filter((text) => text !== '');
}

function firstLine(text: string): string {
  const line =
    stripVTControlCharacters(text)
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 300);
}
