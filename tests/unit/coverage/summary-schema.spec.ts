import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase } from '@playwright/test/reporter';
import CoverageReporter from '../../../src/reporters/coverage-reporter';
import { recordConfigurationStop } from '../../../src/reporters/summary-writer';
import { SUMMARY_SCHEMA_FILE, validateSummary } from '../../../src/coverage/validate-summary';
import { buildRunSummary, buildStoppedSummary, SUMMARY_SCHEMA_VERSION } from '../../../src/coverage/run-summary';
import { buildCoverage } from '../../../src/coverage/coverage-model';
import { compareWithBaseline } from '../../../src/expectations/baseline';
import { RUN_STATUSES } from '../../../src/domain/run-status';
import { RULES } from '../../../src/domain/rules';
import type { RunSummary } from '../../../src/domain/run-summary';
import { EXPLORE_SEED_ANNOTATION, formatExploreSeed } from '../../../src/domain/explore-annotation';
import { recordRunError } from '../../../src/hygiene/run-errors';
import { DOCUMENTED_STATUSES, makeFakeTest } from './fake-tests';

/**
 * Issue 24.6: summary.json is a published, versioned format (report-schemas/summary.schema.json). Every writer's
 * output validates against it — a passed, a failed, a stopped and a merged run, and playwright.config.ts's
 * configuration stop — and the schema and the TypeScript type (RunSummary) cannot drift apart: the first test
 * lists both shapes field by field (name, optional or required, nesting, string-literal unions) and compares them.
 */

const ROOT = path.resolve(__dirname, '../../..');

type Json = Record<string, unknown>;

/** RunSummary's shape as TypeScript sees it: `a.b[].c?` per field, and `path ∈ x|y` for a string-literal union. */
function typeShape(): string[] {
  const file = path.join(ROOT, 'src/domain/run-summary.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source ? checker.getSymbolAtLocation(source) : undefined;
  const symbol = moduleSymbol ? checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'RunSummary') : undefined;
  if (!symbol) throw new Error('RunSummary not found in src/domain/run-summary.ts');
  const out: string[] = [];
  const walk = (type: ts.Type, prefix: string): void => {
    for (const prop of checker.getPropertiesOfType(type)) {
      const key = `${prefix}${prop.name}${prop.flags & ts.SymbolFlags.Optional ? '?' : ''}`;
      out.push(key);
      let inner = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
      let element = '';
      if (checker.isArrayType(inner)) {
        inner = checker.getTypeArguments(inner as ts.TypeReference)[0] ?? inner;
        element = '[]';
      }
      const literals = (inner.isUnion() ? inner.types : [inner]).filter((t) => t.isStringLiteral()).map((t) => t.value);
      if (literals.length > 0) out.push(`${key}${element} ∈ ${literals.sort().join('|')}`);
      else if (inner.flags & ts.TypeFlags.Object) walk(inner, `${key}${element}.`);
    }
  };
  walk(checker.getDeclaredTypeOfSymbol(symbol), '');
  return out.sort();
}

/** The schema's shape in the same notation (`$ref` to `$defs` followed; a `oneOf` with null is its other branch). */
function schemaShape(schema: Json): string[] {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const resolve = (node: Json): Json => {
    let n = node;
    if (typeof n.$ref === 'string') n = defs[n.$ref.replace('#/$defs/', '')] ?? {};
    if (Array.isArray(n.oneOf)) n = resolve((n.oneOf as Json[]).find((b) => b.type !== 'null') ?? {});
    return n;
  };
  const out: string[] = [];
  const walk = (node: Json, prefix: string): void => {
    const required = new Set((node.required ?? []) as string[]);
    for (const [name, raw] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
      const key = `${prefix}${name}${required.has(name) ? '' : '?'}`;
      out.push(key);
      let inner = resolve(raw);
      let element = '';
      if (inner.type === 'array') {
        inner = resolve((inner.items ?? {}) as Json);
        element = '[]';
      }
      const literals = Array.isArray(inner.enum) ? (inner.enum as unknown[]) : typeof inner.const === 'string' ? [inner.const] : [];
      if (literals.length > 0 && literals.every((l) => typeof l === 'string'))
        out.push(`${key}${element} ∈ ${[...literals].sort().join('|')}`);
      else if (inner.properties) walk(inner, `${key}${element}.`);
    }
  };
  walk(schema, '');
  return out.sort();
}

