import { readPlaywrightReport, titleOf } from '../../../src/harness/playwright-report';

/**
 * What a suite run says about the tests it did not fully judge, read from its Playwright JSON report:
 * skipped tests with their reason (`test.skip(cond, reason)` → annotation `{type: 'skip'}`), and tests that
 * passed with an `inconclusive` or `note` annotation (a check the target's state or choices left unjudged).
 */
export interface AnnotatedTest {
  title: string;
  type: string;
  description: string;
}

export interface RunAnnotations {
  skipped: AnnotatedTest[];
  notes: AnnotatedTest[];
}

export function readRunAnnotations(conformanceJson: string): RunAnnotations {
  const out: RunAnnotations = { skipped: [], notes: [] };
  for (const test of readPlaywrightReport(conformanceJson).tests) {
    const title = `${test.file} › ${titleOf(test)}`;
    if (test.outcome === 'skipped' || test.attempts.some((a) => a.status === 'skipped')) {
      const reason = test.annotations.find((a) => a.type === 'skip' || a.type === 'fixme')?.description ?? '(no reason given)';
      out.skipped.push({ title, type: 'skip', description: reason });
    }
    for (const a of test.annotations) {
      if (a.type === 'inconclusive' || a.type === 'note' || a.type === 'accepted-alternative')
        out.notes.push({ title, type: a.type, description: a.description ?? '' });
    }
  }
  return out;
}
