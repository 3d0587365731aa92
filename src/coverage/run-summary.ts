/**
 * reports/summary.json: the one machine-readable summary of a run (or of merged shards), for CI systems
 * that alert on it. Built from the coverage report and the per-test records; pure, so unit tests can feed
 * synthetic runs. Documented field by field in docs/summary-json.md; its types are src/domain/run-summary.ts.
 */
import type { ExpectationEntry } from '../expectations/expectations-file';
import { hasTodoReason, isExpired } from '../expectations/expectations-file';
import { signatureKey } from '../expectations/failure-signature';
import { matchTestFailures } from '../expectations/match';
import type {
  DeviationItem,
  ExploreRunItem,
  FailureItem,
  RuleStatusItem,
  RunErrorItem,
  RunStatus,
  RunSummary,
  RunTarget,
  TodoDeviationItem,
} from '../domain/run-summary';
import { RULES } from '../domain/rules';
import type { CoverageReport, TestRecord } from './coverage-model';

export const SUMMARY_FILE = 'summary.json';
/**
 * summary.json's major version (report-schemas/summary.schema.json's `schemaVersion` const; docs/summary-json.md):
 * 2 since the schema was published with the fields a history of nights needs (rules, explore, run time, requests,
 * target); 1 was the unpublished format before it; 3 since `failures[].kind` may be `explore` (explore's breaking step,
 * an enum value a reader may switch on). An added field keeps it; a removed, renamed or retyped one bumps it.
 */
export const SUMMARY_SCHEMA_VERSION = 3;

/** The run as Playwright and the environment saw it: what the coverage model cannot know. */
export interface RunContext {
  /** Playwright's FullResult startTime / duration; null when the run stopped before Playwright started it. */
  startedAt: Date | null;
  durationMs: number | null;
  target: RunTarget | null;
}

export const UNKNOWN_RUN_CONTEXT: RunContext = { startedAt: null, durationMs: null, target: null };

export interface SummaryInput {
  report: CoverageReport;
  records: readonly TestRecord[];
  status: RunStatus;
  expectations: { file: string; entries: readonly ExpectationEntry[]; strict: boolean } | null;
  /** Global set-up's and teardown's errors, typed where they were caught (src/hygiene/run-errors.ts). */
  runErrors?: readonly RunErrorItem[];
  /** Run time and target (absent: unknown, as in unit tests feeding synthetic runs). */
  run?: RunContext;
  now?: Date;
}

/** Fields of the coverage report other issues add, passed through untouched. */
const PASS_THROUGH = ['specDrift', 'latency', 'inconclusive', 'outside'] as const;

