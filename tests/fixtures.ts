import { test as base, type TestInfo } from '@playwright/test';
import { ApiClient, isEnvironmentStatus, type ApiResult } from '../src/client/api-client';
import { CleanupLedger } from '../src/client/cleanup-ledger';
import { loadConfig } from '../src/config/load-config';
import { assertWritesAllowed } from '../src/config/production-guard';
import type { SuiteConfig } from '../src/config/suite-config';
import { expect } from '../src/contract';
import { classifyTest, TEARDOWN_MARKER } from '../src/harness/failure-kinds';
import { ENVIRONMENT_FAILURE_ANNOTATION, OBSERVATIONS_ATTACHMENT } from '../src/coverage/observations';
import { renderCurlCommand } from '../src/session/curl-command';
import { ExchangeRecorder, type JudgedExchange } from '../src/session/exchange-recorder';
import { FailureCollector } from '../src/session/failure-collector';
import { applyKnownDeviations } from '../src/session/known-deviations';
import { reportContractSteps } from '../src/session/contract-steps';
import { ServerClock } from '../src/session/server-clock';
import { SuiteApi, WRITE_OPERATIONS, type SuiteApiHooks } from '../src/session/suite-api';
import { TokenFactory, type CreatedToken } from '../src/session/token-factory';

/**
 * The one module every conformance test imports `test` and `expect` from.
 *
 * - `suiteConfig` (worker): the validated configuration (loadConfig).
 * - `api` (test): the admin client. EVERY response any of the test's clients receives — set-up, clean-up,
 *   error responses, intermediate 429s — is judged by the contract checks; a breach is a soft failure whose
 *   message is the rendered contract report, so the test goes on and reports every breach it meets.
 * - `tokens` (test): the token factory; everything the test created is deleted afterwards (H1).
 * - `reader` (test): a reader-role token the test provisions for itself, with its own client.
 * - `serverNow()` (test): the server's clock (G3), never the client's.
 *
 * After each test the fixture attaches `contract-observations` (for the coverage matrix), `exchanges.json`
 * (redacted) and, when the test failed, ready-to-paste curl commands for the failing requests and its
 * `failure-signatures`; a test whose every failure is a known deviation (LD_EXPECTATIONS) is marked as an
 * expected failure (src/session/known-deviations.ts).
 */

export interface ReaderIdentity extends CreatedToken {
  /** A client sending the reader's secret; same contract judgement and clean-up as `api`. */
  api: SuiteApi;
}

interface Harness {
  api: SuiteApi;
  tokens: TokenFactory;
  clock: ServerClock;
  /** What this test's attachments will hold (read by the H2 test to prove the evidence is redacted). */
  recorder: ExchangeRecorder;
}

interface TestFixtures {
  harness: Harness;
  api: SuiteApi;
  tokens: TokenFactory;
  reader: ReaderIdentity;
  serverNow: () => number;
}

interface WorkerFixtures {
  suiteConfig: SuiteConfig;
}

