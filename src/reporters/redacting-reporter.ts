import type { Reporter, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import { redactTestError, redactTestResult } from './redact-results';

/**
 * Writes nothing: it redacts, in place, the errors Playwright recorded, before any other reporter sees them.
 * It must be listed FIRST (conformance-reporters.ts; and in the nightly's `--reporter redacting,blob`, because a
 * `--reporter` flag replaces the config's list): Playwright calls the reporters one after another in list order
 * with the same objects, so everything after it reads the redacted text. Why it exists: a request that times out
 * or fails leaves Playwright's `pw:api` step error with its call log, and the call log lists every request
 * header — Authorization with the configured token (redact-results.ts). The blob reporter serialises each step
 * when it ends and each result when its test ends, so both hooks redact.
 */
export default class RedactingReporter implements Reporter {
  printsToStdio(): boolean {
    return false;
  }

  onStepEnd(_test: TestCase, _result: TestResult, step: TestStep): void {
    redactTestError(step.error);
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    redactTestResult(result);
  }

  onError(error: TestError): void {
    redactTestError(error);
  }
}
