import { annotationsOf, readPlaywrightReport } from './playwright-report';

/**
 * How many test annotations of a type a Playwright JSON report holds (a test's annotations and its
 * attempts' copies count once — see ReportedTest.annotations). A missing or unreadable report
 * throws: a count of 0 must mean "none", not "no report".
 */
export function countAnnotations(reportFile: string, type: string): number {
  return readPlaywrightReport(reportFile).tests.reduce((sum, test) => sum + annotationsOf(test, type).length, 0);
}

/** The 429 (and gateway) waits the client made, as the fixtures record them (tests/fixtures.ts). */
export function countRateLimitWaits(reportFile: string): number {
  return countAnnotations(reportFile, 'rate-limit-wait');
}
