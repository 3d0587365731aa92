import type { APIRequestContext, TestInfo } from '@playwright/test';
import type { A7Blocks } from '../client/a7-blocks';
import { ApiClient, isEnvironmentStatus, type ApiResult } from '../client/api-client';
import type { CleanupLedger } from '../client/cleanup-ledger';
import { assertWritesAllowed } from '../config/production-guard';
import type { SuiteConfig } from '../config/suite-config';
import type { KnownDeviations } from '../expectations/load-run-comparison';
import { joinTitlePath } from '../expectations/test-title';
import { OBSERVATIONS_ATTACHMENT } from '../domain/observations';
import { failureKindOf } from '../domain/failure-kinds';
import { reportContractSteps, type StepRunner } from './contract-steps';
import { IssuedTokenNames, renderCurlCommand } from './curl-command';
import { ExchangeRecorder, type ArrivalContext, type JudgedExchange } from './exchange-recorder';
import { FailureCollector } from './failure-collector';
import { FailureKindRecorder } from './failure-kind-recorder';
import { applyKnownDeviations } from './known-deviations';
import { RunSecrets } from './run-secrets';
import { ServerClock } from './server-clock';
import { SuiteApi, type SuiteApiHooks } from './suite-api';
import { writes } from '../domain/operations';
import { TokenFactory } from './token-factory';

/**
 * The judged session: every response any of its clients receives — set-up, clean-up, error responses,
 * intermediate 429s — goes through the contract checks once, here (ExchangeRecorder), and becomes a report
 * step, a soft failure with the rendered report on a breach, an observation for the coverage matrix and a
 * redacted exchange for exchanges.json; the token factory deletes what the session created; the server clock
 * (G3) is read from the responses. Explore sends through the same session (SuiteApi.sendSelfJudged) and gets
 * the verdict back instead of a soft failure.
 *
 * The session knows no test runner: the fixture (tests/fixtures.ts) passes in the running test's side —
 * Playwright's TestInfo and test.step — and a script (explore:seeds) passes none, so it gets no report steps
 * and no evidence.
 */

/** What the session needs of the running test. */
export interface SessionTest {
  info: Pick<TestInfo, 'errors' | 'annotations' | 'attach' | 'fail' | 'status' | 'expectedStatus' | 'titlePath'>;
  /** One report step (the fixture passes Playwright's boxed test.step). */
  step: StepRunner;
}

export interface SessionOptions {
  request: APIRequestContext;
  config: SuiteConfig;
  /** The running test; absent for a script. */
  test?: SessionTest;
  /** Where the token factory records every creation for the end-of-run sweep (H1); absent: in memory only. */
  ledger?: CleanupLedger;
  /**
   * The run's A7 blocks (src/client/a7-blocks.ts): after a confirmed hang of an operation, this session's requests
   * to it fail at once, and a hang this session confirms blocks the operation for the rest of the run. Absent: none.
   */
  a7Blocks?: A7Blocks;
}

/** Curl attachments per test: enough to reproduce, not a wall of files. */
const MAX_CURL_ATTACHMENTS = 5;

export class JudgedSession {
  readonly api: SuiteApi;
  readonly tokens: TokenFactory;
  readonly clock = new ServerClock();
  /** What this test's attachments will hold (read by the H2 test to prove the evidence is redacted). */
  readonly recorder: ExchangeRecorder;

  private readonly failures: FailureCollector | null;
  /** The kinds of the test's typed errors, recorded as data (src/domain/failure-kinds.ts). */
  private readonly kinds: FailureKindRecorder | null;
  /** Judged responses wait here until the next await point, where each becomes a report step. */
  private readonly pendingSteps: JudgedExchange[] = [];
  private readonly hooks: SuiteApiHooks;
  private unjudgedDepth = 0;
  private selfJudgedDepth = 0;
  /** The body is over and the session deletes what it created: these responses are never a failure's evidence. */
  private cleaningUp = false;

