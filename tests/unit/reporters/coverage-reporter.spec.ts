import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase } from '@playwright/test/reporter';
import CoverageReporter from '../../../src/reporters/coverage-reporter';
import { failureKindAnnotation } from '../../../src/domain/failure-kinds';
import type { CoverageReport } from '../../../src/coverage/coverage-model';
import { makeFakeTest } from '../coverage/fake-tests';
import type { RunErrorItem, RunSummary } from '../../../src/domain/run-summary';
import { recordRunError } from '../../../src/hygiene/run-errors';

const ROOT = path.resolve(__dirname, '../../..');

function fakeSuite(tests: TestCase[]): Suite {
  return { allTests: () => tests } as unknown as Suite;
}

async function runReporter(
  tests: TestCase[],
  dir: string,
  withHtmlIndex: boolean,
  argv: readonly string[] = ['node', 'playwright', 'test'],
): Promise<string> {
  const reporter = new CoverageReporter({ outputDir: dir, rootDir: ROOT, argv });
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  // Capture the console table instead of printing it into the unit-test output.
  process.stdout.write = (chunk: string): boolean => {
    out.push(chunk);
    return true;
  };
  try {
    reporter.onBegin({} as FullConfig, fakeSuite(tests));
    await reporter.onEnd({ status: 'failed' } as FullResult);
    if (withHtmlIndex) {
      fs.mkdirSync(path.join(dir, 'html'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'html', 'index.html'), '<html></html>');
    }
    await reporter.onExit();
  } finally {
    process.stdout.write = write;
  }
  return out.join('');
}

