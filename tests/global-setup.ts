import path from 'node:path';
import { request, type FullConfig } from '@playwright/test';
import { A7Blocks } from '../src/client/a7-blocks';
import { ApiClient, type ApiResult } from '../src/client/api-client';
import { CleanupLedger } from '../src/client/cleanup-ledger';
import { EnvironmentError } from '../src/client/errors';
import { ENVIRONMENT_MARKER } from '../src/domain/failure-kinds';
import { ConfigError, loadConfig, readEnvironment, readRunTimeout } from '../src/config/load-config';
import { assertRunAllowed, detectRunScope, ProductionGuardError } from '../src/config/production-guard';
import { ensureRunId } from '../src/config/run-id';
import type { SuiteConfig } from '../src/config/suite-config';
import { ConfigurationStop, userFacingError } from '../src/config/user-facing-error';
import { redactSecrets, registerSecret } from '../src/contract/secrets';
import { findUnknownTest, listSuiteTests } from '../src/expectations/known-tests';
import { loadRunComparison, type KnownDeviations } from '../src/expectations/load-run-comparison';
import { fetchDocument } from '../src/client/fetch-document';
import { loadSpec } from '../src/spec/load-spec';
import { describeChange } from '../src/spec/render-diff';
import { DEFAULT_SPEC_PATH } from '../src/spec/schema-ids';
import { judgeServedSpec } from '../src/spec/spec-drift';
import { removeSpecDrift, writeSpecDrift } from '../src/spec/spec-drift-file';
import { SERVED_SPEC_PATH } from '../src/server/served-spec';
import { createSecretStore, removeSecretStore, removeStaleSecretStores } from '../src/secrets/secret-store';
import { clearRunErrors, recordRunError, runErrorCause, runErrorKind } from '../src/hygiene/run-errors';
import { readReportsDir } from '../src/config/load-config';
import { clearFirstProbe, recordFirstProbe } from '../src/session/first-probe';
import { isEnvironmentStatus } from '../src/client/api-client';

/**
 * Runs once in Playwright's main process, before any worker starts (workers inherit process.env):
 * decides the run id, validates the configuration, applies the production guard, probes the target once
 * (a bad token stops the run here instead of failing every test) and creates the cleanup ledger.
 */
export default async function globalSetup(fullConfig: FullConfig): Promise<void> {
  const started = performance.now();
  const startedAt = Date.now();
  assignRunId(fullConfig);
  setRunDeadline(startedAt);
  // playwright.config.ts already refused a bad LD_REPORTS_DIR (exit 2), so this is where the reporters write.
  const reportsDir = readReportsDir();
  clearRunErrors(reportsDir);
  clearFirstProbe(reportsDir);
  try {
    const { config, expectations } = loadOrExplain();
    registerSecret(config.accessToken);
    if (config.otherMemberToken) registerSecret(config.otherMemberToken);
    await prepareRun(fullConfig, config, expectations, started);
  } catch (error) {
    // Typed here, where the cause is known (src/hygiene/run-errors.ts): an unreachable target is the environment's,
    // a bad variable or a refused admin token the configuration's (the run's status then says which).
    const message = error instanceof Error ? error.message : String(error);
    recordRunError(reportsDir, process.env.LD_RUN_ID ?? '', {
      phase: 'global set-up',
      kind: runErrorKind(error),
      message,
      ...runErrorCause(error),
    });
    throw error;
  }
}

async function prepareRun(
  fullConfig: FullConfig,
  config: SuiteConfig,
  expectations: KnownDeviations | null,
  started: number,
): Promise<void> {
  checkExpectationsNameTests(expectations, fullConfig);

  const scope = detectRunScope({
    configGrep: [fullConfig.grep, ...fullConfig.projects.map((p) => p.grep)].flat(),
    configGrepInvert: [fullConfig.grepInvert, ...fullConfig.projects.map((p) => p.grepInvert)]
      .flat()
      .filter((re): re is RegExp => re !== null),
    argv: process.argv,
  });
  try {
    assertRunAllowed(config, scope);
  } catch (error) {
    if (error instanceof ProductionGuardError) throw new ConfigurationStop(error.message);
    throw error;
  }

  await probeTarget(config);
  await checkSpecDrift(config);
  CleanupLedger.forRun(config).ensure();
  // A reused LD_RUN_ID must not inherit an earlier run's A7 blocks (src/client/a7-blocks.ts).
  A7Blocks.forRun(config).clear();
  openSecretStore(config.runId);
  // The timing is read by `npm run bench` (src/bench/suite-run.ts) for its overhead breakdown.
  console.log(
    `target: ${config.target} ${config.baseUrl}; LD-API-Version ${config.apiVersion}; token names start with ${config.tokenNamePrefix} (global set-up ${Math.round(performance.now() - started)} ms)`,
  );
}

