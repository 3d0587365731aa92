import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  firstFailedAttempt,
  parsePlaywrightReport,
  readAttachmentText,
  readPlaywrightReport,
  readPlaywrightReportIfPresent,
  titleOf,
  type ReportedTest,
} from '../../../src/harness/playwright-report';
import { countAnnotations } from '../../../src/harness/report-annotations';

const rule = (id: string): { type: string; description: string } => ({ type: 'rule', description: id });
const wait = { type: 'rate-limit-wait', description: 'waited 1000 ms (429)' };

/** A report in Playwright's JSON shape: a file suite, a describe block, a retried test and a skipped one. */
const REPORT = {
  config: { workers: 2 },
  stats: { expected: 1, unexpected: 0, flaky: 1, skipped: 1, duration: 1234.5 },
  errors: [{ message: '\u001b[31mError: global setup failed\u001b[39m' }],
  suites: [
    {
      title: 'getToken.spec.ts',
      file: 'getToken.spec.ts',
      specs: [
        {
          title: 'at file level',
          file: 'getToken.spec.ts',
          tests: [
            {
              projectName: '',
              status: 'expected',
              annotations: [],
              results: [{ status: 'passed', duration: 5, retry: 0, errors: [], annotations: [], attachments: [] }],
            },
          ],
        },
      ],
      suites: [
        {
          title: 'getToken (B1)',
          file: 'getToken.spec.ts',
          specs: [
            {
              title: 'returns 404 for an unknown id',
              file: 'getToken.spec.ts',
              tests: [
                {
                  projectName: 'api',
                  status: 'flaky',
                  // Playwright copies test annotations onto each attempt: they must count once, not thrice.
                  annotations: [rule('B1'), rule('B2')],
                  results: [
                    {
                      status: 'failed',
                      duration: 40,
                      retry: 0,
                      error: { message: '\u001b[31mexpected 404\u001b[39m' },
                      errors: [{ message: 'expected 404\n  at getToken.spec.ts:12' }],
                      annotations: [rule('B1'), rule('B2'), wait],
                      attachments: [],
                    },
                    {
                      status: 'passed',
                      duration: 30,
                      retry: 1,
                      errors: [],
                      annotations: [rule('B1'), rule('B2'), wait],
                      attachments: [{ name: 'note', contentType: 'text/plain', body: Buffer.from('hello').toString('base64') }],
                    },
                  ],
                },
              ],
            },
            {
              title: 'skipped one',
              file: 'getToken.spec.ts',
              tests: [{ projectName: '', status: 'skipped', annotations: [{ type: 'skip', description: 'no reader token' }], results: [] }],
            },
          ],
        },
      ],
    },
  ],
};

test.describe('parsePlaywrightReport', () => {
  const report = parsePlaywrightReport(REPORT);
  const byTitle = (title: string): ReportedTest => {
    const found = report.tests.find((t) => t.titlePath.at(-1) === title);
    if (!found) throw new Error(`no test ${title}`);
    return found;
  };

  test('flattens every test with its file, title path (no file name) and project', () => {
    expect(report.tests.map((t) => ({ file: t.file, title: titleOf(t), project: t.project }))).toEqual([
      { file: 'getToken.spec.ts', title: 'at file level', project: '' },
      { file: 'getToken.spec.ts', title: 'getToken (B1) › returns 404 for an unknown id', project: 'api' },
      { file: 'getToken.spec.ts', title: 'getToken (B1) › skipped one', project: '' },
    ]);
  });

  const rows: { given: string; want: Partial<ReportedTest> }[] = [
    { given: 'at file level', want: { outcome: 'expected', status: 'passed', durationMs: 5, retries: 0 } },
    { given: 'returns 404 for an unknown id', want: { outcome: 'flaky', status: 'passed', durationMs: 30, retries: 1 } },
    { given: 'skipped one', want: { outcome: 'skipped', status: 'skipped', durationMs: 0, retries: 0 } },
  ];
  for (const { given, want } of rows) {
    test(`outcome, last attempt's status and duration, retries: ${given}`, () => {
      expect(byTitle(given)).toMatchObject(want);
    });
  }

  test("annotations: each attempt's own, plus test-level ones no attempt carries — never test and copy both", () => {
    expect(byTitle('returns 404 for an unknown id').annotations).toEqual([rule('B1'), rule('B2'), wait, rule('B1'), rule('B2'), wait]);
    expect(byTitle('skipped one').annotations).toEqual([{ type: 'skip', description: 'no reader token' }]);
  });

  test('errors lose their colours, the headline error first; the first failed attempt is found', () => {
    const failed = firstFailedAttempt(byTitle('returns 404 for an unknown id'));
    expect(failed?.errors).toEqual(['expected 404', 'expected 404\n  at getToken.spec.ts:12']);
    // The list failure-kind annotations index: Playwright's own, one entry per error, nothing merged.
    expect(failed?.errorList).toEqual(['expected 404\n  at getToken.spec.ts:12']);
    expect(firstFailedAttempt(byTitle('at file level'))).toBeUndefined();
    expect(report.errors).toEqual(['Error: global setup failed']);
  });

  test('stats and workers', () => {
    expect(report.stats).toEqual({ expected: 1, unexpected: 0, flaky: 1, skipped: 1, durationMs: 1234.5 });
    expect(report.workers).toBe(2);
  });

  test('inline attachment bodies are decoded from base64', () => {
    const attachment = byTitle('returns 404 for an unknown id').attempts[1]?.attachments[0];
    expect(attachment && readAttachmentText(attachment)).toBe('hello');
  });

  test('something that is not a Playwright JSON report is a clear error', () => {
    expect(() => parsePlaywrightReport({ nope: true })).toThrow(/not a Playwright JSON report/);
    expect(() => parsePlaywrightReport(null)).toThrow(/not a Playwright JSON report/);
  });
});

test.describe('reading report files', () => {
  // Made in beforeAll, not at load: with fullyParallel a worker can run this group's afterAll and later get another
  // test of the group, which reruns beforeAll but not the module (a folder made at load was gone: ENOENT, seen in runs).
  let dir = '';
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-report-'));
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a missing file names the file; the IfPresent variant says null', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => readPlaywrightReport(missing)).toThrow(`No JSON report at ${missing}`);
    expect(readPlaywrightReportIfPresent(missing)).toBeNull();
  });

  test('a file that is not JSON names the file', () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{');
    expect(() => readPlaywrightReport(broken)).toThrow(`The JSON report at ${broken} is not valid JSON`);
  });

  test('countAnnotations counts each rate-limit wait of each attempt', () => {
    const file = path.join(dir, 'report.json');
    fs.writeFileSync(file, JSON.stringify(REPORT));
    expect(countAnnotations(file, 'rate-limit-wait')).toBe(2);
    expect(countAnnotations(file, 'skip')).toBe(1);
  });
});
