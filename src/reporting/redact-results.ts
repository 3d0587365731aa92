import type { TestError, TestResult, TestStep } from '@playwright/test/reporter';
import { redactSecrets } from '../contract/secrets';

/**
 * Redacts, in place, every error Playwright recorded for a test result: the result's errors and the errors of
 * its steps. Why: when an API request fails (a timeout, a refused connection), Playwright's own `pw:api` step
 * records the error WITH its call log, and the call log lists every request header, Authorization included
 * (playwright-core's fetch logs `  ${name}: ${value}` for each header). The suite's own messages are redacted
 * where they are made, but that step error is made inside Playwright, before any code of ours sees it. The HTML
 * report shows step errors, so without this the configured token lands in html/index.html — found by the
 * end-of-run H2 scan on a run where a patch hung (fault patch-token-hangs).
 *
 * Called from the coverage reporter's onTestEnd: in a live run and in merge-reports every reporter gets the same
 * objects, and each reporter that writes files (JUnit, JSON, HTML) reads them in its onEnd, after this ran.
 * What it cannot reach: a blob report (`--reporter blob`, sharded runs) serialises each step as it ends.
 */
export function redactTestResult(result: TestResult): number {
  let changed = 0;
  const redact = (error: TestError | undefined): void => {
    if (!error) return;
    for (const field of ['message', 'stack', 'value', 'snippet'] as const) {
      const text = error[field];
      if (typeof text !== 'string') continue;
      const clean = redactSecrets(text);
      if (clean !== text) {
        error[field] = clean;
        changed++;
      }
    }
    redact(error.cause);
  };
  const walk = (steps: readonly TestStep[]): void => {
    for (const step of steps) {
      redact(step.error);
      walk(step.steps);
    }
  };
  for (const error of result.errors) redact(error);
  redact(result.error);
  walk(result.steps);
  return changed;
}
