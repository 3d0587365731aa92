/**
 * How a test's deliberate waits appear in its report: a step titled `wait <ms> ms: <why>` (tests/support/sleep.ts).
 * A reader of the report sees what the test waited for and how long; the bench reads the same steps to make its
 * bare-Playwright floor wait as long as the suite had to (the G3 expiry tests sleep until the server clock passes
 * an expiry: no implementation of the same request plan can skip that). The title and its reader live together.
 */
const WAIT_STEP = /^wait \d+ ms: /;

export function waitStepTitle(ms: number, why: string): string {
  return `wait ${Math.max(0, Math.round(ms))} ms: ${why}`;
}

export function isWaitStep(title: string): boolean {
  return WAIT_STEP.test(title);
}