/** Curl attachments per test: enough to reproduce, not a wall of files. */
const MAX_CURL_ATTACHMENTS = 5;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  suiteConfig: [
    async ({}, use) => {
      await use(loadConfig());
    },
    { scope: 'worker' },
  ],

  harness: async ({ request, suiteConfig }, use, testInfo) => {
    const recorder = new ExchangeRecorder(suiteConfig.strict);
    const clock = new ServerClock();
    const failures = new FailureCollector(testInfo);
    let unjudgedDepth = 0;
    let selfJudgedDepth = 0;

    // Judged responses wait here until the next await point, where each becomes a report step.
    const pendingSteps: JudgedExchange[] = [];
    const judge = (result: ApiResult): void => {
      pendingSteps.push(recorder.judge(result));
    };
    const onExchange = (result: ApiResult): void => {
      failures.observe(result);
      clock.observe(result.serverDate);
      if (WRITE_OPERATIONS.has(result.operationId) && result.status >= 200 && result.status < 300) {
        clock.observeWrittenToken(result.json());
      }
      // A gateway 502/503/504 from a remote target is the environment's answer, not the API's: kept as
      // evidence, never judged (judging it would turn an environment failure into a contract one).
      if (unjudgedDepth > 0 || isEnvironmentStatus(result.status, suiteConfig)) recorder.keepUnjudged(result);
      else if (selfJudgedDepth > 0) recorder.judge(result, { quiet: true });
      else judge(result);
    };

    // The factory needs the client and the client's hook needs the factory: tie the knot through a holder.
    const holder: { tokens?: TokenFactory } = {};
    const hooks: SuiteApiHooks = {
      beforeWrite: () => assertWritesAllowed(suiteConfig),
      afterSend: async (op, opts, result) => {
        holder.tokens?.observe(op, opts.id, result);
        // Every pause the client made for this call (429s, gateway errors) goes into the test's report.
        for (const wait of result.waits) {
          testInfo.annotations.push({
            type: 'rate-limit-wait',
            description: `${wait.operationId}: waited ${wait.waitMs} ms after ${wait.status ?? 'a network error'} (${wait.reason}, from ${wait.source}, attempt ${wait.attempt})`,
          });
        }
        await reportContractSteps(pendingSteps);
      },
      runUnjudged: async (fn) => {
        unjudgedDepth++;
        try {
          return await fn();
        } finally {
          unjudgedDepth--;
        }
      },
      runSelfJudged: async (fn) => {
        selfJudgedDepth++;
        try {
          return await fn();
        } finally {
          selfJudgedDepth--;
        }
      },
      judge,
    };
    const api = new SuiteApi(new ApiClient({ request, config: suiteConfig, onExchange }), hooks);
    const tokens = new TokenFactory(api, suiteConfig.tokenNamePrefix, CleanupLedger.forRun(suiteConfig));
    holder.tokens = tokens;

    let cleanupError: Error | undefined;
    try {
      await use({ api, tokens, clock, recorder });
    } finally {
      try {
        // A fresh client: its own rate-limit budget, so a test that spent its budget still cleans up (H1).
        await tokens.deleteAll(new SuiteApi(new ApiClient({ request, config: suiteConfig, onExchange }), hooks));
      } catch (error) {
        cleanupError = error instanceof Error ? error : new Error(String(error));
      }
      // Responses judged after the last send (a test's explicit judge(), a call that threw midway).
      await reportContractSteps(pendingSteps);
      await attachEvidence(testInfo, recorder, suiteConfig, cleanupError);
      // Last: every error of the test body and every judged response (clean-up included) is known by now.
      await applyKnownDeviations(testInfo, failures.collect(recorder.failing(), cleanupError), suiteConfig.expectations ?? null, cleanupError !== undefined);
    }
    // Marked as clean-up: the self-check never counts a fault as caught by a failing clean-up alone.
    if (cleanupError !== undefined) throw new Error(`${TEARDOWN_MARKER} ${cleanupError.message}`);
  },

  api: async ({ harness }, use) => {
    await use(harness.api);
  },

  tokens: async ({ harness }, use) => {
    await use(harness.tokens);
  },

  reader: async ({ harness }, use) => {
    // Test-scoped: each test owns its reader, so tests stay independent under any sharding or --repeat-each;
    // the harness deletes it with the test's other tokens.
    const created = await harness.tokens.create({ role: 'reader', name: harness.tokens.newName('reader') });
    await use({ ...created, api: harness.api.withToken(created.secret) });
  },

  serverNow: async ({ harness }, use) => {
    await use(() => harness.clock.now());
  },
});

export { expect };

async function attachEvidence(testInfo: TestInfo, recorder: ExchangeRecorder, config: SuiteConfig, cleanupError: Error | undefined): Promise<void> {
  await testInfo.attach(OBSERVATIONS_ATTACHMENT, {
    body: JSON.stringify({ observations: recorder.observations() }),
    contentType: 'application/json',
  });
  if (recorder.count() > 0) {
    await testInfo.attach('exchanges.json', { body: recorder.exchangesJson(), contentType: 'application/json' });
  }

  const errors = [...testInfo.errors.map((error) => error.message ?? ''), ...(cleanupError ? [`${TEARDOWN_MARKER} ${cleanupError.message}`] : [])];
  // Only when nothing else went wrong: a test with a contract failure is never reclassified as environment.
  if (errors.length > 0 && classifyTest(errors) === 'environment') {
    testInfo.annotations.push({ type: ENVIRONMENT_FAILURE_ANNOTATION, description: 'the environment, not the contract, stopped this test' });
  }

  const failed = testInfo.errors.length > 0 || cleanupError !== undefined || testInfo.status !== testInfo.expectedStatus;
  if (!failed) return;
  for (const [index, entry] of recorder.toReproduce().slice(0, MAX_CURL_ATTACHMENTS).entries()) {
    await testInfo.attach(`curl-${index + 1}-${entry.exchange.operationId}.sh`, {
      // Already redacted piece by piece; a second pass would mask the `$LD_ACCESS_TOKEN` placeholder itself.
      body: renderCurlCommand(entry.original, config.accessToken),
      contentType: 'text/plain',
    });
  }
}