test('the schema and RunSummary have the same fields, optionality and string-literal unions (no drift either way)', () => {
  const schema = JSON.parse(fs.readFileSync(SUMMARY_SCHEMA_FILE, 'utf8')) as Json;
  const fromType = typeShape();
  expect(fromType, 'the type walk sees nested fields').toContain('failures[].signature.check?');
  expect(schemaShape(schema)).toEqual(fromType);
  expect((schema.properties as Record<string, Json>).schemaVersion?.const, 'the schema is for this version').toBe(SUMMARY_SCHEMA_VERSION);
  expect(new Set(((schema.properties as Record<string, Json>).status?.enum ?? []) as string[])).toEqual(new Set(RUN_STATUSES));
});

test('the validator refuses what the schema does not allow (an extra field, a missing one, a wrong status)', () => {
  const summary = buildStoppedSummary({ status: 'no-tests', runErrors: [], apiVersion: null });
  const cases: { given: string; doc: unknown; want: string }[] = [
    { given: 'an undeclared field', doc: { ...summary, token: 'x' }, want: '/: must NOT have additional properties (token)' },
    { given: 'no rules', doc: { ...summary, rules: undefined }, want: "/: must have required property 'rules'" },
    { given: 'an unknown status', doc: { ...summary, status: 'green' }, want: '/status: must be equal to one of the allowed values' },
    {
      given: 'a target with a path',
      doc: { ...summary, target: { kind: 'remote', host: 'staging.example.com/api' } },
      want: '/target/host: must match pattern "^[^/?#@\\s]+$"',
    },
  ];
  for (const { given, doc, want } of cases) expect(validateSummary(JSON.parse(JSON.stringify(doc))), given).toContain(want);
});

function fakeSuite(tests: TestCase[]): Suite {
  return { allTests: () => tests } as unknown as Suite;
}

