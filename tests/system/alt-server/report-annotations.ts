import fs from 'node:fs';

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

interface Annotation {
  type: string;
  description?: string;
}
interface ReportTest {
  status?: string;
  annotations?: Annotation[];
  results?: { status?: string; annotations?: Annotation[] }[];
}
interface ReportSuite {
  title: string;
  specs?: { title: string; tests: ReportTest[] }[];
  suites?: ReportSuite[];
}

export interface RunAnnotations {
  skipped: AnnotatedTest[];
  notes: AnnotatedTest[];
}

export function readRunAnnotations(conformanceJson: string): RunAnnotations {
  const report = JSON.parse(fs.readFileSync(conformanceJson, 'utf8')) as { suites?: ReportSuite[] };
  const out: RunAnnotations = { skipped: [], notes: [] };
  const walk = (suite: ReportSuite, titles: string[]): void => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const title = [...here, spec.title].join(' › ');
        const annotations = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])];
        const seen = new Set<string>();
        const unique = annotations.filter((a) => !seen.has(`${a.type}\n${a.description ?? ''}`) && seen.add(`${a.type}\n${a.description ?? ''}`));
        if (t.status === 'skipped' || (t.results ?? []).some((r) => r.status === 'skipped')) {
          const reason = unique.find((a) => a.type === 'skip' || a.type === 'fixme')?.description ?? '(no reason given)';
          out.skipped.push({ title, type: 'skip', description: reason });
        }
        for (const a of unique) {
          if (a.type === 'inconclusive' || a.type === 'note') out.notes.push({ title, type: a.type, description: a.description ?? '' });
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return out;
}