/**
 * The whole run's time bound (LD_RUN_TIMEOUT_MS), fixed once from the start of global set-up and handed to the
 * workers (LD_RUN_DEADLINE; they inherit this process's environment): past it their clients send nothing more
 * (RunDeadlineError), so the run ends and global teardown — which has no bound — sweeps. Not Playwright's
 * globalTimeout: its deadline also cuts global teardown short ("Timed out waiting …s for the teardown"), which
 * would leave the interrupted tests' tokens behind on a shared staging.
 */
function setRunDeadline(startedAt: number): void {
  const boundMs = readRunTimeout();
  if (boundMs > 0) process.env.LD_RUN_DEADLINE = String(startedAt + boundMs);
  else delete process.env.LD_RUN_DEADLINE;
}

/**
 * The run's secret store for the end-of-run H2 scan (src/secrets/secret-store.ts): outside reports/, 0600,
 * its path handed to the workers through the environment. The coverage reporter removes it after the scan;
 * the exit hook is the second net (an error before the reporters ran, Ctrl-C). Stores of killed runs go.
 */
function openSecretStore(runId: string): void {
  removeStaleSecretStores();
  const dir = createSecretStore(runId);
  process.env.LD_SECRET_STORE = dir;
  process.once('exit', () => removeSecretStore(dir));
}

/**
 * One run id for the whole run. When CI gives one id to several shards, each shard gets its own suffix, so
 * one shard's final sweep never deletes the tokens another shard is still using.
 */
function assignRunId(fullConfig: FullConfig): void {
  const env = process.env;
  const given = env.LD_RUN_ID?.trim() || readEnvironment().LD_RUN_ID?.trim();
  if (given && fullConfig.shard && !env.LD_RUN_ID_SHARDED) {
    env.LD_RUN_ID = `${given}-s${fullConfig.shard.current}`;
    env.LD_RUN_ID_SHARDED = '1';
  } else if (given) {
    env.LD_RUN_ID = given;
  }
  ensureRunId(env);
}

function loadOrExplain(): { config: SuiteConfig; expectations: KnownDeviations | null } {
  try {
    const config = loadConfig();
    // The files behind LD_EXPECTATIONS and LD_BASELINE, loaded here first: a bad one stops the run before any request.
    return { config, expectations: loadRunComparison(config).expectations };
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigurationStop(`Configuration error: ${error.message}`);
    throw error;
  }
}

/** A known-deviation entry naming a test that does not exist is a config error, before any request. */
function checkExpectationsNameTests(expectations: KnownDeviations | null, fullConfig: FullConfig): void {
  if (!expectations || expectations.entries.length === 0 || !fullConfig.configFile) return;
  const problem = findUnknownTest(expectations.entries, listSuiteTests(fullConfig.configFile), expectations.file);
  if (problem) throw new ConfigurationStop(`Configuration error: ${problem}`);
}

/**
 * getTokens?limit=1: the cheapest call that proves the target is reachable and the token is accepted. Its exchange is
 * kept for the test that judges it (first-probe.spec.ts): a 5xx is the target's answer, so it is a contract failure
 * of getTokens (A2) and the run goes on — one more probe asks whether the token is accepted — instead of a stopped
 * run blamed on LD_BASE_URL. An unreachable host (or a remote gateway status after the client's retries: the
 * environment's answer, README "Failure kinds") stays an environment failure, exit 3 (issue 26.5).
 */
