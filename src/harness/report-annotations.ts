import fs from 'node:fs';

interface Annotation {
  type: string;
  description?: string;
}

interface JsonReportSuite {
  specs?: { tests: { annotations?: Annotation[]; results?: { annotations?: Annotation[] }[] }[] }[];
  suites?: JsonReportSuite[];
}

/**
 * How many test annotations of a type a Playwright JSON report holds. Playwright copies a test's
 * annotations onto its result too, so per test the larger of the two lists counts, never their sum.
 * A missing or unreadable report throws: a count of 0 must mean "none", not "no report".
 */
export function countAnnotations(reportFile: string, type: string): number {
  let report: { suites?: JsonReportSuite[] };
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { suites?: JsonReportSuite[] };
  } catch (e: unknown) {
    throw new Error(`cannot read the JSON report ${reportFile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ofType = (list: Annotation[] | undefined): number => (list ?? []).filter((a) => a.type === type).length;
  let count = 0;
  const walk = (suite: JsonReportSuite): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const fromResults = (t.results ?? []).reduce((sum, r) => sum + ofType(r.annotations), 0);
        count += Math.max(ofType(t.annotations), fromResults);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return count;
}

/** The 429 (and gateway) waits the client made, as the fixtures record them (tests/fixtures.ts). */
export function countRateLimitWaits(reportFile: string): number {
  return countAnnotations(reportFile, 'rate-limit-wait');
}
