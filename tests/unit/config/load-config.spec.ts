import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  apiVersionHasDefaultPage,
  ConfigError,
  loadConfig,
  loadDiffSideConfig,
  loadRunSettings,
  readApiVersion,
  readReportsDir,
  readStrictMode,
  type SuiteConfig,
} from '../../../src/config/load-config';
import { loadRunComparison } from '../../../src/expectations/load-run-comparison';

const TOKEN = 'api-0123456789abcdef0123456789abcdef';
const REMOTE = { LD_BASE_URL: 'https://staging.example.com', LD_ACCESS_TOKEN: TOKEN, LD_RUN_ID: 'run1' };
const EMBEDDED = { LD_EMBEDDED_PORT: '45123', LD_EMBEDDED_ADMIN_TOKEN: TOKEN, LD_RUN_ID: 'run1' };

test.describe('loadConfig: valid configurations', () => {
  const rows: { given: Record<string, string>; want: Partial<SuiteConfig> }[] = [
    {
      given: EMBEDDED,
      want: {
        target: 'embedded',
        baseUrl: 'http://127.0.0.1:45123',
        accessToken: TOKEN,
        runPrefix: 'ldct',
        tokenNamePrefix: 'ldct-run1',
        maxRps: null,
        requestTimeoutMs: 30_000,
        strict: false,
      },
    },
    { given: REMOTE, want: { target: 'remote', baseUrl: 'https://staging.example.com', productionHost: false, allowProduction: false } },
    { given: REMOTE, want: { otherMemberToken: null } },
    { given: { ...REMOTE, LD_OTHER_MEMBER_TOKEN: `${TOKEN}0` }, want: { otherMemberToken: `${TOKEN}0` } },
    // On the embedded target the suite's own variable (the reference server's second member) is read, never LD_OTHER_MEMBER_TOKEN.
    { given: { ...EMBEDDED, LD_OTHER_MEMBER_TOKEN: `${TOKEN}0` }, want: { otherMemberToken: null } },
    { given: { ...EMBEDDED, LD_EMBEDDED_OTHER_MEMBER_TOKEN: `${TOKEN}1` }, want: { otherMemberToken: `${TOKEN}1` } },
    { given: { ...REMOTE, LD_BASE_URL: 'https://staging.example.com/' }, want: { baseUrl: 'https://staging.example.com' } },
    { given: { ...REMOTE, LD_BASE_URL: 'http://localhost:8080' }, want: { baseUrl: 'http://localhost:8080' } },
    { given: { ...REMOTE, LD_BASE_URL: 'https://app.launchdarkly.com' }, want: { productionHost: true, allowProduction: false } },
    {
      given: { ...REMOTE, LD_BASE_URL: 'https://app.eu.launchdarkly.com', LD_ALLOW_PRODUCTION: '1' },
      want: { productionHost: true, allowProduction: true },
    },
    // The remote target wins over embedded settings a parent process may have left behind.
    { given: { ...REMOTE, ...EMBEDDED }, want: { target: 'remote', baseUrl: 'https://staging.example.com' } },
    { given: { ...REMOTE, LD_MAX_RPS: '10' }, want: { maxRpsTotal: 10, maxRps: 5, workers: 2 } },
    { given: { ...REMOTE, LD_MAX_RPS: '9', LD_WORKERS: '3' }, want: { maxRpsTotal: 9, maxRps: 3, workers: 3 } },
    { given: { ...REMOTE, LD_MAX_RPS: '0.5', LD_WORKERS: '1' }, want: { maxRps: 0.5 } },
    {
      given: { ...REMOTE, LD_REQUEST_TIMEOUT_MS: '5000', LD_RATE_LIMIT_BUDGET_MS: '0' },
      want: { requestTimeoutMs: 5000, rateLimitBudgetMs: 0 },
    },
    {
      given: { ...REMOTE, LD_RUN_PREFIX: 'nightly_ci-7', LD_RUN_ID: 'abc' },
      want: { runPrefix: 'nightly_ci-7', runId: 'abc', tokenNamePrefix: 'nightly_ci-7-abc' },
    },
    { given: { ...REMOTE, CONTRACT_STRICT: 'true' }, want: { strict: true } },
    { given: { ...REMOTE, CONTRACT_STRICT: '0' }, want: { strict: false } },
    { given: { ...REMOTE, LD_SPEC_DRIFT: '1' }, want: { specDrift: true } },
    { given: { ...REMOTE }, want: { hostileInputs: true } },
    { given: { ...REMOTE, LD_HOSTILE_INPUTS: '0' }, want: { hostileInputs: false } },
    { given: { ...REMOTE, LD_HOSTILE_INPUTS: 'true' }, want: { hostileInputs: true } },
    { given: REMOTE, want: { specDrift: false } },
    // Config only reads the variables: the files are loaded at the edges (src/expectations/load-run-comparison.ts).
    {
      given: { ...REMOTE, LD_EXPECTATIONS: 'no/such/expectations.yaml', LD_BASELINE: 'no/such/reports' },
      want: { expectationsFile: 'no/such/expectations.yaml', baselineDir: path.resolve('no/such/reports') },
    },
    { given: { ...REMOTE, LD_REPORTS_DIR: 'out/r1' }, want: { reportsDir: path.resolve('out/r1') } },
    { given: REMOTE, want: { latencyP95Ms: null } },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: '800' }, want: { latencyP95Ms: { all: 800, perOperation: {} } } },
    {
      given: { ...REMOTE, LD_LATENCY_P95_MS: 'getTokens=500, postToken=900.5' },
      want: { latencyP95Ms: { all: null, perOperation: { getTokens: 500, postToken: 900.5 } } },
    },
    {
      given: { ...REMOTE, LD_LATENCY_P95_MS: '800,getTokens=500' },
      want: { latencyP95Ms: { all: 800, perOperation: { getTokens: 500 } } },
    },
    { given: REMOTE, want: { exploreRequests: 150, exploreSeed: null } },
    { given: REMOTE, want: { concurrency: 2, concurrencyRequests: 24 } },
    { given: EMBEDDED, want: { concurrency: 4, concurrencyRequests: 40 } },
    { given: { ...REMOTE, LD_CONCURRENCY: '0' }, want: { concurrency: 0 } },
    { given: { ...EMBEDDED, LD_CONCURRENCY: '8', LD_CONCURRENCY_REQUESTS: '200' }, want: { concurrency: 8, concurrencyRequests: 200 } },
    {
      given: { ...REMOTE, LD_EXPLORE_REQUESTS: '0', LD_EXPLORE_SEED: '-2147483648' },
      want: { exploreRequests: 0, exploreSeed: -2147483648 },
    },
    { given: { ...REMOTE, LD_EXPLORE_REQUESTS: '5000', LD_EXPLORE_SEED: '42' }, want: { exploreRequests: 5000, exploreSeed: 42 } },
    // A blank variable counts as unset (a `.env` copied from `.env.example` has blanks).
    { given: { ...EMBEDDED, LD_BASE_URL: '', LD_MAX_RPS: ' ' }, want: { target: 'embedded', maxRps: null } },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given).replace(TOKEN, 'TOKEN')} → ${JSON.stringify(want)}`, () => {
      expect(loadConfig(given)).toMatchObject(want);
    });
  }

  test('generates a safe run id when LD_RUN_ID is unset, different each time', () => {
    const a = loadConfig({ ...REMOTE, LD_RUN_ID: '' });
    const b = loadConfig({ ...REMOTE, LD_RUN_ID: '' });
    expect(a.runId).toMatch(/^[a-z0-9]{8,}$/);
    expect(a.runId).not.toBe(b.runId);
    expect(a.tokenNamePrefix).toBe(`ldct-${a.runId}`);
  });
});

test.describe('loadConfig: every bad configuration gets a specific one-line error', () => {
  const rows: { given: Record<string, string>; want: RegExp }[] = [
    { given: { LD_BASE_URL: 'https://staging.example.com' }, want: /LD_ACCESS_TOKEN is required when LD_BASE_URL is set/ },
    { given: { ...REMOTE, LD_ACCESS_TOKEN: '  ' }, want: /LD_ACCESS_TOKEN is required/ },
    { given: {}, want: /No target: LD_BASE_URL is not set/ },
    { given: { ...REMOTE, LD_EXPLORE_REQUESTS: '-1' }, want: /LD_EXPLORE_REQUESTS must be a whole number of requests from 0/ },
    { given: { ...REMOTE, LD_EXPLORE_REQUESTS: 'lots' }, want: /LD_EXPLORE_REQUESTS must be a whole number/ },
    { given: { ...REMOTE, LD_EXPLORE_SEED: '1.5' }, want: /LD_EXPLORE_SEED must be a whole number from -2147483648 to 2147483647/ },
    { given: { ...REMOTE, LD_EXPLORE_SEED: '2147483648' }, want: /LD_EXPLORE_SEED must be a whole number/ },
    { given: { LD_EMBEDDED_PORT: '4000' }, want: /No target/ },
    { given: { ...EMBEDDED, LD_EMBEDDED_PORT: '99999' }, want: /LD_EMBEDDED_PORT must be a TCP port/ },
    {
      given: { ...REMOTE, LD_BASE_URL: 'staging.example.com' },
      want: /LD_BASE_URL "staging.example.com" is not a URL: expected the origin/,
    },
    { given: { ...REMOTE, LD_BASE_URL: 'ftp://staging.example.com' }, want: /uses ftp: only http or https is supported/ },
    {
      given: { ...REMOTE, LD_BASE_URL: 'https://staging.example.com/api/v2' },
      want: /has a path, query or fragment: expected the origin of the API host only/,
    },
    { given: { ...REMOTE, LD_BASE_URL: 'https://staging.example.com/api/v2/tokens' }, want: /has a path/ },
    { given: { ...REMOTE, LD_BASE_URL: 'https://staging.example.com?x=1' }, want: /has a path, query or fragment/ },
    { given: { ...REMOTE, LD_BASE_URL: 'https://staging.example.com/#top' }, want: /has a path, query or fragment/ },
    { given: { ...REMOTE, LD_BASE_URL: 'https://me:pw@staging.example.com' }, want: /must not contain credentials/ },
    { given: { ...REMOTE, LD_ACCESS_TOKEN: 'sdk-1234-5678' }, want: /this is an SDK key, the REST API needs an access token \(api-…\)/ },
    { given: { ...REMOTE, LD_ACCESS_TOKEN: 'mob-1234-5678' }, want: /this is a mobile key, the REST API needs an access token \(api-…\)/ },
    {
      given: { ...REMOTE, LD_ACCESS_TOKEN: `Bearer ${TOKEN}` },
      want: /starts with a scheme word \("Bearer …"\): give the raw access token/,
    },
    { given: { ...REMOTE, LD_ACCESS_TOKEN: `bearer ${TOKEN}` }, want: /scheme word/ },
    { given: { ...REMOTE, LD_ACCESS_TOKEN: 'api-abc def' }, want: /LD_ACCESS_TOKEN contains whitespace/ },
    { given: { ...REMOTE, LD_ACCESS_TOKEN: 'api-abc\ndef' }, want: /contains whitespace/ },
    { given: { ...EMBEDDED, LD_EMBEDDED_ADMIN_TOKEN: 'sdk-x-y' }, want: /LD_EMBEDDED_ADMIN_TOKEN is an SDK key/ },
    { given: { ...REMOTE, LD_OTHER_MEMBER_TOKEN: 'sdk-1234-5678' }, want: /LD_OTHER_MEMBER_TOKEN is an SDK key/ },
    { given: { ...REMOTE, LD_OTHER_MEMBER_TOKEN: `Bearer ${TOKEN}x` }, want: /LD_OTHER_MEMBER_TOKEN starts with a scheme word/ },
    { given: { ...REMOTE, LD_OTHER_MEMBER_TOKEN: 'api-a b' }, want: /LD_OTHER_MEMBER_TOKEN contains whitespace/ },
    { given: { ...REMOTE, LD_OTHER_MEMBER_TOKEN: TOKEN }, want: /LD_OTHER_MEMBER_TOKEN is the same token as LD_ACCESS_TOKEN/ },
    {
      given: { ...EMBEDDED, LD_EMBEDDED_OTHER_MEMBER_TOKEN: TOKEN },
      want: /LD_EMBEDDED_OTHER_MEMBER_TOKEN is the same token as LD_EMBEDDED_ADMIN_TOKEN/,
    },
    { given: { ...REMOTE, LD_REQUEST_TIMEOUT_MS: 'soon' }, want: /LD_REQUEST_TIMEOUT_MS must be a positive whole number, got "soon"/ },
    { given: { ...REMOTE, LD_REQUEST_TIMEOUT_MS: '0' }, want: /LD_REQUEST_TIMEOUT_MS must be a positive whole number, got "0"/ },
    { given: { ...REMOTE, LD_REQUEST_TIMEOUT_MS: '-5' }, want: /must be a positive whole number/ },
    { given: { ...REMOTE, LD_MAX_RPS: 'fast' }, want: /LD_MAX_RPS must be a positive number, got "fast"/ },
    { given: { ...REMOTE, LD_MAX_RPS: '0' }, want: /LD_MAX_RPS must be a positive number, got "0"/ },
    { given: { ...REMOTE, LD_MAX_RPS: '-1' }, want: /LD_MAX_RPS must be a positive number/ },
    { given: { ...REMOTE, LD_WORKERS: 'two' }, want: /LD_WORKERS must be a positive whole number/ },
    { given: { ...REMOTE, LD_RATE_LIMIT_BUDGET_MS: '1.5s' }, want: /LD_RATE_LIMIT_BUDGET_MS must be a whole number of milliseconds/ },
    { given: { ...REMOTE, LD_RUN_PREFIX: 'ld ct' }, want: /LD_RUN_PREFIX "ld ct" is not safe in a token name/ },
    { given: { ...REMOTE, LD_RUN_PREFIX: 'ldct/x' }, want: /is not safe in a token name/ },
    { given: { ...REMOTE, LD_RUN_PREFIX: '-ldct' }, want: /is not safe in a token name/ },
    { given: { ...REMOTE, LD_RUN_PREFIX: 'l'.repeat(41) }, want: /is not safe in a token name/ },
    { given: { ...REMOTE, LD_RUN_ID: 'a b' }, want: /LD_RUN_ID "a b" is not safe in a token name/ },
    { given: { ...REMOTE, CONTRACT_STRICT: 'maybe' }, want: /CONTRACT_STRICT must be 1 or 0/ },
    { given: { ...REMOTE, LD_WORKERS: '0' }, want: /LD_WORKERS must be a positive whole number, got "0"/ },
    { given: { ...REMOTE, LD_SPEC_DRIFT: 'sometimes' }, want: /^LD_SPEC_DRIFT must be 1 or 0 \(or true\/false\), got "sometimes"\.$/ },
    { given: { ...REMOTE, LD_HOSTILE_INPUTS: 'off' }, want: /^LD_HOSTILE_INPUTS must be 1 or 0 \(or true\/false\), got "off"\.$/ },
    { given: { ...REMOTE, LD_CONCURRENCY: 'many' }, want: /^LD_CONCURRENCY must be a whole number of clients from 0/ },
    { given: { ...REMOTE, LD_CONCURRENCY: '1' }, want: /^LD_CONCURRENCY must be 0 \(off\) or at least 2/ },
    { given: { ...REMOTE, LD_CONCURRENCY_REQUESTS: '5' }, want: /^LD_CONCURRENCY_REQUESTS must be a whole number of requests from 12/ },
    { given: { ...REMOTE, LD_ALLOW_PRODUCTION: 'please' }, want: /LD_ALLOW_PRODUCTION must be 1 or 0/ },
    {
      given: { ...REMOTE, LD_LATENCY_P95_MS: '800ms' },
      want: /LD_LATENCY_P95_MS "800ms": "800ms" is not a positive number of ms; expected a number of ms for every operation/,
    },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: '0' }, want: /"0" is not a positive number of ms/ },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: 'getToken=5,gettokens=9' }, want: /"gettokens" is not an operation \(getTokens, postToken/ },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: 'getTokens:500' }, want: /"getTokens:500" is not a positive number of ms/ },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: '800,900' }, want: /gives two thresholds for every operation/ },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: 'getTokens=5,getTokens=6' }, want: /gives getTokens two thresholds/ },
    { given: { ...REMOTE, LD_LATENCY_P95_MS: 'getTokens=500,' }, want: /"" is not a positive number of ms/ },
    {
      given: { ...REMOTE, LD_EXPECTATIONS: 'no/such/expectations.yaml' },
      want: /LD_EXPECTATIONS: cannot read .*expectations.yaml \(does the file exist\?\)/,
    },
    { given: { ...REMOTE, LD_EXPECTATIONS: 'package.json' }, want: /LD_EXPECTATIONS package.json: (not valid YAML|unknown top-level key)/ },
    { given: { ...REMOTE, LD_EXPECTATIONS_STRICT: '1' }, want: /LD_EXPECTATIONS_STRICT=1 needs LD_EXPECTATIONS/ },
    { given: { ...REMOTE, LD_EXPECTATIONS_STRICT: 'strict' }, want: /LD_EXPECTATIONS_STRICT must be 1 or 0/ },
    { given: { ...REMOTE, LD_BASELINE: 'no/such/reports' }, want: /LD_BASELINE: .*no\/such\/reports is not a directory/ },
    { given: { ...REMOTE, LD_BASELINE: 'specs' }, want: /LD_BASELINE: .*summary.json does not exist/ },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given).replace(TOKEN, 'TOKEN')} → ${want.source}`, () => {
      let caught: unknown;
      try {
        // What global setup runs: the variables, then the files behind LD_EXPECTATIONS and LD_BASELINE (loaded at the edge).
        loadRunComparison(loadConfig(given));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const message = (caught as ConfigError).message;
      expect(message).toMatch(want);
      expect(message).not.toContain('\n');
      // The secret itself never appears in an error about it.
      for (const secretPart of [TOKEN, '1234-5678', 'abc def']) expect(message).not.toContain(secretPart);
    });
  }
});

