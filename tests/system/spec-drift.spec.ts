import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import type { CoverageReport } from '../../src/coverage/coverage-model';
import { startReferenceServer } from '../../src/server';
import { SPEC_DRIFT_FILE } from '../../src/spec/spec-drift';
import { copyVendoredSpec, property, schema } from '../support/spec-mutations';

/**
 * LD_SPEC_DRIFT=1 judged from the outside. The reference server serves an edited spec (a response
 * property removed, a request enum value added): the run stays green — drift is a warning, never a
 * contract failure — and the console, coverage.json (`specDrift`) and coverage.html all name both
 * changes. A target that serves no spec is reported as such; with the check off, no drift is shown
 * and a previous run's result is removed. getToken.spec.ts only: a few seconds per run.
 */

const SPEC = 'tests/access-tokens/getToken.spec.ts';

interface Outcome {
  run: SuiteRunResult;
  report: CoverageReport;
  html: string;
}

async function runWithDrift(
  reportsDir: string,
  options: { baseUrl?: string; accessToken?: string; env: Record<string, string> },
): Promise<Outcome> {
  const run = await runSuite({ ...options, reportsDir, args: [SPEC], env: { LD_RUN_PREFIX: 'ldct', ...options.env }, timeoutMs: 120_000 });
  const file = path.join(reportsDir, 'coverage.json');
  expect(fs.existsSync(file), `the run wrote coverage.json:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-1000)}`).toBe(true);
  return {
    run,
    report: JSON.parse(fs.readFileSync(file, 'utf8')) as CoverageReport,
    html: fs.readFileSync(path.join(reportsDir, 'coverage.html'), 'utf8'),
  };
}

let dir = '';
test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-drift-'));
});
test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a target serving an edited spec: a warning in the console, coverage.json and coverage.html; the run stays green', async () => {
  const edited = copyVendoredSpec();
  delete schema(edited, 'Token').properties?.name;
  property(edited, 'AccessTokenPost', 'role').enum?.push('owner');
  const specFile = path.join(dir, 'served.json');
  fs.writeFileSync(specFile, JSON.stringify(edited));
  const server = await startReferenceServer({ servedSpecFile: specFile, log: () => undefined });
  try {
    const { run, report, html } = await runWithDrift(path.join(dir, 'reports'), {
      baseUrl: server.url,
      accessToken: server.adminToken,
      env: { LD_SPEC_DRIFT: '1' },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.exitCode, `drift never fails a run:\n${output.slice(-3000)}`).toBe(0);
    expect(report.summary.contractFailures).toBe(0);

    const drift = report.specDrift;
    expect(drift).toMatchObject({ state: 'drifted', url: `${server.url}/api/v2/openapi.json`, breaking: 1, nonBreaking: 1 });
    expect(drift?.changes.map((c) => [c.severity, c.kind, c.side, c.location])).toEqual([
      ['breaking', 'property-removed', 'response', '/components/schemas/Token/properties/name'],
      ['non-breaking', 'enum-value-added', 'request', '/components/schemas/AccessTokenPost/properties/role/enum'],
    ]);
    expect(output).toContain(
      `WARNING spec drift: the spec served at ${server.url}/api/v2/openapi.json differs from the vendored spec for the six operations: 1 breaking, 1 non-breaking change(s)`,
    );
    expect(output).toContain(
      'BREAKING getTokens,postToken,getToken,patchToken,resetToken (response) property removed at /components/schemas/Token/properties/name',
    );
    expect(html).toContain('<h2 id="spec-drift">Spec drift (LD_SPEC_DRIFT)</h2>');
    expect(html).toContain('<code>/components/schemas/AccessTokenPost/properties/role/enum</code>');
    // issue 12's summary.json carries the same field, and summary.md (the CI step summary) the warning line.
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'summary.json'), 'utf8')) as { specDrift?: unknown };
    expect(summary.specDrift).toEqual(drift);
    expect(fs.readFileSync(path.join(dir, 'reports', 'summary.md'), 'utf8')).toContain(
      '**Spec drift** (LD_SPEC_DRIFT, a warning, never a failure): WARNING spec drift:',
    );
    expect(output + JSON.stringify(report) + html, 'no secret in what the check wrote').not.toContain(server.adminToken);
  } finally {
    await server.close();
  }
});

test('a target serving no spec is reported as such; with the check off, no drift and no stale result', async () => {
  const reportsDir = path.join(dir, 'reports');
  // The embedded server, told to serve no spec through the environment playwright.config passes on.
  const none = await runWithDrift(reportsDir, { env: { LD_SPEC_DRIFT: '1', REF_SERVED_SPEC: 'none' } });
  expect(none.run.exitCode, `${none.run.stdout.slice(-2000)}`).toBe(0);
  expect(none.report.specDrift).toMatchObject({ state: 'no-spec', changes: [] });
  expect(none.report.specDrift?.message).toMatch(
    /^WARNING spec drift not checked: the target serves no spec \(http:\/\/127\.0\.0\.1:\d+\/api\/v2\/openapi\.json answered 404\)$/,
  );
  expect(none.html).toContain('the target serves no spec');
  expect(fs.existsSync(path.join(reportsDir, SPEC_DRIFT_FILE))).toBe(true);

  const off = await runWithDrift(reportsDir, { env: { LD_SPEC_DRIFT: '0' } });
  expect(off.run.exitCode).toBe(0);
  expect(off.report.specDrift).toBeNull();
  expect(fs.existsSync(path.join(reportsDir, SPEC_DRIFT_FILE)), "the previous run's result is gone").toBe(false);
  expect(off.html).not.toContain('spec-drift');
});
