import { test as base } from '@playwright/test';
import { A7Blocks } from '../src/client/a7-blocks';
import { CleanupLedger } from '../src/client/cleanup-ledger';
import { loadConfig } from '../src/config/load-config';
import type { SuiteConfig } from '../src/config/suite-config';
import { expect } from '../src/contract';
import { loadKnownDeviations, type KnownDeviations } from '../src/expectations/load-run-comparison';
import { TEARDOWN_MARKER } from '../src/domain/failure-kinds';
import { runDeadlineSkipReason } from '../src/client/errors';
import { JudgedSession } from '../src/session/judged-session';
import type { SuiteApi } from '../src/session/suite-api';
import type { CreatedToken, TokenFactory } from '../src/session/token-factory';

/**
 * The one module every conformance test imports `test` and `expect` from. It adapts the judged session
 * (src/session/judged-session.ts) to Playwright: the session gets the request context, the configuration, the
 * test's TestInfo and test.step; the fixture decides what a failure is (environment, clean-up).
 *
 * - `suiteConfig` (worker): the validated configuration (loadConfig).
 * - `knownDeviations` (worker): LD_EXPECTATIONS loaded (global setup already stopped a bad file).
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

/** The test's judged session: its `api`, `tokens`, `clock` and `recorder` (read by the H2 test). */
type Harness = JudgedSession;

interface TestFixtures {
  harness: Harness;
  api: SuiteApi;
  tokens: TokenFactory;
  reader: ReaderIdentity;
  serverNow: () => number;
}

interface WorkerFixtures {
  suiteConfig: SuiteConfig;
  knownDeviations: KnownDeviations | null;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  suiteConfig: [
    async ({}, use) => {
      await use(loadConfig());
    },
    { scope: 'worker' },
  ],

  knownDeviations: [
    async ({ suiteConfig }, use) => {
      await use(loadKnownDeviations(suiteConfig));
    },
    { scope: 'worker' },
  ],

  harness: async ({ request, suiteConfig, knownDeviations }, use, testInfo) => {
    // Past the run's time bound a test is not started (a failure would cost a worker restart each): skipped with
    // the reason, and global teardown fails the run as the environment, so the skips never pass for green.
    const deadline = suiteConfig.runDeadline;
    if (deadline !== null && Date.now() >= deadline.at) testInfo.skip(true, runDeadlineSkipReason(deadline.boundMs));
    const session = new JudgedSession({
      request,
      config: suiteConfig,
      test: { info: testInfo, step: (title, body) => base.step(title, body, { box: true }) },
      ledger: CleanupLedger.forRun(suiteConfig),
      // Shared by every worker of the run: after the first confirmed hang of an operation the rest fail fast.
      a7Blocks: A7Blocks.forRun(suiteConfig),
    });
    let cleanupError: Error | undefined;
    try {
      await use(session);
    } finally {
      cleanupError = await session.cleanUp();
      await session.reportPendingSteps();
      session.recordFailureKinds();
      await session.attachEvidence(cleanupError);
      // Last: every error of the test body and every judged response (clean-up included) is known by now.
      await session.applyKnownDeviations(knownDeviations, cleanupError);
    }
    // Recorded as clean-up (the self-check never counts a fault as caught by a failing clean-up alone), or as
    // the environment when the environment stopped the clean-up.
    if (cleanupError !== undefined) {
      session.recordTeardownFailure(cleanupError);
      throw new Error(`${TEARDOWN_MARKER} ${cleanupError.message}`);
    }
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
