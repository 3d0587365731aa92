import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { ApiClient, type ApiResult } from '../client/api-client';
import { EnvironmentError, HangError, TransportError, A7BlockedError } from '../client/errors';
import { registerSecret } from '../contract/secrets';
import type { SuiteConfig } from '../config/suite-config';
import type { OperationId } from '../domain/operations';
import { renderMaskedCurl } from './masked-curl';
import { normaliseResponse, type NormalisedResponse } from './normalise';
import type { Plan, PlanStep } from './plan';
import { resolveStep, SideBindings } from './side-bindings';

/** One target of a differential run. */
export interface DiffTarget {
  /** How the report names it: `A http://…` or `A embedded`. */
  label: string;
  config: SuiteConfig;
  /** The variable the masked curl names for its credential (LD_ACCESS_TOKEN_A / _B). */
  tokenVariable: string;
}

export type PassName = 'a' | 'b' | 'a2';

export interface SideAnswer {
  curl: string;
  response: NormalisedResponse;
}

export interface StepOutcome {
  step: number;
  operationId: OperationId;
  shape: string;
  answers: Partial<Record<PassName, SideAnswer>>;
}

export interface RunOutcome {
  steps: StepOutcome[];
  calibrated: boolean;
  /** Why the run stopped before the plan's end (a side hung, kept answering 429, a network error, Ctrl-C); null = it did not. */
  incomplete: string | null;
  /** What clean-up did on each side, in words, and what it could not delete. */
  cleanup: string[];
  /** Every secret the sides issued during the run (for the end-of-run scan); never printed. */
  issuedSecrets: string[];
  requestsSent: number;
}

export interface RunDiffOptions {
  plan: Plan;
  a: DiffTarget;
  b: DiffTarget;
  /**
   * The calibration pass's target: A itself for a remote A, or a second instance of the embedded A (on one
   * instance, each pass's tokens would page the other's lists); null = no calibration.
   */
  a2: DiffTarget | null;
  /** Ctrl-C: the run stops between requests, cleans up on every side and says so. */
  signal: AbortSignal;
  log?: (line: string) => void;
}

interface Pass {
  name: PassName;
  target: DiffTarget;
  client: ApiClient;
  bindings: SideBindings;
}

/**
 * Sends the plan step by step to A, B and (calibration) A again, each pass with its own bindings and name prefix,
 * and cleans up every token any pass created, on every side, whatever happens (also after Ctrl-C or a hang).
 */
export async function runDifferential(options: RunDiffOptions): Promise<RunOutcome> {
  const contexts: APIRequestContext[] = [];
  const issuedSecrets: string[] = [];
  const newPass = async (name: PassName, target: DiffTarget): Promise<Pass> => {
    const context = await playwrightRequest.newContext();
    contexts.push(context);
    return {
      name,
      target,
      client: new ApiClient({ request: context, config: target.config }),
      bindings: new SideBindings(`${target.config.tokenNamePrefix}-${name}`),
    };
  };
  const passes: Pass[] = [await newPass('a', options.a), await newPass('b', options.b)];
  if (options.a2 !== null) passes.push(await newPass('a2', options.a2));

  const steps: StepOutcome[] = [];
  let incomplete: string | null = null;
  let requestsSent = 0;
  let cleanup: string[] = [];
  try {
    outer: for (const step of options.plan.steps) {
      const outcome: StepOutcome = { step: step.step, operationId: step.operationId, shape: step.shape, answers: {} };
      for (const pass of passes) {
        if (options.signal.aborted) {
          incomplete = `interrupted (Ctrl-C) before step ${step.step}`;
          break outer;
        }
        try {
          requestsSent++;
          outcome.answers[pass.name] = await sendStep(step, pass, issuedSecrets);
        } catch (error) {
          if (!isEnvironmentTrouble(error)) throw error;
          incomplete = `${pass.target.label} (pass ${pass.name}) gave no usable answer to step ${step.step} (${step.operationId}): ${error.message}`;
          break outer;
        }
      }
      steps.push(outcome);
    }
  } finally {
    cleanup = await cleanUp(passes);
    await Promise.all(contexts.map((context) => context.dispose()));
  }
  return { steps, calibrated: options.a2 !== null, incomplete, cleanup, issuedSecrets, requestsSent };
}

async function sendStep(step: PlanStep, pass: Pass, issuedSecrets: string[]): Promise<SideAnswer> {
  const resolved = resolveStep(step, pass.bindings);
  const result: ApiResult = await pass.client.send(step.operationId, resolved);
  const body = result.json();
  collectSecret(body, issuedSecrets);
  if (step.binds !== undefined && result.status >= 200 && result.status < 300 && typeof idOf(body) === 'string') {
    pass.bindings.bind(step.binds, idOf(body) as string);
  }
  if (step.operationId === 'deleteToken' && result.status === 204 && resolved.id !== undefined) pass.bindings.markDeleted(resolved.id);
  return {
    curl: renderMaskedCurl(result.exchange, pass.target.tokenVariable),
    response: normaliseResponse({
      operationId: step.operationId,
      status: result.status,
      headers: result.headers,
      body,
      side: pass.bindings,
    }),
  };
}

function idOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)._id : undefined;
}

/** A whole secret in an answer (create, reset): registered for redaction and kept for the end-of-run scan. */
function collectSecret(body: unknown, issuedSecrets: string[]): void {
  if (typeof body !== 'object' || body === null) return;
  const token = (body as Record<string, unknown>).token;
  if (typeof token === 'string' && token.length > 4) {
    registerSecret(token);
    issuedSecrets.push(token);
  }
}

function isEnvironmentTrouble(error: unknown): error is Error {
  return (
    error instanceof EnvironmentError || error instanceof HangError || error instanceof TransportError || error instanceof A7BlockedError
  );
}

/** Deletes what each pass created and did not delete; a failure is reported, never thrown (the other sides still get theirs). */
async function cleanUp(passes: Pass[]): Promise<string[]> {
  const lines: string[] = [];
  for (const pass of passes) {
    const ids = pass.bindings.undeleted();
    const failed: string[] = [];
    for (const id of ids) {
      try {
        const result = await pass.client.send('deleteToken', { id });
        if (result.status !== 204 && result.status !== 404) failed.push(`${id}: ${result.status}`);
      } catch (error) {
        failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    lines.push(
      `${pass.target.label} (pass ${pass.name}): ${ids.length - failed.length} of ${ids.length} leftover token(s) deleted` +
        (failed.length > 0
          ? `; NOT deleted (named ${pass.bindings.namePrefix}-…, \`npm run cleanup\` removes them): ${failed.join(', ')}`
          : ''),
    );
  }
  return lines;
}