  constructor(private readonly options: SessionOptions) {
    const { config, test } = options;
    this.recorder = new ExchangeRecorder(config.strict, new RunSecrets(config.accessToken, config.secretStoreDir));
    this.failures = test ? new FailureCollector(test.info) : null;
    this.kinds = test ? new FailureKindRecorder(test.info) : null;
    const judge = (result: ApiResult): void => {
      this.pendingSteps.push(this.recorder.judge(result, this.arrival()));
    };
    // The factory needs the client and the client's hook needs the factory: tie the knot through a holder.
    const holder: { tokens?: TokenFactory } = {};
    this.hooks = {
      beforeWrite: () => assertWritesAllowed(config),
      afterSend: async (op, opts, result) => {
        holder.tokens?.observe(op, opts.id, result);
        // Every pause the client made for this call (429s, gateway errors) goes into the test's report.
        for (const wait of result.waits) {
          test?.info.annotations.push({
            type: 'rate-limit-wait',
            description: `${wait.operationId}: waited ${wait.waitMs} ms after ${wait.status ?? 'a network error'} (${wait.reason}, from ${wait.source}, attempt ${wait.attempt})`,
          });
        }
        await this.reportPendingSteps();
      },
      runUnjudged: async (fn) => {
        this.unjudgedDepth++;
        try {
          return await fn();
        } finally {
          this.unjudgedDepth--;
        }
      },
      runSelfJudged: async (fn) => {
        this.selfJudgedDepth++;
        try {
          return await fn();
        } finally {
          this.selfJudgedDepth--;
        }
      },
      judge,
      verdictOf: (result) => this.recorder.verdictOf(result),
      // Typed errors (EnvironmentError) are kept as they are thrown: their kind is recorded after the body.
      failed: (error) => this.kinds?.note(error),
    };
    this.api = this.newApi();
    this.tokens = new TokenFactory(this.api, config.tokenNamePrefix, options.ledger ?? null, (error) => this.kinds?.note(error));
    holder.tokens = this.tokens;
  }

  /** The server's clock (G3), never the client's. */
  serverNow(): number {
    return this.clock.now();
  }

