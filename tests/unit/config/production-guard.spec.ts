import { expect, test } from '@playwright/test';
import {
  assertRunAllowed,
  assertWritesAllowed,
  detectRunScope,
  isProductionHost,
  ProductionGuardError,
} from '../../../src/config/production-guard';

test.describe('isProductionHost', () => {
  const rows: { given: string; want: boolean }[] = [
    { given: 'app.launchdarkly.com', want: true },
    { given: 'APP.LaunchDarkly.com', want: true },
    { given: 'app.launchdarkly.com.', want: true },
    { given: 'app.launchdarkly.us', want: true },
    { given: 'app.eu.launchdarkly.com', want: true },
    { given: 'api.app.launchdarkly.com', want: true },
    { given: 'staging.launchdarkly.com', want: false },
    { given: 'app.launchdarkly.com.evil.example', want: false },
    { given: 'notapp.launchdarkly.com', want: false },
    { given: '127.0.0.1', want: false },
  ];
  for (const { given, want } of rows) {
    test(`${given} → ${want}`, () => expect(isProductionHost(given)).toBe(want));
  }
});

test.describe('detectRunScope: which runs are read-only', () => {
  const rows: { given: { argv?: string[]; configGrep?: RegExp[]; configGrepInvert?: RegExp[] }; want: boolean }[] = [
    { given: { argv: ['node', 'playwright', 'test'] }, want: false },
    { given: { argv: ['node', 'playwright', 'test', '--grep', '@smoke'] }, want: true },
    { given: { argv: ['node', 'playwright', 'test', '-g', '@smoke'] }, want: true },
    { given: { argv: ['node', 'playwright', 'test', '--grep=@smoke'] }, want: true },
    { given: { argv: ['node', 'playwright', 'test', '--grep', '@smoke|@destructive'] }, want: false },
    { given: { argv: ['node', 'playwright', 'test', '--grep', '@smoke|delete'] }, want: false },
    { given: { argv: ['node', 'playwright', 'test', '--grep', '.*'] }, want: false },
    { given: { argv: ['node', 'playwright', 'test', '--grep', 'getTokens'] }, want: false },
    { given: { argv: ['node', 'playwright', 'test', '--grep-invert', '@destructive'] }, want: true },
    { given: { argv: ['node', 'playwright', 'test', '-G', '@destructive'] }, want: true },
    { given: { argv: ['node', 'playwright', 'test', '--grep-invert', '@slow'] }, want: false },
    { given: { argv: ['node', 'playwright', 'test', '--grep', '@smoke', '--grep-invert', '@slow'] }, want: true },
    // A grep from the config file (FullConfig.grep) counts the same as one from the CLI.
    { given: { configGrep: [/@smoke/] }, want: true },
    { given: { configGrep: [/.*/] }, want: false },
    { given: { configGrepInvert: [/@destructive/] }, want: true },
    // Two greps (config + CLI): both must restrict to @smoke.
    { given: { configGrep: [/getToken/], argv: ['--grep', '@smoke'] }, want: false },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify({ ...given, configGrep: given.configGrep?.map(String), configGrepInvert: given.configGrepInvert?.map(String) })} → readOnly ${want}`, () => {
      const scope = detectRunScope({
        argv: given.argv ?? [],
        configGrep: given.configGrep ?? [],
        configGrepInvert: given.configGrepInvert ?? [],
      });
      expect(scope.readOnly).toBe(want);
    });
  }
});

test.describe('the guard itself', () => {
  const prod = { baseUrl: 'https://app.launchdarkly.com', productionHost: true, allowProduction: false };
  const staging = { baseUrl: 'https://staging.example.com', productionHost: false, allowProduction: false };
  const full = { readOnly: false, reason: 'no grep: the full suite runs' };
  const smoke = { readOnly: true, reason: 'grep selects only @smoke' };

  test('refuses a writing run against production, explaining both ways out', () => {
    expect(() => assertRunAllowed(prod, full)).toThrow(ProductionGuardError);
    expect(() => assertRunAllowed(prod, full)).toThrow(/app\.launchdarkly\.com.*--grep @smoke.*LD_ALLOW_PRODUCTION=1/);
  });

  const allowed: { given: string; config: typeof prod; scope: typeof full }[] = [
    { given: 'production, @smoke only', config: prod, scope: smoke },
    { given: 'production with LD_ALLOW_PRODUCTION=1', config: { ...prod, allowProduction: true }, scope: full },
    { given: 'staging, full run', config: staging, scope: full },
  ];
  for (const row of allowed) {
    test(`allows: ${row.given}`, () => expect(() => assertRunAllowed(row.config, row.scope)).not.toThrow());
  }

  test('assertWritesAllowed refuses production writes unless allowed (defence in depth for fixtures)', () => {
    expect(() => assertWritesAllowed(prod)).toThrow(/Refusing to write to production host app\.launchdarkly\.com/);
    expect(() => assertWritesAllowed({ ...prod, allowProduction: true })).not.toThrow();
    expect(() => assertWritesAllowed(staging)).not.toThrow();
  });
});
