/**
 * Runs explore: fast-check generates command sequences (fc.commands) from the schema-derived inputs and
 * runs each against a fresh model (fc.asyncModelRun) until the request budget is spent. The first
 * failure is shrunk — within its own allowance — to the shortest sequence and smallest inputs that still
 * fail; the steps of that last failing run are what the failure report shows. A seed replays it all.
 */
import fc from 'fast-check';
import { EnvironmentError, RateLimitedError } from '../client/errors';
import type { RuleRef } from '../domain/rules';
import type { KindedError } from '../domain/failure-kinds';
import type { FailureSignature } from '../domain/failure-signature';
import type { LeniencyObservation } from '../domain/leniencies';
import { ExploreBudget } from './explore-budget';
import type { ExploreModel } from './explore-model';
import { ExploreSystem, ExploreViolation, type ExploreSession, type ExploreStep } from './explore-system';
import {
  expiryArbitrary,
  listQueryArbitrary,
  patchArbitrary,
  postBodyArbitrary,
  unknownIdArbitrary,
  validPostBodyArbitrary,
} from './inputs';
import {
  CreateCommand,
  DeleteCommand,
  ListCommand,
  PatchCommand,
  ReadCommand,
  ResetCommand,
  UnknownIdCommand,
  UseAllSecretsCommand,
  UseSecretCommand,
} from './token-commands';

export interface ExploreOptions {
  /** The judged session explore sends through (its self-judged path) and reads the server's clock from. */
  session: ExploreSession;
  /** Requests exploration may send (LD_EXPLORE_REQUESTS). */
  budget: number;
  seed: number;
  /** Every name starts with this (the run's prefix, H1). */
  prefix: string;
  /** Requests shrinking a failure may send; default max(1000, 4 × budget). */
  shrinkBudget?: number;
  /** Stop generating new sequences after this long (a seed then replays only as far as it got). */
  timeLimitMs?: number;
  maxCommands?: number;
}

export interface ExploreFailure {
  /** 'explore' when the failure is no ExploreViolation (an unexpected error inside a command). */
  rule: RuleRef | 'explore';
  message: string;
  steps: ExploreStep[];
  /** The shrunk command list as fast-check prints it (inputs only). */
  commands: string;
  shrinks: number;
  /** What the breaking step broke (rule, operation, status, check), never the seed: the test's failure carries it (ExploreFailed). */
  signature: FailureSignature;
}

/**
 * The explore test's failure, thrown with the rendered report: a contract failure, signed like the hang it met
 * when it stopped at one (so one known deviation, A7 on the operation, covers it as it covers the tests the hang
 * blocked); otherwise by the test's rules, like any assertion. The fixtures keep it through JudgedSession.note.
 */
export class ExploreFailed extends Error implements KindedError {
  override readonly name = 'ExploreFailed';
  readonly failureKind = 'contract';
  /** summary.json's kind of the failure: explore's breaking step, not a test's assertion (issue 24, b). */
  readonly failureSignatureKind = 'explore';
  constructor(
    rendered: string,
    readonly failureSignature: FailureSignature | undefined,
  ) {
    super(rendered);
  }
}

export interface ExploreOutcome {
  seed: number;
  sequences: number;
  requests: { explored: number; shrinking: number; cleanup: number };
  failure: ExploreFailure | null;
  /** The environment stopped exploration (network, a gateway): not a verdict on the server. */
  environmentError: Error | null;
  /**
   * Rate limits stopped exploration (its share of the test's 429 wait allowance spent, or the client gave up on
   * a 429), and why: explore is then inconclusive, not failed, and `requests.explored` says how far it got.
   */
  rateLimited: string | null;
  /** Exploration stopped at a confirmed hang (A7): `failure` is that step, unshrunk. */
  stoppedAtHang: boolean;
  interrupted: boolean;
  /** Answers accepted where no rule decides (open rows of prediction-rules.ts), one entry per row and answer. */
  leniencies: LeniencyObservation[];
}

