import type { Reporter, Suite } from '@playwright/test/reporter';
import { testTitleOf } from './test-title';

/**
 * A reporter for `playwright test --list` that prints every test title of the suite, as JSON on one
 * marked line: how global setup learns which tests exist (to reject a known-deviation entry naming a
 * test that does not) using Playwright's own loader and the exact title the reports use.
 */
export const TITLE_LIST_MARKER = 'LD_TEST_TITLES ';

export default class TitleListReporter implements Reporter {
  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: unknown, suite: Suite): void {
    process.stdout.write(`${TITLE_LIST_MARKER}${JSON.stringify(suite.allTests().map(testTitleOf))}\n`);
  }
}