export function buildRunSummary(input: SummaryInput): Omit<RunSummary, 'baseline'> {
  const { report, records, expectations } = input;
  const now = input.now ?? new Date(report.generatedAt);
  const entries = expectations?.entries ?? [];
  const failures: FailureItem[] = [];
  const matchedKeys = new Set<string>();
  const matched: DeviationItem[] = [];
  for (const record of records) {
    const testFailures = record.failures ?? [];
    if (testFailures.length === 0) continue;
    const match = matchTestFailures(record.title, testFailures, entries, now);
    const knownKeys = new Set(match.matched.map((m) => signatureKey(m.failure.signature)));
    for (const failure of testFailures) {
      failures.push({
        test: record.title,
        kind: failure.kind,
        signature: failure.signature,
        message: failure.message,
        known: failure.kind !== 'environment' && knownKeys.has(signatureKey(failure.signature)),
      });
    }
    for (const { entry } of match.matched) {
      const key = entryKey(entry);
      if (matchedKeys.has(key)) continue;
      matchedKeys.add(key);
      matched.push(toDeviationItem(entry));
    }
  }
  // Unmatched: a live entry whose test ran here and did not fail that way. A test outside this run
  // (another shard, a --grep) says nothing about the entry.
  const ran = new Set(records.filter((r) => r.status !== 'skipped').map((r) => r.title));
  const unmatched = entries.filter((e) => !isExpired(e, now) && !matchedKeys.has(entryKey(e)) && ran.has(e.test)).map(toDeviationItem);
  const expired = entries.filter((e) => isExpired(e, now)).map(toDeviationItem);
  // Every entry, not only those of tests that ran: the file is the same in every shard, and a TODO accepted
  // silently once is accepted silently every night after.
  const todo: TodoDeviationItem[] = entries.flatMap((e, index) =>
    hasTodoReason(e) ? [{ ...toDeviationItem(e), entry: `deviations[${index}]` }] : [],
  );

  const run = input.run ?? UNKNOWN_RUN_CONTEXT;
  const summary: Omit<RunSummary, 'baseline'> = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt: report.generatedAt,
    ...runFields(run),
    requests: report.summary.observations,
    rules: report.rules.map((r) => ({ id: r.id, title: r.title, state: r.state })),
    explore: exploreOf(records),
    apiVersion: report.apiVersion,
    status: input.status,
    tests: report.summary.tests,
    contractFailures: report.summary.contractFailures,
    environmentFailures: report.summary.environmentFailures,
    failures,
    runErrors: [...(input.runErrors ?? [])],
    undocumentedStatuses: report.operations.flatMap((op) =>
      op.undocumented.map((u) => ({ operation: op.operationId, status: u.status, tests: u.tests })),
    ),
    unreachedCells: report.operations.flatMap((op) =>
      op.cells.filter((c) => c.state === 'not-reached').map((c) => ({ operation: op.operationId, status: c.status })),
    ),
    knownDeviations: {
      file: expectations?.file ?? null,
      entries: entries.length,
      strict: expectations?.strict ?? false,
      matched,
      unmatched,
      expired,
      todo,
    },
  };
  const extra = report as unknown as Record<string, unknown>;
  for (const field of PASS_THROUGH) if (extra[field] !== undefined) summary[field] = extra[field];
  return summary;
}

function runFields(run: RunContext): Pick<RunSummary, 'startedAt' | 'durationMs' | 'target'> {
  return { startedAt: run.startedAt?.toISOString() ?? null, durationMs: run.durationMs, target: run.target };
}

/** The explore test's seed and budget (one explore test; merged shards: the shard that ran it). */
function exploreOf(records: readonly TestRecord[]): ExploreRunItem | null {
  return records.find((r) => r.explore !== undefined && r.status !== 'skipped')?.explore ?? null;
}

function entryKey(entry: ExpectationEntry): string {
  return `${entry.test}\n${signatureKey(entry.failure)}`;
}

function toDeviationItem(entry: ExpectationEntry): DeviationItem {
  const item: DeviationItem = { test: entry.test, signature: entry.failure, reason: entry.reason };
  if (entry.link) item.link = entry.link;
  if (entry.expires) item.expires = entry.expires;
  return item;
}

export interface StoppedRunInput {
  /** What stopped the run (src/domain/run-status.ts). */
  status: RunStatus;
  runErrors: readonly RunErrorItem[];
  apiVersion: string | null;
  run?: RunContext;
  now?: Date;
}

/**
 * The summary of a run in which no test ran (a configuration error, an unreachable target, nothing matched): zero
 * counts, the errors that stopped it, and its status. Written in place of an earlier run's summary, which must
 * never be read as this run's.
 */
export function buildStoppedSummary(input: StoppedRunInput): RunSummary {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt: (input.now ?? new Date()).toISOString(),
    ...runFields(input.run ?? UNKNOWN_RUN_CONTEXT),
    requests: 0,
    rules: RULES.map<RuleStatusItem>((r) => ({ id: r.id, title: r.title, state: 'not-run' })),
    explore: null,
    apiVersion: input.apiVersion,
    status: input.status,
    tests: { total: 0, passed: 0, failed: 0, flaky: 0, skipped: 0, knownDeviations: 0 },
    contractFailures: 0,
    environmentFailures: 0,
    failures: [],
    runErrors: [...input.runErrors],
    undocumentedStatuses: [],
    unreachedCells: [],
    knownDeviations: { file: null, strict: false, matched: [], unmatched: [], expired: [], todo: [] },
  };
}
