import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildCoverage, type TestRecord } from '../../../src/coverage/coverage-model';
import type { DocumentedStatuses } from '../../../src/coverage/documented-statuses';
import { buildSummaryForRun } from '../../../src/reporters/summary-writer';

const DOCUMENTED: DocumentedStatuses = {
  getTokens: [200],
  postToken: [201],
  getToken: [200],
  patchToken: [200],
  deleteToken: [204],
  resetToken: [200],
};
const passed: TestRecord = {
  id: 'p',
  title: 'reset.spec.ts › reset › passes now',
  status: 'passed',
  environmentFailure: false,
  rules: [],
  observations: [],
};
const notRun: TestRecord = { ...passed, id: 'n', title: 'reset.spec.ts › reset › skipped here', status: 'skipped' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strict-'));
const file = path.join(dir, 'x.yaml');
fs.writeFileSync(
  file,
  [
    'deviations:',
    ...[passed.title, notRun.title].flatMap((t) => [
      `  - test: "${t}"`,
      '    failure: { check: status_code_conformance, operation: resetToken, status: 201 }',
      '    reason: r',
    ]),
  ].join('\n'),
);

const rows: { name: string; given: Record<string, string>; want: { failRun: boolean; status: string; unmatched: string[] } }[] = [
  // The entry of a skipped test is not unmatched: the run says nothing about it.
  {
    name: 'unmatched entries are reported',
    given: { LD_EXPECTATIONS: file },
    want: { failRun: false, status: 'passed', unmatched: [passed.title] },
  },
  {
    name: 'LD_EXPECTATIONS_STRICT=1 fails the run on them',
    given: { LD_EXPECTATIONS: file, LD_EXPECTATIONS_STRICT: '1' },
    want: { failRun: true, status: 'failed', unmatched: [passed.title] },
  },
];

for (const { name, given, want } of rows) {
  test(name, () => {
    const saved = { ...process.env };
    Object.assign(process.env, given);
    try {
      const report = buildCoverage([passed, notRun], DOCUMENTED);
      const { summary, failRun } = buildSummaryForRun(report, [passed, notRun], 'passed', [], dir);
      expect({
        failRun: failRun !== null,
        status: summary.status,
        unmatched: summary.knownDeviations.unmatched.map((d) => d.test),
      }).toEqual(want);
    } finally {
      for (const key of Object.keys(given)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
}