test.describe('on/off switches accept the documented spellings only (1/0, true/false)', () => {
  const rows: { given: string | undefined; want: boolean | RegExp }[] = [
    { given: undefined, want: false },
    { given: '', want: false },
    { given: ' ', want: false },
    { given: '0', want: false },
    { given: 'false', want: false },
    { given: 'FALSE', want: false },
    { given: '1', want: true },
    { given: ' 1 ', want: true },
    { given: 'true', want: true },
    { given: 'True', want: true },
    { given: 'yes', want: /must be 1 or 0 \(or true\/false\), got "yes"/ },
    { given: 'no', want: /got "no"/ },
    { given: 'on', want: /got "on"/ },
    { given: 'off', want: /got "off"/ },
    { given: '2', want: /got "2"/ },
  ];
  for (const name of ['CONTRACT_STRICT', 'LD_ALLOW_PRODUCTION'] as const) {
    for (const { given, want } of rows) {
      test(`${name}=${JSON.stringify(given)} → ${String(want)}`, () => {
        const env = { ...REMOTE, ...(given === undefined ? {} : { [name]: given }) };
        const read = (): boolean => (name === 'CONTRACT_STRICT' ? readStrictMode(env) : loadConfig(env).allowProduction);
        if (typeof want === 'boolean') expect(read()).toBe(want);
        else expect(read).toThrow(want);
        if (name === 'CONTRACT_STRICT' && typeof want === 'boolean') expect(loadConfig(env).strict).toBe(want);
      });
    }
  }
});

