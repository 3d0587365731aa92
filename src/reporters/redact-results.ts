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
 * Called by the redacting reporter (redacting-reporter.ts), listed FIRST: Playwright hands every reporter the same
 * objects in list order, so the console, JUnit, JSON, HTML and blob reporters all see the redacted text. The
 * blob reporter (sharded runs) serialises each step as it ends, hence `redactTestError` on every step end too.
 */
export function redactTestResult(result: TestResult): number {
  let changed = 0;
  const walk = (steps: readonly TestStep[]): void => {
    for (const step of steps) {
      changed += redactTestError(step.error);
      walk(step.steps);
    }
  };
  for (const error of result.errors) changed += redactTestError(error);
  changed += redactTestError(result.error);
  walk(result.steps);
  return changed;
}

/** Redacts one error (and its causes) in place; returns how many of its texts changed. */
export function redactTestError(error: TestError | undefined): number {
  if (!error) return 0;
  let changed = 0;
  for (const field of ['message', 'stack', 'value', 'snippet'] as const) {
    const text = error[field];
    if (typeof text !== 'string') continue;
    const clean = redactSecrets(text);
    if (clean !== text) {
      error[field] = clean;
      changed++;
    }
  }
  return changed + redactTestError(error.cause);
}
