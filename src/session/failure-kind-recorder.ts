import type { TestInfo } from '@playwright/test';
import { failureKindAnnotation, failureKindOf, type RecordedKind } from '../domain/failure-kinds';
import { RULE_ANNOTATION } from '../domain/observations';
import { failureSignatureKindOf, failureSignatureOf, type FailureKind, type FailureSignature } from '../expectations/failure-signature';

/**
 * Records the kind of a test's errors as data (`failure-kind` annotations, src/domain/failure-kinds.ts) where
 * the kind is known: at the source. Readers (coverage reporter, run-suite) then classify from the annotations
 * and Playwright's status, never from message text.
 *
 * How an error in testInfo.errors is tied to its kind, exactly: Playwright keeps only a serialised copy of
 * each error (the Error object is gone), so the fixtures keep every typed error OBJECT when it is thrown
 * (SuiteApi's `failed` hook for the client's EnvironmentError, TokenFactory's set-up observer for
 * TokenSetupError) and, once the body is over, tie each entry of testInfo.errors to a kept error by exact
 * equality with the message Playwright serialises from that same object. Nothing is searched or parsed: the
 * two strings are built from one object. Counting thrown errors instead would not be exact: a test may catch
 * a typed error and go on, and the count would then type somebody else's error. A kept error the test caught appears in no entry and types nothing; an
 * entry nobody kept stays untyped, which the rule reads as contract (or the timeout's consequence on a
 * timed-out attempt).
 */
export class FailureKindRecorder {
  private readonly kept: {
    message: string;
    kind: RecordedKind;
    signature: FailureSignature | undefined;
    signatureKind: FailureKind | undefined;
  }[] = [];
  private readonly byIndex = new Map<number, RecordedKind>();
  private readonly signatureByIndex = new Map<number, FailureSignature>();
  private readonly signatureKindByIndex = new Map<number, FailureKind>();

  constructor(private readonly testInfo: Pick<TestInfo, 'errors' | 'annotations'>) {}

  /** Keeps `error` if it carries its kind (a typed check of its `failureKind` field), with its signature if it carries one. */
  note(error: unknown): void {
    const kind = failureKindOf(error);
    if (kind !== undefined && error instanceof Error)
      this.kept.push({
        message: serialisedMessage(error),
        kind,
        signature: failureSignatureOf(error),
        signatureKind: failureSignatureKindOf(error),
      });
  }

  /**
   * Records the kind of every error the test has so far that is a kept error. Call once the body is over. A kept
   * error that carries a signature with a rule (a hang: A7) also names that rule on the test, as a `rule`
   * annotation: the rule table and the self-check's "by a test of the fault's rule" then see the rule it broke,
   * whichever test happened to meet it.
   */
  recordErrors(): void {
    this.testInfo.errors.forEach((error, index) => {
      if (this.byIndex.has(index)) return;
      const kept = this.kept.find((k) => k.message === error.message);
      if (kept === undefined) return;
      this.record(kept.kind, index);
      if (kept.signature === undefined) return;
      this.signatureByIndex.set(index, kept.signature);
      if (kept.signatureKind !== undefined) this.signatureKindByIndex.set(index, kept.signatureKind);
      const rule = kept.signature.rule;
      if (rule !== undefined && !this.testInfo.annotations.some((a) => a.type === RULE_ANNOTATION && a.description === rule))
        this.testInfo.annotations.push({ type: RULE_ANNOTATION, description: rule });
    });
  }

  /**
   * Records the kind of the error the fixture is about to throw from its own teardown: Playwright appends
   * that error to testInfo.errors as soon as the fixture throws, so it is the next entry.
   */
  recordNextError(kind: RecordedKind): void {
    this.record(kind, this.testInfo.errors.length);
  }

  /** Records a kind of the test as a whole (the fixtures reported a contract breach as a soft failure). */
  recordTest(kind: RecordedKind): void {
    this.testInfo.annotations.push(failureKindAnnotation({ kind }));
  }

  /** The recorded kind of testInfo.errors[index], if any. */
  kindAt(index: number): RecordedKind | undefined {
    return this.byIndex.get(index);
  }

  /** The signature testInfo.errors[index] carried as data (a SignedError), if any. */
  signatureAt(index: number): FailureSignature | undefined {
    return this.signatureByIndex.get(index);
  }

  /** The failure kind testInfo.errors[index] named with its signature (`explore`), if any. */
  signatureKindAt(index: number): FailureKind | undefined {
    return this.signatureKindByIndex.get(index);
  }

  private record(kind: RecordedKind, index: number): void {
    this.byIndex.set(index, kind);
    this.testInfo.annotations.push(failureKindAnnotation({ kind, error: index }));
  }
}

/** The message Playwright stores for a thrown Error: `name: message` (its serializeError, filterStackTrace). */
function serialisedMessage(error: Error): string {
  return error.name ? `${error.name}: ${error.message}` : error.message;
}