test.describe('loadRunSettings: what playwright.config.ts reads, validated the same way', () => {
  const rows: { given: Record<string, string>; want: ReturnType<typeof loadRunSettings> | RegExp }[] = [
    {
      given: {},
      want: { remote: false, workers: 2, reportsDir: path.resolve('reports'), apiVersion: '20240415', runTimeoutMs: 1_800_000 },
    },
    {
      given: {
        LD_BASE_URL: 'https://staging.example.com',
        LD_WORKERS: '4',
        LD_REPORTS_DIR: 'out',
        LD_API_VERSION: '20220603',
        LD_RUN_TIMEOUT_MS: '600000',
      },
      want: { remote: true, workers: 4, reportsDir: path.resolve('out'), apiVersion: '20220603', runTimeoutMs: 600_000 },
    },
    {
      given: { LD_BASE_URL: ' ', LD_WORKERS: '' },
      want: { remote: false, workers: 2, reportsDir: path.resolve('reports'), apiVersion: '20240415', runTimeoutMs: 1_800_000 },
    },
    {
      given: { LD_RUN_TIMEOUT_MS: '0' },
      want: { remote: false, workers: 2, reportsDir: path.resolve('reports'), apiVersion: '20240415', runTimeoutMs: 0 },
    },
    { given: { LD_RUN_TIMEOUT_MS: '30m' }, want: /^LD_RUN_TIMEOUT_MS must be a whole number of milliseconds \(0 or more\), got "30m"\.$/ },
    { given: { LD_RUN_TIMEOUT_MS: '-1' }, want: /^LD_RUN_TIMEOUT_MS must be a whole number of milliseconds/ },
    { given: { LD_API_VERSION: '2024-04-15' }, want: /^LD_API_VERSION must be a documented API version .* got "2024-04-15"/ },
    { given: { LD_WORKERS: '0' }, want: /^LD_WORKERS must be a positive whole number, got "0"\.$/ },
    { given: { LD_WORKERS: '1.5' }, want: /LD_WORKERS must be a positive whole number, got "1.5"/ },
    { given: { LD_WORKERS: '-2' }, want: /LD_WORKERS must be a positive whole number/ },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given)} → ${want instanceof RegExp ? want.source : JSON.stringify(want)}`, () => {
      if (want instanceof RegExp) expect(() => loadRunSettings(given)).toThrow(want);
      else expect(loadRunSettings(given)).toEqual(want);
    });
  }
  test('readReportsDir resolves LD_REPORTS_DIR against the working directory', () => {
    expect(readReportsDir({ LD_REPORTS_DIR: 'x/y' })).toBe(path.resolve('x/y'));
    expect(readReportsDir({})).toBe(path.resolve('reports'));
  });
});

test.describe('LD_API_VERSION: a version the spec documents, or beta (specs/behaviour.md "API version")', () => {
  const rows: { given: string | undefined; want: string | RegExp }[] = [
    { given: undefined, want: '20240415' },
    { given: '', want: '20240415' },
    { given: ' 20220603 ', want: '20220603' },
    { given: '20240415', want: '20240415' },
    { given: '20210729', want: '20210729' },
    { given: '20191212', want: '20191212' },
    { given: '20160426', want: '20160426' },
    { given: 'beta', want: 'beta' },
    // A well-formed date that is no version, a typo, another spelling: the one line, never sent as is.
    {
      given: '20230101',
      want: /^LD_API_VERSION must be a documented API version \(20240415, 20220603, 20210729, 20191212, 20160426\) or beta, got "20230101" \(default 20240415\)\.$/,
    },
    { given: '2024-04-15', want: /got "2024-04-15"/ },
    { given: 'BETA', want: /got "BETA"/ },
    { given: 'latest', want: /got "latest"/ },
    { given: '20240415,beta', want: /got "20240415,beta"/ },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given)} → ${want instanceof RegExp ? 'one-line error' : want}`, () => {
      const env = { ...REMOTE, ...(given === undefined ? {} : { LD_API_VERSION: given }) };
      if (want instanceof RegExp) {
        expect(() => readApiVersion(env)).toThrow(want);
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(want);
      } else {
        expect(readApiVersion(env)).toBe(want);
        expect(loadConfig(env).apiVersion).toBe(want);
        expect(loadRunSettings(env).apiVersion).toBe(want);
      }
    });
  }
});