  /** Deletes every token the session created (H1); returns the error instead of throwing, for the fixture to report last. */
  async cleanUp(): Promise<Error | undefined> {
    this.cleaningUp = true;
    try {
      // A fresh client: its own rate-limit budget, so a test that spent its budget still cleans up (H1).
      await this.tokens.deleteAll(this.newApi());
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Responses judged after the last send (a test's explicit judge(), a call that threw midway). */
  async reportPendingSteps(): Promise<void> {
    if (this.options.test) await reportContractSteps(this.pendingSteps, this.options.test.step);
    else this.pendingSteps.splice(0);
  }

  /**
   * The body and set-up are over: each of their errors that was thrown typed gets its kind recorded. A contract
   * breach reported as a soft failure is recorded for the test as a whole (contract wins, even on an attempt
   * that timed out before the breach was reported).
   */
  recordFailureKinds(): void {
    if (!this.kinds) return;
    this.kinds.recordErrors();
    if (this.recorder.failing().length > 0) this.kinds.recordTest('contract');
  }

  /**
   * A typed error the test throws itself (explore's ExploreFailed) is kept like the client's: its kind and, when it
   * carries one, its signature are recorded once the body is over.
   */
  note(error: unknown): void {
    this.kinds?.note(error);
  }

  /**
   * The clean-up error the fixture is about to throw is the test's next error. Recorded as clean-up, unless
   * the environment stopped the clean-up (a rate-limited or unreachable target: an EnvironmentError, or a
   * TokenCleanupError whose every leftover was one): then it is recorded as the environment, so a test whose
   * only failures are the environment's is an environment failure, never a contract one (issue 23).
   */
  recordTeardownFailure(cleanupError: Error): void {
    this.kinds?.recordNextError(failureKindOf(cleanupError) === 'environment' ? 'environment' : 'teardown');
  }

  /**
   * Attaches `contract-observations` (for the coverage matrix), `exchanges.json` (redacted) and, when the test
   * failed, ready-to-paste curl commands for the requests to reproduce.
   */
  async attachEvidence(cleanupError: Error | undefined): Promise<void> {
    const info = this.options.test?.info;
    if (!info) return;
    await info.attach(OBSERVATIONS_ATTACHMENT, {
      body: JSON.stringify({ observations: this.recorder.observations() }),
      contentType: 'application/json',
    });
    if (this.recorder.count() > 0) {
      await info.attach('exchanges.json', { body: this.recorder.exchangesJson(), contentType: 'application/json' });
    }
    const failed = info.errors.length > 0 || cleanupError !== undefined || info.status !== info.expectedStatus;
    if (!failed) return;
    // One naming for the test's curl files: the same issued token is $ISSUED_TOKEN_1 in each of them.
    const issued = new IssuedTokenNames();
    const kinds = this.kinds;
    const firstAssertionError = this.failures?.firstAssertionError(this.recorder.failing(), (index) => kinds?.kindAt(index));
    for (const [index, entry] of this.recorder.toReproduce(firstAssertionError).slice(0, MAX_CURL_ATTACHMENTS).entries()) {
      await info.attach(`curl-${index + 1}-${entry.exchange.operationId}.sh`, {
        // Already redacted piece by piece; the credential is a shell variable, which redaction leaves as it is.
        body: renderCurlCommand(entry.original, this.options.config.accessToken, issued),
        contentType: 'text/plain',
      });
    }
  }

  /**
   * Last: every error of the test body and every judged response (clean-up included) is known by now. Records
   * the failure signatures and marks the test as an expected failure when every one is a known deviation.
   */
  async applyKnownDeviations(expectations: KnownDeviations | null, cleanupError: Error | undefined): Promise<void> {
    const info = this.options.test?.info;
    if (!info || !this.failures) return;
    const kinds = this.kinds;
    const failures = this.failures.collect(
      this.recorder.failing(),
      cleanupError,
      (index) => kinds?.kindAt(index),
      (index) => kinds?.signatureAt(index),
      this.recorder.failedAssertions(),
      (index) => kinds?.signatureKindAt(index),
    );
    await applyKnownDeviations(info, failures, expectations, cleanupError !== undefined);
  }

  private newApi(): SuiteApi {
    const { request, config, a7Blocks, test } = this.options;
    // The block names the test that met the hang first; a session outside a test names itself.
    const a7 = a7Blocks ? { blocks: a7Blocks, caller: test ? joinTitlePath(test.info.titlePath) : 'a session outside a test' } : undefined;
    return new SuiteApi(
      new ApiClient({ request, config, onExchange: (result) => this.onExchange(result), ...(a7 ? { a7 } : {}) }),
      this.hooks,
    );
  }

  private arrival(): ArrivalContext {
    const errorsBefore = this.options.test?.info.errors.length;
    return { cleanup: this.cleaningUp, ...(errorsBefore !== undefined ? { errorsBefore } : {}) };
  }

  private onExchange(result: ApiResult): void {
    this.failures?.observe(result, this.cleaningUp);
    this.clock.observe(result.serverDate);
    if (writes(result.operationId) && result.status >= 200 && result.status < 300) {
      this.clock.observeWrittenToken(result.json());
    }
    // A gateway 502/503/504 from a remote target is the environment's answer, not the API's: kept as
    // evidence, never judged (judging it would turn an environment failure into a contract one).
    if (this.unjudgedDepth > 0 || isEnvironmentStatus(result.status, this.options.config))
      this.recorder.keepUnjudged(result, this.arrival());
    else if (this.selfJudgedDepth > 0) this.recorder.judge(result, { quiet: true, ...this.arrival() });
    else this.hooks.judge(result);
  }
}
