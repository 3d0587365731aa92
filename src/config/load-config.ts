import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError } from './config-error';
import { envValue, readNonNegativeInteger, readPositiveInteger, readPositiveNumber, readSwitch } from './env-values';
import { isProductionHost } from './production-guard';
import { isOperationId, OPERATION_IDS } from '../domain/operations';
import { generateRunId, SAFE_NAME_PART } from './run-id';
import type { LatencyThresholds, RunDeadline, SuiteConfig } from './suite-config';

export { ConfigError } from './config-error';
export type { LatencyThresholds, SuiteConfig } from './suite-config';

const DEFAULTS = {
  requestTimeoutMs: 30_000,
  rateLimitBudgetMs: 30_000,
  workers: 2,
  runPrefix: 'ldct',
  reportsDir: 'reports',
  /** Small on purpose: `npm run conformance` against the embedded server stays quick (docs/explore.md). */
  exploreRequests: 150,
  /** Under the nightly job's 45 min, so the last guard fires first and global teardown still sweeps. */
  runTimeoutMs: 30 * 60_000,
} as const;

/**
 * The process environment with `.env` (git-ignored) underneath it: a variable set in the environment wins
 * over the same variable in `.env`. Read each time so tests and scripts see the current file.
 */
export function readEnvironment(cwd: string = process.cwd()): NodeJS.ProcessEnv {
  const file = path.join(cwd, '.env');
  const fromFile = fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/** What `playwright.config.ts` needs before any target exists (it decides the embedded server's settings). */
export interface RunSettings {
  remote: boolean;
  workers: number;
  reportsDir: string;
  /** LD_API_VERSION, validated here too so a bad value stops `npx playwright test` with exit 2 before any request. */
  apiVersion: string;
  /**
   * LD_RUN_TIMEOUT_MS: the whole run's bound (Playwright's globalTimeout; 0 = none). The last guard: rate-limit
   * allowances, request timeouts and A7 blocking keep a run short; this stops one that is not, with global
   * teardown's sweep still to come.
   */
  runTimeoutMs: number;
}

/** The run-wide settings alone, validated exactly as loadConfig validates them. */
export function loadRunSettings(env: NodeJS.ProcessEnv = readEnvironment()): RunSettings {
  return {
    remote: envValue(env, 'LD_BASE_URL') !== undefined,
    workers: readWorkers(env),
    reportsDir: readReportsDir(env),
    apiVersion: readApiVersion(env),
    runTimeoutMs: readRunTimeout(env),
  };
}

/**
 * The API versions the vendored spec documents (its "Versioning" changelog, newest first; specs/behaviour.md
 * "API version"). Only 20240415 is current; the others are past their end of life but still documented. The
 * token endpoints first appear in 20210729, so the two older ones are here because the spec names them, not
 * because a run under them makes sense.
 */
export const DOCUMENTED_API_VERSIONS = ['20240415', '20220603', '20210729', '20191212', '20160426'] as const;
/**
 * Whether getTokens has a default page size (25) under the version the suite sends: from 20240415 on (the changelog:
 * "Response is now paginated with a default limit of `25`"), and `beta`, the current version's beta resources. Before
 * it the list is not paginated by default, so D2's "25 when absent" is that version's promise only.
 */
export function apiVersionHasDefaultPage(apiVersion: string): boolean {
  return apiVersion === 'beta' || Number(apiVersion) >= 20240415;
}

/** LaunchDarkly's Terraform provider pins this one (specs/clients.md), and the spec's current version. */
export const DEFAULT_API_VERSION = '20240415';

/**
 * LD_API_VERSION: the `LD-API-Version` header the suite sends on every request (default 20240415). The spec
 * recommends setting it explicitly in any client, since without it the admin token's own default version
 * applies. A documented version or `beta`; a typo or an undocumented date is an error, never sent as is.
 */
export function readApiVersion(env: NodeJS.ProcessEnv = readEnvironment()): string {
  const raw = envValue(env, 'LD_API_VERSION');
  if (raw === undefined) return DEFAULT_API_VERSION;
  if (raw === 'beta' || (DOCUMENTED_API_VERSIONS as readonly string[]).includes(raw)) return raw;
  throw new ConfigError(
    `LD_API_VERSION must be a documented API version (${DOCUMENTED_API_VERSIONS.join(', ')}) or beta, got "${raw}" (default ${DEFAULT_API_VERSION}).`,
  );
}

/** LD_RUN_TIMEOUT_MS: the whole run's bound in ms (default 30 min; 0 = none). */
export function readRunTimeout(env: NodeJS.ProcessEnv = readEnvironment()): number {
  return readNonNegativeInteger(env, 'LD_RUN_TIMEOUT_MS', DEFAULTS.runTimeoutMs);
}

/**
 * The run's deadline: LD_RUN_DEADLINE (epoch ms) is set by global set-up from LD_RUN_TIMEOUT_MS and inherited by
 * the workers; unset (a script, a unit test, no bound) means none.
 */
function readRunDeadline(env: NodeJS.ProcessEnv): RunDeadline | null {
  if (envValue(env, 'LD_RUN_DEADLINE') === undefined) return null;
  return { at: readPositiveInteger(env, 'LD_RUN_DEADLINE', 0), boundMs: readRunTimeout(env) };
}

/** LD_REPORTS_DIR as an absolute path (default `reports`): where every run, script and merge writes. */
export function readReportsDir(env: NodeJS.ProcessEnv = readEnvironment()): string {
  return path.resolve(envValue(env, 'LD_REPORTS_DIR') ?? DEFAULTS.reportsDir);
}

/** CONTRACT_STRICT (1/0, true/false): the strictness the suite passes to the contract checks (they read no environment). */
export function readStrictMode(env: NodeJS.ProcessEnv = readEnvironment()): boolean {
  return readSwitch(env, 'CONTRACT_STRICT');
}

function readWorkers(env: NodeJS.ProcessEnv): number {
  return readPositiveInteger(env, 'LD_WORKERS', DEFAULTS.workers);
}

/**
 * Reads and validates the suite's configuration. Throws `ConfigError` with a one-line message naming the
 * variable and what is expected. Never puts the token's value in a message.
 *
 * Embedded target (LD_BASE_URL unset): `playwright.config.ts` decides LD_EMBEDDED_PORT and
 * LD_EMBEDDED_ADMIN_TOKEN in the main process; workers inherit them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): SuiteConfig {
  const rawBaseUrl = envValue(env, 'LD_BASE_URL');
  const target: SuiteConfig['target'] = rawBaseUrl ? 'remote' : 'embedded';

  let baseUrl: string;
  let accessToken: string;
  let otherMemberToken: string | null;
  if (rawBaseUrl) {
    baseUrl = parseBaseUrl(rawBaseUrl);
    const token = envValue(env, 'LD_ACCESS_TOKEN');
    if (!token) {
      throw new ConfigError(
        `LD_ACCESS_TOKEN is required when LD_BASE_URL is set (${baseUrl}): set it to an access token (api-…) with the admin role, in the environment or in .env.`,
      );
    }
    accessToken = checkAccessToken(token, 'LD_ACCESS_TOKEN');
    otherMemberToken = readOtherMemberToken(env, 'LD_OTHER_MEMBER_TOKEN', accessToken, 'LD_ACCESS_TOKEN');
  } else {
    const port = envValue(env, 'LD_EMBEDDED_PORT');
    const token = envValue(env, 'LD_EMBEDDED_ADMIN_TOKEN');
    if (!port || !token) {
      throw new ConfigError(
        'No target: LD_BASE_URL is not set and the embedded server settings (LD_EMBEDDED_PORT, LD_EMBEDDED_ADMIN_TOKEN) are missing. Run through `npx playwright test` (it starts the embedded server) or set LD_BASE_URL and LD_ACCESS_TOKEN.',
      );
    }
    const portNumber = readPositiveInteger(env, 'LD_EMBEDDED_PORT', 0);
    if (portNumber > 65_535) throw new ConfigError(`LD_EMBEDDED_PORT must be a TCP port (1-65535), got "${port}".`);
    baseUrl = `http://127.0.0.1:${portNumber}`;
    accessToken = checkAccessToken(token, 'LD_EMBEDDED_ADMIN_TOKEN');
    otherMemberToken = readOtherMemberToken(env, 'LD_EMBEDDED_OTHER_MEMBER_TOKEN', accessToken, 'LD_EMBEDDED_ADMIN_TOKEN');
  }

  const runPrefix = envValue(env, 'LD_RUN_PREFIX') ?? DEFAULTS.runPrefix;
  if (!SAFE_NAME_PART.test(runPrefix)) {
    throw new ConfigError(
      `LD_RUN_PREFIX "${runPrefix}" is not safe in a token name: use 1-40 letters, digits, "-" or "_", starting with a letter or digit (default "${DEFAULTS.runPrefix}").`,
    );
  }
  const runId = envValue(env, 'LD_RUN_ID') ?? generateRunId();
  if (!SAFE_NAME_PART.test(runId)) {
    throw new ConfigError(
      `LD_RUN_ID "${runId}" is not safe in a token name: use 1-40 letters, digits, "-" or "_", starting with a letter or digit.`,
    );
  }

  const workers = readWorkers(env);
  const maxRpsTotal = envValue(env, 'LD_MAX_RPS') === undefined ? null : readPositiveNumber(env, 'LD_MAX_RPS');
  const host = new URL(baseUrl).hostname;

  return {
    baseUrl,
    accessToken,
    otherMemberToken,
    target,
    apiVersion: readApiVersion(env),
    runId,
    runPrefix,
    tokenNamePrefix: `${runPrefix}-${runId}`,
    requestTimeoutMs: readPositiveInteger(env, 'LD_REQUEST_TIMEOUT_MS', DEFAULTS.requestTimeoutMs),
    // The limit is per process: each worker paces itself at its share so the run as a whole stays under it.
    maxRps: maxRpsTotal === null ? null : maxRpsTotal / workers,
    maxRpsTotal,
    workers,
    rateLimitBudgetMs: readNonNegativeInteger(env, 'LD_RATE_LIMIT_BUDGET_MS', DEFAULTS.rateLimitBudgetMs),
    runDeadline: readRunDeadline(env),
    strict: readStrictMode(env),
    specDrift: readSwitch(env, 'LD_SPEC_DRIFT'),
    // On unless said otherwise: a staging whose firewall alerts on odd headers and bytes sets LD_HOSTILE_INPUTS=0.
    hostileInputs: envValue(env, 'LD_HOSTILE_INPUTS') === undefined ? true : readSwitch(env, 'LD_HOSTILE_INPUTS'),
    allowProduction: readSwitch(env, 'LD_ALLOW_PRODUCTION'),
    productionHost: isProductionHost(host),
    reportsDir: readReportsDir(env),
    secretStoreDir: readSecretStoreDir(env),
    latencyP95Ms: parseLatencyThresholds(env),
    ...readRunComparisonSettings(env),
    exploreRequests: parseExploreRequests(env),
    exploreSeed: parseExploreSeed(env),
    ...parseConcurrency(env, target),
  };
}

/** The @concurrency scenarios' size: small against a shared remote target, where every request is someone's load. */
const CONCURRENCY_DEFAULTS = { embedded: { clients: 4, requests: 40 }, remote: { clients: 2, requests: 24 } } as const;
/** Fewer requests than this and no scenario fits (the smallest is a create, a few overlapping requests and a delete). */
const MIN_CONCURRENCY_REQUESTS = 12;

function parseConcurrency(env: NodeJS.ProcessEnv, target: SuiteConfig['target']): { concurrency: number; concurrencyRequests: number } {
  const defaults = CONCURRENCY_DEFAULTS[target];
  const clients = envValue(env, 'LD_CONCURRENCY');
  if (clients !== undefined && !/^\d{1,2}$/.test(clients))
    throw new ConfigError(
      `LD_CONCURRENCY must be a whole number of clients from 0 (the @concurrency scenarios off) to 99, got "${clients}" (default ${defaults.clients}).`,
    );
  const concurrency = clients === undefined ? defaults.clients : Number(clients);
  if (concurrency === 1) throw new ConfigError('LD_CONCURRENCY must be 0 (off) or at least 2: one client overlaps with nobody.');
  const requests = envValue(env, 'LD_CONCURRENCY_REQUESTS');
  if (requests !== undefined && (!/^\d{1,5}$/.test(requests) || Number(requests) < MIN_CONCURRENCY_REQUESTS))
    throw new ConfigError(
      `LD_CONCURRENCY_REQUESTS must be a whole number of requests from ${MIN_CONCURRENCY_REQUESTS} to 99999, got "${requests}" (default ${defaults.requests}).`,
    );
  return { concurrency, concurrencyRequests: requests === undefined ? defaults.requests : Number(requests) };
}

/**
 * LD_SECRET_STORE: set by global setup for its workers (src/secrets/secret-store.ts); an absolute path, or
 * unset. A relative or odd value means someone set it by hand: refuse it rather than write secrets there.
 */
export function readSecretStoreDir(env: NodeJS.ProcessEnv = readEnvironment()): string | null {
  const dir = envValue(env, 'LD_SECRET_STORE');
  if (dir === undefined) return null;
  if (!path.isAbsolute(dir) || !path.basename(dir).startsWith('ld-run-secrets-')) {
    throw new ConfigError(
      "LD_SECRET_STORE is set by the suite's global setup for its workers; unset it (it must name the run's own store, an absolute path ending in ld-run-secrets-<run id>-…).",
    );
  }
  return dir;
}

const LATENCY_SPELLING =
  'a number of ms for every operation (e.g. 800), operationId=ms pairs (e.g. getTokens=500,postToken=900), or both (e.g. 800,getTokens=500)';

/**
 * LD_LATENCY_P95_MS on its own: the coverage reporter judges latency at the end of a run and of a
 * merge-reports, where the target's settings (LD_BASE_URL, tokens) need not be present. Null when unset.
 */
export function parseLatencyThresholds(env: NodeJS.ProcessEnv = readEnvironment()): LatencyThresholds | null {
  const raw = envValue(env, 'LD_LATENCY_P95_MS');
  if (raw === undefined) return null;
  const thresholds: LatencyThresholds = { all: null, perOperation: {} };
  for (const part of raw.split(',').map((p) => p.trim())) {
    const match = /^(?:([A-Za-z]+)\s*=\s*)?(\d+(?:\.\d+)?)$/.exec(part);
    const ms = match ? Number(match[2]) : NaN;
    if (!match || !(ms > 0)) {
      throw new ConfigError(`LD_LATENCY_P95_MS "${raw}": "${part}" is not a positive number of ms; expected ${LATENCY_SPELLING}.`);
    }
    const op = match[1];
    if (op === undefined) {
      if (thresholds.all !== null)
        throw new ConfigError(`LD_LATENCY_P95_MS "${raw}" gives two thresholds for every operation; expected ${LATENCY_SPELLING}.`);
      thresholds.all = ms;
    } else if (!isOperationId(op)) {
      throw new ConfigError(
        `LD_LATENCY_P95_MS "${raw}": "${op}" is not an operation (${OPERATION_IDS.join(', ')}); expected ${LATENCY_SPELLING}.`,
      );
    } else if (thresholds.perOperation[op] !== undefined) {
      throw new ConfigError(`LD_LATENCY_P95_MS "${raw}" gives ${op} two thresholds; expected ${LATENCY_SPELLING}.`);
    } else {
      thresholds.perOperation[op] = ms;
    }
  }
  return thresholds;
}

/**
 * The variables of known deviations and run-to-run comparison, also read on their own by the reporters
 * (merge-reports has no target): LD_EXPECTATIONS (a YAML file), LD_EXPECTATIONS_STRICT, LD_BASELINE (an
 * earlier run's reports directory). Only the variables: the files are loaded where they are used
 * (src/expectations/load-run-comparison.ts — global setup loads both first, so a bad file still stops the run
 * before any request), which keeps their one-line messages with their loaders.
 */
export function readRunComparisonSettings(
  env: NodeJS.ProcessEnv = readEnvironment(),
): Required<Pick<SuiteConfig, 'expectationsFile' | 'expectationsStrict' | 'baselineDir'>> {
  const expectationsFile = envValue(env, 'LD_EXPECTATIONS') ?? null;
  const baseline = envValue(env, 'LD_BASELINE');
  const baselineDir = baseline ? path.resolve(baseline) : null;
  const expectationsStrict = readSwitch(env, 'LD_EXPECTATIONS_STRICT');
  if (expectationsStrict && !expectationsFile) {
    throw new ConfigError(
      'LD_EXPECTATIONS_STRICT=1 needs LD_EXPECTATIONS (the known-deviations file whose unmatched entries and TODO reasons should fail the run).',
    );
  }
  return { expectationsFile, expectationsStrict, baselineDir };
}

function parseBaseUrl(raw: string, name = 'LD_BASE_URL', tokenName = 'LD_ACCESS_TOKEN'): string {
  const expected = 'expected the origin of the API host only, e.g. https://app.launchdarkly.com (the suite adds /api/v2/tokens itself)';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} "${raw}" is not a URL: ${expected}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} "${raw}" uses ${url.protocol.replace(/:$/, '')}: only http or https is supported; ${expected}.`);
  }
  if (url.username || url.password) {
    // Never echo the URL here: it holds credentials.
    throw new ConfigError(`${name} must not contain credentials (user:password@): put the access token in ${tokenName}; ${expected}.`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(raw)) {
    throw new ConfigError(`${name} "${raw}" has a path, query or fragment: ${expected}.`);
  }
  return url.origin;
}

/** One side of a differential run (`npm run diff`): a remote target named by a flag, its token by a variable. */
export interface DiffSideInput {
  /** How the user named the URL, e.g. `--a`. */
  urlName: string;
  url: string;
  /** The variable holding the side's token, e.g. `LD_ACCESS_TOKEN_A`. */
  tokenName: string;
}

/**
 * A remote side of a differential run, validated exactly like LD_BASE_URL / LD_ACCESS_TOKEN (same URL rules, same
 * token checks, same one-line messages naming the side's own flag and variable), then the whole SuiteConfig as
 * loadConfig builds it for that target: pacing, timeouts, run prefix, production flag.
 */
export function loadDiffSideConfig(side: DiffSideInput, env: NodeJS.ProcessEnv = readEnvironment()): SuiteConfig {
  const baseUrl = parseBaseUrl(side.url, side.urlName, side.tokenName);
  const token = envValue(env, side.tokenName);
  if (!token) {
    throw new ConfigError(
      `${side.tokenName} is required for ${side.urlName} ${baseUrl}: set it to an access token (api-…) with the admin role, in the environment or in .env.`,
    );
  }
  checkAccessToken(token, side.tokenName);
  return loadConfig({ ...env, LD_BASE_URL: baseUrl, LD_ACCESS_TOKEN: token, LD_OTHER_MEMBER_TOKEN: undefined });
}

/**
 * The optional second credential (another member's admin token, B6): checked exactly like the configured token,
 * and refused when it IS the configured token (the matrix would then take the caller's own member for another).
 */
function readOtherMemberToken(env: NodeJS.ProcessEnv, name: string, accessToken: string, accessTokenName: string): string | null {
  const token = envValue(env, name);
  if (token === undefined) return null;
  const checked = checkAccessToken(token, name);
  if (checked === accessToken) {
    throw new ConfigError(
      `${name} is the same token as ${accessTokenName}: give an access token of ANOTHER member (admin role), or leave ${name} unset.`,
    );
  }
  return checked;
}

/** Checks the token's shape without ever putting its value in a message. */
function checkAccessToken(token: string, name: string): string {
  if (/^(bearer|basic|token|api-key)\s/i.test(token)) {
    throw new ConfigError(
      `${name} starts with a scheme word ("${token.split(/\s/)[0]} …"): give the raw access token only (api-…); the suite sends it as is in the Authorization header.`,
    );
  }
  if (/\s/.test(token)) {
    throw new ConfigError(`${name} contains whitespace: give the raw access token only (api-…), with no spaces or line breaks.`);
  }
  if (token.startsWith('sdk-')) {
    throw new ConfigError(`${name} is an SDK key (sdk-…): this is an SDK key, the REST API needs an access token (api-…).`);
  }
  if (token.startsWith('mob-')) {
    throw new ConfigError(`${name} is a mobile key (mob-…): this is a mobile key, the REST API needs an access token (api-…).`);
  }
  return token;
}

function parseExploreRequests(env: NodeJS.ProcessEnv): number {
  const raw = envValue(env, 'LD_EXPLORE_REQUESTS');
  if (raw === undefined) return DEFAULTS.exploreRequests;
  if (!/^\d{1,7}$/.test(raw)) {
    throw new ConfigError(
      `LD_EXPLORE_REQUESTS must be a whole number of requests from 0 (explore off) to 9999999, got "${raw}" (default ${DEFAULTS.exploreRequests}).`,
    );
  }
  return Number(raw);
}

/** fast-check seeds are 32-bit signed integers; explore prints the one it used so a run can be replayed. */
function parseExploreSeed(env: NodeJS.ProcessEnv): number | null {
  const raw = envValue(env, 'LD_EXPLORE_SEED');
  if (raw === undefined) return null;
  const parsed = /^-?\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(parsed) || parsed < -(2 ** 31) || parsed >= 2 ** 31) {
    throw new ConfigError(`LD_EXPLORE_SEED must be a whole number from -2147483648 to 2147483647 (the seed a run printed), got "${raw}".`);
  }
  return parsed;
}