test.describe('apiVersionHasDefaultPage: getTokens has a default page of 25 from 20240415 on (D2 judged only then)', () => {
  const rows: { given: string; want: boolean }[] = [
    { given: '20240415', want: true },
    { given: 'beta', want: true },
    { given: '20220603', want: false },
    { given: '20210729', want: false },
    { given: '20191212', want: false },
    { given: '20160426', want: false },
  ];
  for (const { given, want } of rows) {
    test(`${given} → ${want}`, () => {
      expect(apiVersionHasDefaultPage(given)).toBe(want);
    });
  }
});

test.describe('loadDiffSideConfig: a differential run side, checked like LD_BASE_URL / LD_ACCESS_TOKEN under its own names', () => {
  const side = { urlName: '--b', url: 'https://candidate.example.com', tokenName: 'LD_ACCESS_TOKEN_B' };
  const bad: { given: string; url?: string; env: NodeJS.ProcessEnv; want: RegExp }[] = [
    { given: 'no token', env: {}, want: /^LD_ACCESS_TOKEN_B is required for --b https:\/\/candidate\.example\.com/ },
    { given: 'a scheme word', env: { LD_ACCESS_TOKEN_B: 'Bearer api-x' }, want: /^LD_ACCESS_TOKEN_B starts with a scheme word/ },
    { given: 'an SDK key', env: { LD_ACCESS_TOKEN_B: 'sdk-123' }, want: /^LD_ACCESS_TOKEN_B is an SDK key/ },
    {
      given: 'a path in the URL',
      url: 'https://candidate.example.com/api/v2',
      env: { LD_ACCESS_TOKEN_B: 'api-x' },
      want: /^--b "https:\/\/candidate\.example\.com\/api\/v2" has a path/,
    },
    {
      given: 'credentials in the URL',
      url: 'https://u:p@candidate.example.com',
      env: { LD_ACCESS_TOKEN_B: 'api-x' },
      want: /^--b must not contain credentials .* put the access token in LD_ACCESS_TOKEN_B/,
    },
  ];
  for (const { given, url, env, want } of bad) {
    test(given, () => expect(() => loadDiffSideConfig({ ...side, url: url ?? side.url }, env)).toThrow(want));
  }
  test('a good side: the remote target with its token, production flagged', () => {
    const config = loadDiffSideConfig(
      { ...side, url: 'https://app.launchdarkly.com' },
      { LD_ACCESS_TOKEN_B: 'api-good', LD_ACCESS_TOKEN: 'api-other' },
    );
    expect([config.target, config.baseUrl, config.accessToken, config.productionHost]).toEqual([
      'remote',
      'https://app.launchdarkly.com',
      'api-good',
      true,
    ]);
  });
});