test('writes coverage.json/html, attaches the html to every test and prints the summary', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
  const tests = [
    makeFakeTest({ title: 'reads', rules: ['D1'], observations: [{ status: 200 }, { status: 404 }] }),
    makeFakeTest({
      title: 'fails',
      outcome: 'unexpected',
      error: 'Environment failure: target unreachable',
      // What the fixtures record when the client threw that error as an EnvironmentError.
      runtimeAnnotations: [failureKindAnnotation({ kind: 'environment', error: 0 })],
      rules: ['A1'],
    }),
    makeFakeTest({ title: 'bad', rawObservationBody: 'nope' }),
  ];
  const console = await runReporter(tests, dir, true);

  const report = JSON.parse(fs.readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as CoverageReport;
  const getToken = report.operations.find((o) => o.operationId === 'getToken');
  expect(getToken?.cells.filter((c) => c.state === 'validated').map((c) => c.status)).toEqual([200, 404]);
  expect(report.summary).toMatchObject({ contractFailures: 0, environmentFailures: 1 });
  expect(report.problems).toEqual(['chromium-less › tokens.spec.ts › bad: contract-observations attachment is not JSON']);
  expect(fs.readFileSync(path.join(dir, 'coverage.html'), 'utf8')).toContain('id="status-matrix"');
  expect(fs.readFileSync(path.join(dir, 'html', 'coverage.html'), 'utf8')).toContain('id="status-matrix"');

  for (const t of tests) {
    const attached = t.results[0]?.attachments.filter((a) => a.name === 'coverage.html') ?? [];
    expect(attached).toEqual([{ name: 'coverage.html', contentType: 'text/html', path: path.join(dir, 'coverage.html') }]);
  }
  expect(console).toContain('contract failures: 0, environment failures: 1');
  expect(console).toContain('coverage problem: ');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('without an html report folder nothing is copied there', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
  await runReporter([makeFakeTest({ title: 'x' })], dir, false);
  expect(fs.existsSync(path.join(dir, 'coverage.json'))).toBe(true);
  expect(fs.existsSync(path.join(dir, 'html', 'coverage.html'))).toBe(false);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a listing (--list) writes nothing, so the last real matrix survives', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
  const printed = await runReporter([makeFakeTest({ title: 'listed', noResults: true })], dir, false, [
    'node',
    'playwright',
    'test',
    '--list',
  ]);
  expect(fs.existsSync(path.join(dir, 'coverage.json'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'summary.json'))).toBe(false);
  expect(printed).toBe('');
  fs.rmSync(dir, { recursive: true, force: true });
});

// Issue 24.4: a run in which no test ran writes its own summary (what stopped it), never leaving an earlier run's.
const STOPPED: { given: string; runErrors: RunErrorItem[] | null; want: string }[] = [
  {
    given: 'an unreachable target (set-up error of the environment)',
    runErrors: [{ phase: 'global set-up', kind: 'environment', message: 'Environment failure: cannot reach the target' }],
    want: 'unreachable',
  },
  {
    given: 'a configuration error in global set-up',
    runErrors: [{ phase: 'global set-up', kind: 'run', message: 'Configuration error: LD_EXPECTATIONS', cause: 'configuration' }],
    want: 'config-error',
  },
  { given: 'no recorded error (nothing matched)', runErrors: null, want: 'no-tests' },
];
for (const { given, runErrors, want } of STOPPED) {
  test(`no test ran, given ${given}: summary.json says ${want} and replaces the stale one; the last lines name the reports`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
    const runId = process.env.LD_RUN_ID;
    process.env.LD_RUN_ID = 'stopped-run';
    try {
      fs.writeFileSync(path.join(dir, 'summary.json'), '{"status":"passed","stale":true}\n');
      fs.writeFileSync(path.join(dir, 'summary.md'), '### stale\n');
      if (runErrors) for (const e of runErrors) recordRunError(dir, 'stopped-run', e);
      const printed = await runReporter([makeFakeTest({ title: 'never ran', noResults: true })], dir, false);
      const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary & { stale?: boolean };
      expect(summary.stale).toBeUndefined();
      expect(summary.status).toBe(want);
      expect(summary.runErrors).toEqual(runErrors ?? []);
      expect(summary.tests.total).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(`### Access Tokens conformance: ${want}`);
      expect(fs.existsSync(path.join(dir, 'coverage.json')), 'no matrix: nothing was observed').toBe(false);
      expect(printed.trimEnd().split('\n').slice(-4)).toEqual([
        'Reports:',
        `  HTML report:  none (no HTML report in ${path.join(dir, 'html')})`,
        '  coverage:     none for this run (no test ran)',
        `  summary:      ${path.join(dir, 'summary.json')} (for people: ${path.join(dir, 'summary.md')})`,
      ]);
    } finally {
      if (runId === undefined) delete process.env.LD_RUN_ID;
      else process.env.LD_RUN_ID = runId;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a run that ran tests ends naming the HTML report, coverage.html and summary.json; GITHUB_STEP_SUMMARY gets summary.md once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
  const stepSummary = path.join(dir, 'step-summary.md');
  const before = process.env.GITHUB_STEP_SUMMARY;
  process.env.GITHUB_STEP_SUMMARY = stepSummary;
  try {
    const printed = await runReporter([makeFakeTest({ title: 'reads', observations: [{ status: 200 }] })], dir, true);
    expect(printed.trimEnd().split('\n').slice(-4)).toEqual([
      'Reports:',
      `  HTML report:  ${path.join(dir, 'html', 'index.html')}`,
      `  coverage:     ${path.join(dir, 'coverage.html')}`,
      `  summary:      ${path.join(dir, 'summary.json')} (for people: ${path.join(dir, 'summary.md')})`,
    ]);
    const appended = fs.readFileSync(stepSummary, 'utf8');
    expect(appended.split('### Access Tokens conformance: ').length - 1, 'appended once').toBe(1);
    expect(appended).toContain(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8').trimEnd());
  } finally {
    if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without schemas/operations to read the documented statuses from, the run fails with one clear line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
  const reporter = new CoverageReporter({ outputDir: dir, rootDir: dir });
  reporter.onBegin({} as FullConfig, fakeSuite([makeFakeTest({ title: 'x' })]));
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string): boolean => {
    errors.push(chunk);
    return true;
  };
  let outcome;
  try {
    outcome = await reporter.onEnd({ status: 'passed' } as FullResult);
  } finally {
    process.stderr.write = write;
  }
  expect(outcome).toEqual({ status: 'failed' });
  expect(errors.join('')).toMatch(/^coverage reporter: cannot read documented statuses from .*getTokens\.json: .*\n$/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('LD_LATENCY_P95_MS is judged by the reporter (so also by merge-reports): a breach fails the run as an environment failure', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
  const previous = process.env.LD_LATENCY_P95_MS;
  const tests = [makeFakeTest({ title: 'slow', observations: [{ operationId: 'getTokens', durationMs: 250 }] })];
  const run = async (threshold: string): Promise<{ outcome: unknown; printed: string }> => {
    process.env.LD_LATENCY_P95_MS = threshold;
    const reporter = new CoverageReporter({ outputDir: dir, rootDir: ROOT, attachToHtmlReport: false });
    reporter.onBegin({} as FullConfig, fakeSuite(tests));
    const out: string[] = [];
    const errors: string[] = [];
    const [write, writeErr] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
    process.stdout.write = (chunk: string): boolean => out.push(chunk) > 0;
    process.stderr.write = (chunk: string): boolean => errors.push(chunk) > 0;
    try {
      const outcome = await reporter.onEnd({ status: 'passed' } as FullResult);
      return { outcome, printed: out.join('') + errors.join('') };
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
  };
  try {
    const breached = await run('getTokens=200');
    expect(breached.outcome).toEqual({ status: 'failed' });
    expect(breached.printed).toContain('contract failures: 0, environment failures: 1 (1 latency breach)');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as CoverageReport;
    expect(report.latency.operations.find((o) => o.operationId === 'getTokens')).toMatchObject({
      count: 1,
      p95Ms: 250,
      thresholdMs: 200,
      breached: true,
    });

    expect((await run('300')).outcome).toBeUndefined();

    const bad = await run('fast');
    expect(bad.outcome).toEqual({ status: 'failed' });
    expect(bad.printed).toMatch(/^coverage reporter: Configuration error: LD_LATENCY_P95_MS "fast": .*\n$/);
  } finally {
    if (previous === undefined) delete process.env.LD_LATENCY_P95_MS;
    else process.env.LD_LATENCY_P95_MS = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Issue 24.4: a nightly shard lists the coverage reporter after blob, so its summary.json gives `npm run conformance`
// the shard's exit code; the merge appends the merged summary.md to the step summary, the shard appends nothing.
const STEP_SUMMARY_ROWS: { given: string; reporter: FullConfig['reporter']; want: boolean }[] = [
  { given: 'a run without a blob reporter', reporter: [['list', undefined]], want: true },
  { given: 'a shard (blob reporter on the list)', reporter: [['blob', undefined]], want: false },
];
for (const { given, reporter, want } of STEP_SUMMARY_ROWS) {
  test(`${given}: summary.json is written; the step summary ${want ? 'gets' : 'does not get'} summary.md`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cov-'));
    const stepSummary = path.join(dir, 'step-summary.md');
    const before = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = stepSummary;
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (): boolean => true;
    try {
      const reporterUnderTest = new CoverageReporter({ outputDir: dir, rootDir: ROOT, argv: ['node', 'playwright', 'test'] });
      const config = { reporter, rootDir: dir, configFile: path.join(dir, 'playwright.config.ts') } as unknown as FullConfig;
      reporterUnderTest.onBegin(config, fakeSuite([makeFakeTest({ title: 'reads', observations: [{ status: 200 }] })]));
      await reporterUnderTest.onEnd({ status: 'passed' } as FullResult);
      await reporterUnderTest.onExit();
      expect(fs.existsSync(path.join(dir, 'summary.json'))).toBe(true);
      expect(fs.existsSync(stepSummary)).toBe(want);
    } finally {
      process.stdout.write = write;
      if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = before;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
