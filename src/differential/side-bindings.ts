import { RUN_SYMBOL } from './build-plan';
import { TOKEN_SYMBOL, type PlanStep } from './plan';

/**
 * One side's half of the id binding: which of its token ids each plan symbol stands for, its token-name prefix, and
 * which tokens it still has to delete. The token created on A and the one created on B by the same step share a
 * symbol; every later step sends each side its own id.
 */
export class SideBindings {
  private readonly ids = new Map<string, string>();
  private readonly symbols = new Map<string, string>();
  private readonly deleted = new Set<string>();

  /** `namePrefix`: `<run prefix>-<run id>-<side>`, so each side's (and the calibration pass's) tokens are its own. */
  constructor(readonly namePrefix: string) {}

  bind(symbol: string, id: string): void {
    this.ids.set(symbol, id);
    this.symbols.set(id, symbol);
  }

  symbolOf(id: string): string | undefined {
    return this.symbols.get(id);
  }

  markDeleted(id: string): void {
    this.deleted.add(id);
  }

  /** Tokens this side created and has not deleted yet: what clean-up removes. */
  undeleted(): string[] {
    return [...this.ids.values()].filter((id) => !this.deleted.has(id));
  }

  /**
   * The id this side sends for a step: its own id for a symbol; for a symbol this side never bound (its create was
   * refused), an id no token has, so the step still goes out and its answer shows the consequence.
   */
  idFor(planId: string): string {
    if (!TOKEN_SYMBOL.test(planId)) return planId;
    return this.ids.get(planId) ?? `${planId.slice(1)}-not-created`;
  }
}

export interface ResolvedStep {
  id?: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

/** The step as this side sends it: symbols replaced by the side's own ids and name prefix. */
export function resolveStep(step: PlanStep, side: SideBindings): ResolvedStep {
  return {
    ...(step.id !== undefined ? { id: side.idFor(step.id) } : {}),
    ...(step.query !== undefined ? { query: step.query } : {}),
    ...(step.body !== undefined ? { body: replaceRunSymbol(step.body, side.namePrefix) } : {}),
  };
}

function replaceRunSymbol(value: unknown, prefix: string): unknown {
  if (typeof value === 'string') return value.split(RUN_SYMBOL).join(prefix);
  if (Array.isArray(value)) return value.map((item) => replaceRunSymbol(item, prefix));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceRunSymbol(item, prefix)]));
  }
  return value;
}
