import fs from 'node:fs';
import { isOperationId, type OperationId } from '../domain/operations';
import { DiffInputError } from './diff-input-error';

/** The plan file's format tag: a replay refuses any other (an old or foreign file is bad input, not a plan). */
export const PLAN_FORMAT = 'ld-diff-plan/1';

/**
 * One request of a plan. Symbols stand where the sides must differ: `$t1`, `$t2`, … for tokens the plan created
 * (each side sends its own id), `$run` inside strings for the side's token-name prefix (H1: the run prefix).
 */
export interface PlanStep {
  step: number;
  operationId: OperationId;
  /** A symbol (`$t1`) or a literal id no token has (an unknown-id request). */
  id?: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** postToken: the symbol the created token's `_id` is bound to, on each side, when that side creates it. */
  binds?: string;
  /** Where the request's shape comes from: an example-suite shape, or the explore generator that made it. */
  shape: string;
}

export interface Plan {
  format: typeof PLAN_FORMAT;
  seed: number;
  budget: number;
  steps: PlanStep[];
}

export const TOKEN_SYMBOL = /^\$t\d+$/;

export function writePlan(file: string, plan: Plan): void {
  fs.writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
}

/** Reads and checks a plan file; anything but a plan this version wrote is a one-line DiffInputError. */
export function readPlan(file: string): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DiffInputError(`--plan ${file}: cannot read the file.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DiffInputError(`--plan ${file}: not JSON (a plan is the JSON file an earlier diff run wrote).`);
  }
  return checkPlan(data, `--plan ${file}`);
}

export function checkPlan(data: unknown, source: string): Plan {
  if (!isRecord(data) || data.format !== PLAN_FORMAT)
    throw new DiffInputError(`${source}: not a plan (expected "format": "${PLAN_FORMAT}").`);
  if (!Number.isInteger(data.seed) || !Number.isInteger(data.budget))
    throw new DiffInputError(`${source}: "seed" and "budget" must be whole numbers.`);
  if (!Array.isArray(data.steps)) throw new DiffInputError(`${source}: "steps" must be a list of requests.`);
  const bound = new Set<string>();
  const steps = data.steps.map((raw: unknown, index): PlanStep => {
    const where = `${source}: step ${index + 1}`;
    if (!isRecord(raw) || typeof raw.operationId !== 'string' || !isOperationId(raw.operationId)) {
      throw new DiffInputError(`${where} has no known operationId.`);
    }
    if (raw.id !== undefined && typeof raw.id !== 'string') throw new DiffInputError(`${where}: "id" must be a string.`);
    if (typeof raw.id === 'string' && TOKEN_SYMBOL.test(raw.id) && !bound.has(raw.id)) {
      throw new DiffInputError(`${where} uses ${raw.id} before any step binds it.`);
    }
    if (raw.binds !== undefined) {
      if (typeof raw.binds !== 'string' || !TOKEN_SYMBOL.test(raw.binds))
        throw new DiffInputError(`${where}: "binds" must be a symbol like $t1.`);
      bound.add(raw.binds);
    }
    if (raw.query !== undefined && !isRecord(raw.query)) throw new DiffInputError(`${where}: "query" must be an object.`);
    return {
      step: index + 1,
      operationId: raw.operationId,
      ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
      ...(raw.query !== undefined ? { query: raw.query as Record<string, string | number | boolean> } : {}),
      ...(raw.body !== undefined ? { body: raw.body } : {}),
      ...(typeof raw.binds === 'string' ? { binds: raw.binds } : {}),
      shape: typeof raw.shape === 'string' ? raw.shape : 'replayed',
    };
  });
  return { format: PLAN_FORMAT, seed: data.seed as number, budget: data.budget as number, steps };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
