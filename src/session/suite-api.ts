import type { ApiClient, ApiResult, SendOptions } from '../client/api-client';
import { writes, type OperationId } from '../domain/operations';
import type { JudgedExchange } from './exchange-recorder';

/**
 * The client the tests use: C's ApiClient plus the suite's guarantees, so no test can forget them —
 * `beforeWrite` runs the production guard before every write (defence in depth next to global setup), and
 * `afterSend` tracks what a write created or deleted (rule H1: every created token is cleaned up, whoever
 * created it and whatever status the test expected). Contract judgement happens in the client's `onExchange`.
 */

export interface SuiteApiHooks {
  /** Throws when writes are not allowed against this target. */
  beforeWrite(op: OperationId): void;
  /** Sees every final result (tracks created and deleted tokens). */
  afterSend(op: OperationId, opts: SendOptions, result: ApiResult): Promise<void>;
  /** Runs `send` with contract judgement suspended; see `sendUnjudged`. */
  runUnjudged<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `send` with the response judged for the evidence only; see `sendSelfJudged`. */
  runSelfJudged<T>(fn: () => Promise<T>): Promise<T>;
  /** Judges a result that was received unjudged. */
  judge(result: ApiResult): void;
  /** Sees every error the client throws, before it reaches the test (the session records typed kinds). */
  failed(error: unknown): void;
  /** The session's judgement of a result it received (undefined when it kept the result unjudged). */
  verdictOf(result: ApiResult): JudgedExchange | undefined;
}

/** A response and the session's verdict on it, handed back to a caller that reports its own failures. */
export interface SelfJudged {
  result: ApiResult;
  /** Null when the session kept the response as evidence only (a remote gateway error: the environment's answer). */
  verdict: JudgedExchange | null;
}

export class SuiteApi {
  constructor(
    private readonly client: ApiClient,
    private readonly hooks: SuiteApiHooks,
  ) {}

  /** Sends one request; every response is judged by the contract checks (soft failure on a breach). */
  async send(op: OperationId, opts: SendOptions = {}): Promise<ApiResult> {
    if (writes(op) || (opts.methodOverride !== undefined && opts.methodOverride !== 'GET')) {
      this.hooks.beforeWrite(op);
    }
    let result: ApiResult;
    try {
      result = await this.client.send(op, opts);
    } catch (error) {
      this.hooks.failed(error);
      throw error;
    }
    await this.hooks.afterSend(op, opts, result);
    return result;
  }

  /**
   * Sends without judging the response: for requests whose response may legitimately belong to no documented
   * operation (a method override the target ignores). Call `judge(result)` once it is known to be the
   * operation's response. The exchange still goes into exchanges.json.
   */
  sendUnjudged(op: OperationId, opts: SendOptions = {}): Promise<ApiResult> {
    return this.hooks.runUnjudged(() => this.send(op, opts));
  }

  /**
   * Sends for a test that judges every response itself and reports its own failures (explore: a breach must
   * fail its property so it can be shrunk first). The response is still judged for the evidence — an
   * observation for the coverage matrix and a verdict in exchanges.json — but never a soft failure here; the
   * verdict comes back to the caller, so the session's one judgement is the one the caller acts on.
   */
  async sendSelfJudged(op: OperationId, opts: SendOptions = {}): Promise<SelfJudged> {
    const result = await this.hooks.runSelfJudged(() => this.send(op, opts));
    return { result, verdict: this.hooks.verdictOf(result) ?? null };
  }

  judge(result: ApiResult): void {
    this.hooks.judge(result);
  }

  /** This test's 429 waiting so far and its allowance now (src/client/rate-limit.ts WaitBudget). */
  rateLimitWaits(): { spentMs: number; allowanceMs: number } {
    return this.client.rateLimitWaits();
  }

  /** The same suite client with another token; null sends no Authorization header. */
  withToken(token: string | null): SuiteApi {
    return new SuiteApi(this.client.withToken(token), this.hooks);
  }

  /**
   * The same suite client sending another `LD-API-Version` (null = none): for replays of LaunchDarkly's own
   * clients, each of which sends its own (specs/clients.md "API version"). Judged like every request.
   */
  withApiVersion(apiVersion: string | null): SuiteApi {
    return new SuiteApi(this.client.withApiVersion(apiVersion), this.hooks);
  }
}
