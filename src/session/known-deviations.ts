import type { TestInfo } from '@playwright/test';
import {
  FAILURE_SIGNATURES_ATTACHMENT,
  KNOWN_DEVIATION_ANNOTATION,
  formatSignature,
  type TestFailure,
} from '../expectations/failure-signature';
import type { KnownDeviations } from '../expectations/load-run-comparison';
import { joinTitlePath } from '../expectations/test-title';
import { describeMatch, isKnownDeviation, matchTestFailures } from '../expectations/match';

/** Annotation naming a failure that no known deviation covers, in a test where another one matched. */
export const UNMATCHED_FAILURE_ANNOTATION = 'not-a-known-deviation';

/**
 * Records a failed test's failure signatures (attachment `failure-signatures`, read by the reporters and
 * `npm run expectations`) and applies the known deviations (LD_EXPECTATIONS): each matched failure gets a
 * `known-deviation` annotation with its reason; when EVERY failure matches, the test is marked as an
 * expected failure (`testInfo.fail()`, Playwright's own "known to fail"), so it no longer fails the run —
 * and should it ever pass, Playwright reports that as unexpected. One unmatched failure keeps it failed.
 *
 * `blocked`: something outside the signatures also went wrong (a clean-up error still to be thrown), so
 * the test must stay failed whatever matched.
 */
export async function applyKnownDeviations(
  testInfo: Pick<TestInfo, 'attach' | 'annotations' | 'titlePath' | 'status' | 'fail'>,
  failures: readonly TestFailure[],
  expectations: KnownDeviations | null,
  blocked: boolean,
): Promise<void> {
  if (failures.length === 0) return;
  await testInfo.attach(FAILURE_SIGNATURES_ATTACHMENT, {
    body: JSON.stringify({ failures }),
    contentType: 'application/json',
  });
  if (!expectations) return;
  const match = matchTestFailures(joinTitlePath(testInfo.titlePath), failures, expectations.entries);
  for (const { failure, entry } of match.matched) {
    testInfo.annotations.push({ type: KNOWN_DEVIATION_ANNOTATION, description: describeMatch(entry, formatSignature(failure.signature)) });
  }
  if (match.matched.length === 0) return;
  for (const failure of match.unmatched) {
    testInfo.annotations.push({
      type: UNMATCHED_FAILURE_ANNOTATION,
      description: `${formatSignature(failure.signature)}: ${failure.message}`,
    });
  }
  if (isKnownDeviation(match) && testInfo.status === 'failed' && !blocked) {
    testInfo.fail(true, `known deviation: every failure of this test is listed in ${expectations.file}`);
  }
}
