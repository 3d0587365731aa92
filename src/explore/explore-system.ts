/**
 * The "real" side of explore's model run: sends requests through the judged session (src/session: the same
 * client, pacing, production guard, cleanup ledger and contract judgement as the example tests), spends the
 * request budget, keeps the numbered steps a failure is rendered from, and turns the session's verdict on
 * every response into a violation. Never 5xx, never a hang, never an undocumented status: each is a violation
 * at the step. Secrets and ids of the tokens a run created live here, never in the model or in a command's text.
 */
import type { ApiResult, SendOptions } from '../client/api-client';
import { A7BlockedError, EnvironmentError, HangError, RateLimitedError } from '../client/errors';
import { redactExchange } from '../contract';
import type { HttpExchange } from '../contract/exchange';
import type { JudgedSession } from '../session/judged-session';
import type { SelfJudged } from '../session/suite-api';
import type { OperationId } from '../domain/operations';
import type { RuleRef } from '../domain/rules';
import type { FailureSignature } from '../domain/failure-signature';
import type { ExploreBudget } from './explore-budget';
import { mergeLeniencies, type LeniencyObservation } from '../domain/leniencies';
import { blameOf, ruleOf, type OpenRowId } from './prediction-rules';
import { ruleOfCheck } from '../domain/failure-rules';

/** What explore uses of the judged session: its suite API (self-judged sends) and the server's clock. */
export type ExploreSession = Pick<JudgedSession, 'api' | 'serverNow'>;

/** A broken promise, at the step where it showed. The message never holds a secret. */
export class ExploreViolation extends Error {
  override name = 'ExploreViolation';
  constructor(
    readonly rule: RuleRef,
    message: string,
    /**
     * The breaking step's signature, carried to the test's failure: a hang's own (A7 and the operation,
     * src/client/errors.ts) or the step's; absent for a command's check, which runExplore signs by the last step.
     */
    readonly signature?: FailureSignature,
  ) {
    super(message);
  }
}

export interface ExploreStep {
  /** What the command meant to do, e.g. "patch token #1". */
  intent: string;
  /** Redacted. */
  exchange: HttpExchange;
  /** Unredacted copy kept in memory only, for the curl reproduction (which redacts itself). */
  original: HttpExchange;
}

export class ExploreSystem {
  readonly steps: ExploreStep[] = [];
  /** Per model token (by creation index in this run): its id and every secret it was given. */
  readonly ids: string[] = [];
  readonly secrets: string[][] = [];

  constructor(
    private readonly session: ExploreSession,
    private readonly budget: ExploreBudget,
    /** The run's record of answers accepted where no rule decides, shared by every sequence (and shrink) of the run. */
    private readonly leniencies: LeniencyObservation[] = [],
  ) {}

  /**
   * Records that `result` was accepted under an open row of the prediction table (no rule decides it): what was
   * sent and answered, secrets masked. One entry per row and answer; the first example is kept.
   */
  observe(row: OpenRowId, result: ApiResult): void {
    // Shrinking replays the same requests again and again: it would only inflate the counts.
    if (this.budget.isShrinking()) return;
    const exchange = redactExchange(result.exchange);
    const path = exchange.request.url.replace(/^[a-z]+:\/\/[^/]+/i, '');
    const body = (text: string | undefined): string => (text ? ` ${text.length > 300 ? `${text.slice(0, 300)}…` : text}` : '');
    mergeLeniencies(this.leniencies, [
      {
        row,
        rule: ruleOf(row),
        accepted: String(result.status),
        count: 1,
        example: {
          sent: `${exchange.request.method} ${path}${body(exchange.request.bodyText)}`,
          answered: `${exchange.response.status}${body(exchange.response.bodyText)}`,
        },
      },
    ]);
  }

  serverNow(): number {
    return this.session.serverNow();
  }

  /**
   * Sends one request, records it as a step and reads the session's verdict; throws ExploreViolation on a
   * contract breach (self-judged: the breach must fail the property so fast-check can shrink it first).
   */
  async call(intent: string, op: OperationId, opts: SendOptions): Promise<ApiResult> {
    this.budget.spend();
    let result: ApiResult;
    let verdict: SelfJudged['verdict'];
    try {
      ({ result, verdict } = await this.session.api.sendSelfJudged(op, opts));
    } catch (error) {
      // Rate limited past the test's allowance: explore stops generating (inconclusive), the sequence ends here.
      if (error instanceof RateLimitedError) {
        this.budget.stopRateLimited(error);
        throw error;
      }
      if (error instanceof EnvironmentError) {
        this.budget.abort(error);
        throw error;
      }
      const hang = error instanceof HangError || error instanceof A7BlockedError ? error : null;
      const violation = new ExploreViolation(
        blameOf('never-5xx'),
        `${op} got no answer (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): never a hang, never a dropped connection`,
        hang?.failureSignature,
      );
      // Explore stops at its first confirmed hang (or a request the run's A7 block refused): no new sequences,
      // no shrinking, each of which would meet the same hung operation again.
      if (hang) this.budget.stopAtHang(violation);
      throw violation;
    }
    this.steps.push({ intent, exchange: redactExchange(result.exchange), original: result.exchange });
    // Signed by the step that broke the rule (issue 24.1): its rule, operation, status and check — never the
    // seed, the step number or an id, so two seeds that find the same defect give the same signature.
    if (result.status >= 500) {
      const rule = blameOf('never-5xx');
      throw new ExploreViolation(rule, `${op} answered ${result.status}: a server error is never a documented answer`, {
        rule,
        operation: op,
        status: result.status,
      });
    }
    const breach = verdict?.report?.failures[0];
    if (verdict && verdict.rendered !== null && breach) {
      const rule = ruleOfCheck(breach.check, result.status) ?? blameOf('contract-checks');
      throw new ExploreViolation(rule, verdict.rendered, { check: breach.check, operation: op, status: result.status });
    }
    return result;
  }

  /** Every secret this run was given (for "no whole secret in a read"). */
  allSecrets(): string[] {
    return this.secrets.flat();
  }

  /** Deletes what this run created and still exists; outside the budget's spend limit, never skipped (H1). */
  async cleanUp(alive: number[]): Promise<void> {
    for (const index of alive) {
      const id = this.ids[index];
      if (id === undefined) continue;
      this.budget.spendForCleanup();
      try {
        await this.session.api.sendSelfJudged('deleteToken', { id });
      } catch {
        // The test's token factory deletes everything the run created once more at the end.
      }
    }
  }
}