/** Drives the coverage reporter as Playwright does and returns the summary.json it wrote. */
async function summaryOfReporterRun(
  tests: TestCase[],
  dir: string,
  options: { merged?: boolean; status?: FullResult['status'] } = {},
): Promise<Json> {
  const reporter = new CoverageReporter({
    outputDir: dir,
    rootDir: ROOT,
    merged: options.merged,
    attachToHtmlReport: false,
    argv: ['node', 'playwright', 'test'],
  });
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (): boolean => true; // the console table is not this test's subject
  try {
    reporter.onBegin({} as FullConfig, fakeSuite(tests));
    const result = { status: options.status ?? 'passed', startTime: new Date('2026-12-07T03:17:00Z'), duration: 61_234.5 };
    await reporter.onEnd(result).catch(() => undefined); // merged: a failed verdict is thrown after the files are written
    await reporter.onExit();
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as Json;
}

const EXPLORE = { seed: -12345, budget: 1000 };

const RUNS: { given: string; tests: () => TestCase[]; merged?: boolean; status?: FullResult['status']; want: Partial<RunSummary> }[] = [
  {
    given: 'a passed run with explore',
    tests: () => [
      makeFakeTest({ title: 'reads', rules: ['D1'], observations: [{ status: 200 }, { status: 404 }] }),
      makeFakeTest({
        title: 'explore',
        rules: ['A1'],
        observations: [{ status: 201 }],
        runtimeAnnotations: [{ type: EXPLORE_SEED_ANNOTATION, description: formatExploreSeed(EXPLORE) }],
      }),
    ],
    want: { status: 'passed', requests: 3, explore: EXPLORE, durationMs: 61_235, startedAt: '2026-12-07T03:17:00.000Z' },
  },
  {
    given: 'a failed run',
    tests: () => [
      makeFakeTest({
        title: 'deletes',
        outcome: 'unexpected',
        error: 'expected one of 403; received 204',
        rules: ['B1'],
        observations: [{ status: 204 }],
      }),
    ],
    status: 'failed',
    want: { status: 'failed', requests: 1, explore: null },
  },
  {
    given: 'a merged run (merge-reports, no LD_BASE_URL there)',
    tests: () => [makeFakeTest({ title: 'reads', rules: ['D1'], observations: [{ status: 200 }] })],
    merged: true,
    want: { status: 'passed', target: null },
  },
];

for (const { given, tests, merged, status, want } of RUNS) {
  test(`${given}: the coverage reporter's summary.json validates against the schema`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-schema-'));
    const before = process.env.LD_BASE_URL;
    delete process.env.LD_BASE_URL;
    try {
      const summary = await summaryOfReporterRun(tests(), dir, { merged, status });
      expect(validateSummary(summary)).toEqual([]);
      expect(summary).toMatchObject(want);
      expect((summary.rules as unknown[]).length, 'every rule, with its state').toBe(RULES.length);
      if (!merged) expect(summary.target).toEqual({ kind: 'embedded', host: null });
    } finally {
      if (before !== undefined) process.env.LD_BASE_URL = before;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a failed run compared with a baseline validates, baseline included', () => {
  const records = [
    {
      id: '1',
      title: 'deletes',
      status: 'failed' as const,
      environmentFailure: false,
      rules: ['B1'],
      observations: [],
      failures: [{ kind: 'assertion' as const, signature: { rule: 'B1', operation: 'deleteToken', status: 204 }, message: 'm' }],
    },
  ];
  const base = buildRunSummary({ report: buildCoverage(records, DOCUMENTED_STATUSES), records, status: 'failed', expectations: null });
  const summary: RunSummary = { ...base, baseline: compareWithBaseline(base, { ...base, failures: [] }, new Set(['deletes']), 'baseline') };
  expect(summary.baseline?.new).toHaveLength(1);
  expect(validateSummary(JSON.parse(JSON.stringify(summary)))).toEqual([]);
});

const STOPPED: { given: string; runErrors: Parameters<typeof recordRunError>[2][]; want: string }[] = [
  {
    given: 'an unreachable target',
    runErrors: [{ phase: 'global set-up', kind: 'environment', message: 'Environment failure: x' }],
    want: 'unreachable',
  },
  {
    given: 'a configuration error in global set-up',
    runErrors: [{ phase: 'global set-up', kind: 'run', message: 'Configuration error: x', cause: 'configuration' }],
    want: 'config-error',
  },
  { given: 'a probe answering 500', runErrors: [{ phase: 'global set-up', kind: 'run', message: 'probe: 500' }], want: 'setup-failed' },
  { given: 'nothing matched', runErrors: [], want: 'no-tests' },
];
for (const { given, runErrors, want } of STOPPED) {
  test(`a stopped run (${given}): summary.json says ${want}, every rule not-run, and validates`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-schema-'));
    const runId = process.env.LD_RUN_ID;
    process.env.LD_RUN_ID = 'schema-stopped';
    try {
      for (const e of runErrors) recordRunError(dir, 'schema-stopped', e);
      const summary = await summaryOfReporterRun([makeFakeTest({ title: 'never ran', noResults: true })], dir, { status: 'failed' });
      expect(validateSummary(summary)).toEqual([]);
      expect(summary).toMatchObject({ status: want, requests: 0, explore: null, durationMs: 61_235 });
      expect(new Set((summary.rules as { state: string }[]).map((r) => r.state))).toEqual(new Set(['not-run']));
    } finally {
      if (runId === undefined) delete process.env.LD_RUN_ID;
      else process.env.LD_RUN_ID = runId;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("playwright.config.ts's configuration stop writes a summary that validates, with the target's host only", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-schema-'));
  try {
    recordConfigurationStop('LD_WORKERS "x" is not a number', { LD_REPORTS_DIR: dir, LD_BASE_URL: 'https://staging.example.com:8443' });
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as Json;
    expect(validateSummary(summary)).toEqual([]);
    expect(summary).toMatchObject({
      status: 'config-error',
      startedAt: null,
      durationMs: null,
      target: { kind: 'remote', host: 'staging.example.com:8443' },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