async function probeTarget(config: SuiteConfig): Promise<void> {
  const host = new URL(config.baseUrl).host;
  const tokenVar = config.target === 'remote' ? 'LD_ACCESS_TOKEN' : 'LD_EMBEDDED_ADMIN_TOKEN';
  const context = await request.newContext();
  try {
    const client = new ApiClient({ request: context, config });
    const first = await client.send('getTokens', { query: { limit: 1 } });
    recordFirstProbe(config.reportsDir, config.runId, first);
    let result: ApiResult = first;
    if (isServerError(first.status, config)) {
      console.warn(
        `global set-up: the first probe GET /api/v2/tokens?limit=1 to ${host} answered ${first.status}: a contract failure of getTokens (A2), reported by the test "global set-up's first probe got a documented answer"; the run goes on`,
      );
      result = await client.send('getTokens', { query: { limit: 1 } });
      // Still a 5xx: the tests meet it where they send and judge it there; nothing here says the token is wrong.
      if (isServerError(result.status, config)) return;
    }
    judgeProbe(result, config, host, tokenVar);
  } catch (error) {
    if (error instanceof Error && error.stack === error.message) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // Wording only (no double prefix for the person reading it); the kind is the error's type, never its prefix.
    const detail = message.startsWith(ENVIRONMENT_MARKER) ? message.slice(ENVIRONMENT_MARKER.length).trim() : message;
    const unreachable = new EnvironmentError(
      `cannot reach the target ${config.baseUrl} (${detail}). Check LD_BASE_URL, the network and any proxy settings. No tests were run.`,
    );
    unreachable.stack = unreachable.message; // printed as one line, like userFacingError
    throw unreachable;
  } finally {
    await context.dispose();
  }
}

/** A 5xx the target answered itself; a remote gateway status is the environment's (isEnvironmentStatus). */
function isServerError(status: number, config: SuiteConfig): boolean {
  return status >= 500 && status <= 599 && !isEnvironmentStatus(status, config);
}

/** What a probe that is no 5xx of the target's says about the configuration; returns when the token is accepted. */
function judgeProbe(result: ApiResult, config: SuiteConfig, host: string, tokenVar: string): void {
  if (result.status === 200) return;
  if (result.status === 401) {
    throw new ConfigurationStop(
      `${tokenVar} was rejected by ${host} (401): the token is unknown, expired or deleted. Create an access token (api-…) with the admin role for this account and set ${tokenVar}. No tests were run.`,
    );
  }
  if (result.status === 403) {
    throw new ConfigurationStop(
      `${tokenVar} lacks permissions on ${host} (403): it cannot list access tokens. The suite needs an access token with the admin role (it creates, patches, resets and deletes tokens). No tests were run.`,
    );
  }
  if (isEnvironmentStatus(result.status, config)) {
    const gateway = new EnvironmentError(
      `the probe request GET /api/v2/tokens?limit=1 to ${host} answered ${result.status} (a gateway status) after retries. Check LD_BASE_URL, the network and any proxy settings. No tests were run.`,
    );
    gateway.stack = gateway.message;
    throw gateway;
  }
  throw userFacingError(
    `The probe request GET /api/v2/tokens?limit=1 to ${host} answered ${result.status}, expected 200: is LD_BASE_URL the LaunchDarkly API host? No tests were run. Body: ${redactSecrets(result.bodyText.slice(0, 200))}`,
  );
}

/** Changes listed in the console; the rest are in coverage.json / coverage.html. */
const DRIFT_LINES_SHOWN = 10;

/**
 * LD_SPEC_DRIFT=1: compare the spec the target serves with the vendored one and hand the result to
 * the coverage reporter (reports/spec-drift.json). A warning, never a failure: nothing here throws
 * for what the target answers. Off: remove a previous run's result so no report shows stale drift.
 */
async function checkSpecDrift(config: SuiteConfig): Promise<void> {
  if (!config.specDrift) {
    removeSpecDrift(config.reportsDir);
    return;
  }
  const context = await request.newContext();
  try {
    const served = await fetchDocument(context, config, SERVED_SPEC_PATH);
    const report = judgeServedSpec(served, loadSpec(path.resolve(__dirname, '..', DEFAULT_SPEC_PATH)));
    writeSpecDrift(config.reportsDir, report);
    const lines = [report.message, ...report.changes.slice(0, DRIFT_LINES_SHOWN).map((c) => `  ${describeChange(c)}`)];
    if (report.changes.length > DRIFT_LINES_SHOWN)
      lines.push(`  … and ${report.changes.length - DRIFT_LINES_SHOWN} more in coverage.json (specDrift) and coverage.html`);
    (report.state === 'in-sync' ? console.log : console.warn)(redactSecrets(lines.join('\n')));
  } finally {
    await context.dispose();
  }
}
