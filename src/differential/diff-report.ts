import type { OperationId } from '../domain/operations';
import { diffResponses, type Difference } from './diff-responses';
import type { IgnoreEntry } from './ignore-file';
import type { RunOutcome, SideAnswer } from './run-differential';

export const REPORT_FORMAT = 'ld-diff-report/1';

/** One location that differs for one operation, with every step it was seen at and the first one in full. */
export interface ReportedDifference {
  operation: OperationId;
  location: string;
  steps: number[];
  first: { step: number; shape: string; a: unknown; b: unknown; curlA: string; curlB: string };
  /** Set when an ignore entry accepts it. */
  ignoredBecause?: string;
}

export interface DiffReport {
  format: typeof REPORT_FORMAT;
  a: string;
  b: string;
  plan: { seed: number; budget: number; steps: number; file: string | null };
  calibrated: boolean;
  requestsSent: number;
  /** Differences between A and B that A-vs-A did not show: what the release changes. */
  differences: ReportedDifference[];
  /** Differences between A and B that A-vs-A showed too: the targets' own noise. */
  noise: ReportedDifference[];
  /** Differences an ignore entry accepts. */
  ignored: ReportedDifference[];
  /** Ignore entries that matched nothing this run (stale, or the plan did not reach them). */
  unusedIgnores: IgnoreEntry[];
  incomplete: string | null;
  cleanup: string[];
}

export interface ReportInput {
  outcome: RunOutcome;
  a: string;
  b: string;
  plan: { seed: number; budget: number; file: string | null };
  ignores: readonly IgnoreEntry[];
}

/** Groups the per-step differences by operation and location, then sets noise and ignored ones apart. */
export function buildReport(input: ReportInput): DiffReport {
  const found = new Map<string, ReportedDifference>();
  const noiseKeys = new Set<string>();
  for (const step of input.outcome.steps) {
    const { a, b, a2 } = step.answers;
    if (a === undefined || b === undefined) continue;
    if (a2 !== undefined) for (const d of diffResponses(a.response, a2.response)) noiseKeys.add(keyOf(step.operationId, d.location));
    for (const d of diffResponses(a.response, b.response)) addDifference(found, step, d, a, b);
  }
  const differences: ReportedDifference[] = [];
  const noise: ReportedDifference[] = [];
  const ignored: ReportedDifference[] = [];
  const used = new Set<IgnoreEntry>();
  for (const [key, difference] of [...found.entries()].sort(([x], [y]) => x.localeCompare(y))) {
    const entry = input.ignores.find((e) => e.operation === difference.operation && e.location === difference.location);
    if (entry !== undefined) {
      used.add(entry);
      ignored.push({ ...difference, ignoredBecause: entry.reason });
    } else if (noiseKeys.has(key)) noise.push(difference);
    else differences.push(difference);
  }
  return {
    format: REPORT_FORMAT,
    a: input.a,
    b: input.b,
    plan: { ...input.plan, steps: input.outcome.steps.length },
    calibrated: input.outcome.calibrated,
    requestsSent: input.outcome.requestsSent,
    differences,
    noise,
    ignored,
    unusedIgnores: input.ignores.filter((entry) => !used.has(entry)),
    incomplete: input.outcome.incomplete,
    cleanup: input.outcome.cleanup,
  };
}

/**
 * 0: nothing but noise (or accepted differences) differs; 1: something does; 3: a run the targets' answers did not
 * let finish (a hang, 429s past the budget): the environment, as `npm run conformance`'s 3 (README's exit codes) —
 * its differences would be a partial account, and a nightly must not read it as bad input it could fix. Bad input
 * (2) never gets this far: it is refused before a request is sent.
 */
export function exitCodeOf(report: DiffReport): number {
  if (report.incomplete !== null) return 3;
  return report.differences.length > 0 ? 1 : 0;
}

function keyOf(operation: OperationId, location: string): string {
  return `${operation} ${location}`;
}

function addDifference(
  found: Map<string, ReportedDifference>,
  step: { step: number; operationId: OperationId; shape: string },
  d: Difference,
  a: SideAnswer,
  b: SideAnswer,
): void {
  const key = keyOf(step.operationId, d.location);
  const existing = found.get(key);
  if (existing !== undefined) {
    existing.steps.push(step.step);
    return;
  }
  found.set(key, {
    operation: step.operationId,
    location: d.location,
    steps: [step.step],
    first: { step: step.step, shape: step.shape, a: d.a, b: d.b, curlA: a.curl, curlB: b.curl },
  });
}