function commandArbitraries(prefix: string): fc.Arbitrary<fc.AsyncCommand<ExploreModel, ExploreSystem>>[] {
  // Half the picks go to the sequence's first token: sequence bugs need several calls on the SAME token
  // (patch then list, reset then reset then use, patch then delete then use).
  const pick = fc.oneof(fc.constant(0), fc.nat({ max: 7 }));
  const patch = fc.tuple(pick, patchArbitrary(prefix)).map(([p, doc]) => new PatchCommand(p, doc));
  const reset = fc.tuple(pick, expiryArbitrary()).map(([p, expiry]) => new ResetCommand(p, expiry));
  const useSecret = fc.tuple(pick, fc.nat({ max: 3 })).map(([p, w]) => new UseSecretCommand(p, w));
  const useAll = pick.map((p) => new UseAllSecretsCommand(p));
  // Half the lists ask for a page of 100 from the start: a random offset often lands past the run's tokens,
  // and a list only checks the tokens it shows.
  const list = fc.oneof(listQueryArbitrary(), fc.constant({ limit: 100 })).map((q) => new ListCommand(q));
  // fc.commands picks uniformly among its arbitraries: listing one twice doubles its share.
  return [
    postBodyArbitrary(prefix).map((input) => new CreateCommand(input)),
    pick.map((p) => new ReadCommand(p)),
    list,
    list,
    patch,
    patch,
    patch,
    reset,
    reset,
    reset,
    pick.map((p) => new DeleteCommand(p)),
    useSecret,
    useAll,
    fc.tuple(fc.nat({ max: 3 }), unknownIdArbitrary()).map(([op, id]) => new UnknownIdCommand(op, id)),
  ];
}

/** fast-check's commands print as the list of commands that ran; its type does not declare toString. */
function describeCommands(cmds: Iterable<unknown>): string {
  return (cmds as { toString(): string }).toString();
}

/**
 * The shrunk failure's signature (issue 24.1): the violation's own when it has one (a hang, a 5xx, a contract
 * check), else the rule it broke on the last step sent, which is the step its check judged. Nothing that
 * changes per seed (seed, step number, ids, values) goes in: the same defect gives the same signature.
 */
export function signFailure(error: unknown, steps: readonly ExploreStep[]): FailureSignature {
  if (error instanceof ExploreViolation && error.signature) return error.signature;
  const rule = error instanceof ExploreViolation ? error.rule : 'explore';
  const last = steps.at(-1);
  return last ? { rule, operation: last.exchange.operationId, status: last.exchange.response.status } : { rule };
}

export async function runExplore(options: ExploreOptions): Promise<ExploreOutcome> {
  const budget = new ExploreBudget(options.budget, options.shrinkBudget ?? Math.max(1000, 4 * options.budget), () =>
    options.session.api.rateLimitWaits(),
  );
  let sequences = 0;
  const leniencies: LeniencyObservation[] = [];
  let lastFailure: { error: unknown; steps: ExploreStep[]; commands: string } | null = null;

  const sequence = fc.commands(commandArbitraries(options.prefix), { maxCommands: options.maxCommands ?? 12, size: '+1' });
  // Every sequence starts with a token to work on: otherwise most short sequences would only skip.
  const property = fc.asyncProperty(validPostBodyArbitrary(options.prefix), sequence, async (first, cmds) => {
    if (budget.aborted() || !budget.canSpend(1)) return;
    sequences++;
    const model: ExploreModel = { tokens: [], budget, prefix: options.prefix };
    const real = new ExploreSystem(options.session, budget, leniencies);
    try {
      await fc.asyncModelRun(() => ({ model, real }), [new CreateCommand(first), ...cmds]);
    } catch (error) {
      // Rate limited: not a verdict on this sequence, so no failure for fast-check to shrink; later runs skip.
      if (error instanceof RateLimitedError) return;
      if (!(error instanceof EnvironmentError)) {
        budget.startShrinking();
        // fast-check's commands print as the list of commands that ran, e.g. "create {…},patch #0 […]".
        lastFailure = { error, steps: real.steps, commands: `${new CreateCommand(first).toString()},${describeCommands(cmds)}` };
      }
      throw error;
    } finally {
      await real.cleanUp(model.tokens.flatMap((token, index) => (token.deleted ? [] : [index])));
    }
  });

  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: Math.max(1, options.budget),
    ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
  });

  const found = details.failed && lastFailure !== null ? (lastFailure as { error: unknown; steps: ExploreStep[]; commands: string }) : null;
  const failure: ExploreFailure | null = found
    ? {
        rule: found.error instanceof ExploreViolation ? found.error.rule : 'explore',
        message: found.error instanceof Error ? found.error.message : String(found.error),
        steps: found.steps,
        commands: found.commands,
        shrinks: details.numShrinks,
        signature: signFailure(found.error, found.steps),
      }
    : null;
  const environmentError = budget.aborted() ?? (details.errorInstance instanceof EnvironmentError ? details.errorInstance : null);
  return {
    seed: options.seed,
    sequences,
    requests: budget.totals(),
    failure: environmentError ? null : failure,
    environmentError,
    rateLimited: budget.rateLimited(),
    stoppedAtHang: budget.stoppedAtHang() !== null,
    interrupted: details.interrupted,
    leniencies,
  };
}
