import type { LatencyThresholds } from '../config/suite-config';
import type { AuthzCellRecord } from '../domain/authz-matrix';
import { ENVIRONMENT_MARKER } from '../domain/failure-kinds';
import type { TestFailure } from '../expectations/failure-signature';
import type { SpecDriftReport } from '../spec/spec-drift';
import type { OutsideVerdict, OutsideVerdicts } from '../domain/outside-verdict';
import { OPERATION_IDS, type OperationId } from '../domain/operations';
import { summariseLatency, type LatencyReport } from './latency';
import { ruleOfInconclusive, type ContractObservation } from '../domain/observations';
import type { LeniencyObservation } from '../domain/leniencies';
import { isKnownRuleId, RULES } from '../domain/rules';
import { rulesJudgedBy } from '../domain/failure-rules';
import { findUnreachableReason } from './unreachable';
import type { DocumentedStatuses } from './documented-statuses';
import type { ExploreRunItem, RuleStatusItem, TestCounts } from '../domain/run-summary';

/**
 * The coverage matrix as plain data, built only from what a run observed. Pure: the reporter turns
 * Playwright's TestCase objects into TestRecords, everything else happens here, so unit tests can
 * feed synthetic runs.
 */

/** `known-deviation`: failed, but every failure matches an entry of LD_EXPECTATIONS (src/expectations/). */
export type TestStatus = 'passed' | 'failed' | 'flaky' | 'skipped' | 'known-deviation';

export interface TestRecord {
  /** Stable id of the test (Playwright's test id), so shards and reruns line up. */
  id: string;
  /** Human title: "file › describe › test". */
  title: string;
  status: TestStatus;
  /** Failed (or flaky) because the environment failed (error message or annotation), not the contract. */
  environmentFailure: boolean;
  /** First line of the first error, for the failure list. */
  errorSummary?: string;
  rules: string[];
  observations: ContractObservation[];
  /** The failure signatures the fixtures recorded (attachment `failure-signatures`); empty when it passed. */
  failures?: TestFailure[];
  /** Why the test gave up judging (annotations of type `inconclusive`); empty when it judged everything. */
  inconclusive?: string[];
  /** Explore: answers accepted where no rule decides (attachment `explore-leniencies`); absent when none. */
  leniencies?: LeniencyObservation[];
  /** The authorization matrix's cells this test ran (annotations `authz-cell`); absent when none. */
  authzCells?: AuthzCellRecord[];
  /** Explore: the seed and budget it ran with (annotation `explore-seed`); absent in every other test. */
  explore?: ExploreRunItem;
}

/** One answer a target chose where no rule decides, as the run saw it (coverage.json `leniencies`). */
export interface LeniencyEntry extends LeniencyObservation {
  /** Tests that recorded it. */
  tests: string[];
}

/** `known-deviation`: every non-conformant response in the cell came from a known-deviation test. */
export type CellState = 'validated' | 'failed' | 'known-deviation' | 'not-reached';

export interface CoverageCell {
  status: number;
  state: CellState;
  /** Responses seen with this status / how many failed a contract check. */
  observed: number;
  nonConformant: number;
  /** Why a not-reached cell may stay so (from unreachable.ts); absent if the cell is just uncovered. */
  reason?: string;
  failedChecks: string[];
  /** Tests that saw the status (capped for size). */
  tests: string[];
}

export interface UndocumentedCell {
  status: number;
  observed: number;
  tests: string[];
}

export interface OperationCoverage {
  operationId: OperationId;
  cells: CoverageCell[];
  undocumented: UndocumentedCell[];
}

/** Defined with summary.json's types (src/domain/run-summary.ts), which carry every rule's state too. */
export type RuleState = RuleStatusItem['state'];

export interface RuleCoverage {
  id: string;
  title: string;
  state: RuleState;
  tests: { title: string; status: TestStatus; environmentFailure: boolean; inconclusive: boolean }[];
  /** H1/H2: the end-of-run verdict judged from the outside, part of the rule's state (outside-rules.ts). */
  outside?: OutsideVerdict;
  /** H1/H2: the state from the in-run tests alone, before the outside verdict was folded in. */
  inRunState?: RuleState;
}

/** The run's give-ups, one entry per test that recorded any (the CoverageReport's `inconclusive` field). */
export interface InconclusiveReport {
  /** Tests that recorded at least one inconclusive outcome. */
  tests: number;
  entries: { title: string; rules: string[]; reasons: string[] }[];
}

export interface FailureEntry {
  /** A test's title, or `target latency: <operationId>` for a latency breach (not a test). */
  title: string;
  kind: 'contract' | 'environment';
  message: string;
}

export interface CoverageSummary {
  tests: TestCounts;
  contractFailures: number;
  /** Tests stopped by the environment plus latency breaches (one per operation over LD_LATENCY_P95_MS). */
  environmentFailures: number;
  latencyBreaches: number;
  observations: number;
  nonConformantObservations: number;
  undocumentedObservations: number;
  documentedCells: number;
  validatedCells: number;
  failedCells: number;
  knownDeviationCells: number;
  notReachedCells: number;
  /** Rules some test passed or failed on; a rule whose tests all hit environment failures is not checked. */
  rulesChecked: number;
  rulesEnvironmentOnly: number;
  /** Rules whose tests all ran but gave up judging: not passed, not failed. */
  rulesInconclusive: number;
  /** Tests that recorded an inconclusive outcome (they may still have passed). */
  inconclusiveTests: number;
  rulesTotal: number;
}

export interface CoverageReport {
  generatedAt: string;
  /**
   * The `LD-API-Version` every request of the run carried (LD_API_VERSION), since what getTokens answers depends on
   * it; null when not given (unit tests feeding synthetic runs).
   */
  apiVersion: string | null;
  summary: CoverageSummary;
  operations: OperationCoverage[];
  rules: RuleCoverage[];
  /** Rule ids named by tests that are not in src/domain/rules.ts: a typo in a test, shown so it gets fixed. */
  unknownRuleIds: string[];
  failures: FailureEntry[];
  /** Every place a test gave up judging, with its reason: a green run with entries here is not fully judged. */
  inconclusive: InconclusiveReport;
  /**
   * Where the target answered something no rule decides and the run accepted it (explore's open rows,
   * docs/leniency.md): what was sent, what was answered, which row allowed it, by rule. Neither passed nor failed.
   */
  leniencies: LeniencyEntry[];
  /** The authorization matrix's cells as they ran (identity × operation × target); empty when the matrix did not run. */
  authz?: AuthzCellRecord[];
  /** Unreadable observation attachments and similar: the matrix may be incomplete when non-empty. */
  problems: string[];
  /** The target's latency per operation (every judged response), judged against LD_LATENCY_P95_MS. */
  latency: LatencyReport;
  /**
   * LD_SPEC_DRIFT=1: how the spec the target serves differs from the vendored one (six operations).
   * A warning only: it never counts as a failure. null when the check was off.
   */
  specDrift: SpecDriftReport | null;
  /**
   * H1 and H2 judged from the outside at the end of the run (src/hygiene/outside-verdict.ts); null when the
   * run had no end-of-run judgement (e.g. unit tests feeding synthetic runs).
   */
  outside: OutsideVerdicts | null;
}

export interface BuildCoverageOptions {
  now?: Date;
  /** LD_API_VERSION, already validated; absent = null in the report. */
  apiVersion?: string | null;
  /** LD_LATENCY_P95_MS, already validated; null or absent = latency is reported, never judged. */
  latencyThresholds?: LatencyThresholds | null;
  /** The drift check's result (global setup writes it, the reporter reads it); absent = off. */
  specDrift?: SpecDriftReport | null;
}

const MAX_TESTS_PER_CELL = 20;
const MAX_CHECKS_PER_CELL = 10;

export function buildCoverage(
  tests: readonly TestRecord[],
  documented: DocumentedStatuses,
  options: BuildCoverageOptions = {},
): CoverageReport {
  const operations = OPERATION_IDS.map((op) => buildOperationRow(op, documented[op], tests));
  const rules = buildRuleRows(tests);
  const unknownRuleIds = [...new Set(tests.flatMap((t) => t.rules))].filter((id) => !isKnownRuleId(id)).sort();
  const failures = tests
    .filter((t) => t.status === 'failed')
    .map<FailureEntry>((t) => ({
      title: t.title,
      kind: t.environmentFailure ? 'environment' : 'contract',
      message: t.errorSummary ?? '',
    }));
  const latency = summariseLatency(
    tests.flatMap((t) => t.observations),
    options.latencyThresholds ?? null,
  );
  // A slow target fails the run as the environment's fault: the contract was still judged in full.
  const latencyFailures = latency.operations
    .filter((o) => o.breached)
    .map<FailureEntry>((o, i) => ({
      title: `target latency: ${o.operationId}`,
      kind: 'environment',
      message: `${ENVIRONMENT_MARKER} ${latency.breaches[i] ?? ''}`,
    }));
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    apiVersion: options.apiVersion ?? null,
    summary: summarise(tests, operations, rules, latencyFailures.length),
    operations,
    rules,
    unknownRuleIds,
    failures: [...failures, ...latencyFailures],
    inconclusive: buildInconclusive(tests),
    leniencies: buildLeniencies(tests),
    authz: tests.flatMap((t) => t.authzCells ?? []),
    problems: [],
    latency,
    specDrift: options.specDrift ?? null,
    outside: null,
  };
}

function buildOperationRow(op: OperationId, statuses: readonly number[], tests: readonly TestRecord[]): OperationCoverage {
  const seen = tests.flatMap((t) =>
    t.observations
      .filter((o) => o.operationId === op)
      .map((o) => ({ observation: o, test: t.title, known: t.status === 'known-deviation' })),
  );
  const documentedSet = new Set(statuses);
  const cells = statuses.map<CoverageCell>((status) => {
    const hits = seen.filter((s) => s.observation.status === status);
    const bad = hits.filter((s) => !s.observation.conformant);
    const state: CellState =
      hits.length === 0 ? 'not-reached' : bad.length === 0 ? 'validated' : bad.every((s) => s.known) ? 'known-deviation' : 'failed';
    const cell: CoverageCell = {
      status,
      state,
      observed: hits.length,
      nonConformant: bad.length,
      failedChecks: unique(bad.flatMap((s) => s.observation.failedChecks)).slice(0, MAX_CHECKS_PER_CELL),
      tests: unique(hits.map((s) => s.test)).slice(0, MAX_TESTS_PER_CELL),
    };
    const reason = state === 'not-reached' ? findUnreachableReason(op, status) : undefined;
    if (reason) cell.reason = reason;
    return cell;
  });
  const undocumentedStatuses = unique(seen.map((s) => s.observation.status).filter((s) => !documentedSet.has(s)));
  const undocumented = undocumentedStatuses
    .sort((a, b) => a - b)
    .map<UndocumentedCell>((status) => {
      const hits = seen.filter((s) => s.observation.status === status);
      return { status, observed: hits.length, tests: unique(hits.map((s) => s.test)).slice(0, MAX_TESTS_PER_CELL) };
    });
  return { operationId: op, cells, undocumented };
}

/**
 * Whether a test gave up judging `ruleId`. formatInconclusive writes "<rule>: <reason>", so a give-up names its
 * rule: the authorization matrix gives up on B6's writes without LD_OTHER_MEMBER_TOKEN yet judges B4 and B5 in
 * full. A reason that names no known rule counts against every rule of the test, as before.
 */
function gaveUpOn(test: TestRecord, ruleId: string): boolean {
  return (test.inconclusive ?? []).some((reason) => {
    const named = ruleOfInconclusive(reason);
    return named === null || named === ruleId;
  });
}

function buildRuleRows(tests: readonly TestRecord[]): RuleCoverage[] {
  const judged = new Map(tests.map((t) => [t, rulesFailedBy(t)]));
  return RULES.map((rule) => {
    const checking = tests.filter((t) => t.rules.includes(rule.id) || (judged.get(t)?.includes(rule.id) ?? false));
    const ran = checking.filter((t) => t.status !== 'skipped');
    // One failure, one rule (issue 24.1): a failed test marks the rules its failures judged, not every rule it names.
    const failsRule = (t: TestRecord): boolean => judged.get(t)?.includes(rule.id) ?? false;
    const contractFailed = ran.some((t) => t.status === 'failed' && !t.environmentFailure && failsRule(t));
    const envFailed = ran.some((t) => t.status === 'failed' && t.environmentFailure);
    const succeeded = ran.filter((t) => t.status === 'passed' || t.status === 'flaky');
    // A test that passed but gave up judging counts for no rule it gave up on: "passed" needs a test that judged it.
    const passed = succeeded.some((t) => !gaveUpOn(t, rule.id));
    // A test that failed on another rule stopped before it judged this one: it judged nothing here either.
    const stoppedEarly = ran.some((t) => t.status === 'failed' && !t.environmentFailure && !failsRule(t));
    const inconclusive = (succeeded.length > 0 || stoppedEarly) && !passed;
    const known = ran.some((t) => t.status === 'known-deviation' && failsRule(t));
    // A contract failure outranks everything, then an accepted deviation; a rule whose only failures are
    // environmental is not "failed", and not "passed" unless some other test did pass it.
    const state: RuleState = contractFailed
      ? 'failed'
      : known
        ? 'known-deviation'
        : passed
          ? 'passed'
          : inconclusive
            ? 'inconclusive'
            : envFailed
              ? 'environment-failure'
              : 'not-run';
    return {
      id: rule.id,
      title: rule.title,
      state,
      tests: checking.map((t) => ({
        title: t.title,
        status: t.status,
        environmentFailure: t.environmentFailure,
        inconclusive: gaveUpOn(t, rule.id),
      })),
    };
  });
}

/**
 * The rules a failed or known-deviation test's failures judged (src/domain/failure-rules.ts). A test with no
 * recorded signature (its worker died) falls back to every rule it names: nothing says which one broke.
 */
function rulesFailedBy(test: TestRecord): string[] {
  if (test.status !== 'failed' && test.status !== 'known-deviation') return [];
  const failures = test.failures ?? [];
  if (failures.length === 0) return test.rules;
  return [...new Set(failures.flatMap((failure) => rulesJudgedBy(failure)))];
}

export function summarise(
  tests: readonly TestRecord[],
  operations: readonly OperationCoverage[],
  rules: readonly RuleCoverage[],
  latencyBreaches: number,
): CoverageSummary {
  const count = (status: TestStatus): number => tests.filter((t) => t.status === status).length;
  const failed = tests.filter((t) => t.status === 'failed');
  const observations = tests.flatMap((t) => t.observations);
  const cells = operations.flatMap((o) => o.cells);
  return {
    tests: {
      total: tests.length,
      passed: count('passed'),
      failed: count('failed'),
      flaky: count('flaky'),
      skipped: count('skipped'),
      knownDeviations: count('known-deviation'),
    },
    contractFailures: failed.filter((t) => !t.environmentFailure).length,
    environmentFailures: failed.filter((t) => t.environmentFailure).length + latencyBreaches,
    latencyBreaches,
    observations: observations.length,
    nonConformantObservations: observations.filter((o) => !o.conformant).length,
    undocumentedObservations: operations.reduce((n, o) => n + o.undocumented.reduce((m, u) => m + u.observed, 0), 0),
    documentedCells: cells.length,
    validatedCells: cells.filter((c) => c.state === 'validated').length,
    failedCells: cells.filter((c) => c.state === 'failed').length,
    knownDeviationCells: cells.filter((c) => c.state === 'known-deviation').length,
    notReachedCells: cells.filter((c) => c.state === 'not-reached').length,
    // A known deviation was checked too: the answer was a deviation the team accepted.
    rulesChecked: rules.filter((r) => r.state === 'passed' || r.state === 'failed' || r.state === 'known-deviation').length,
    rulesEnvironmentOnly: rules.filter((r) => r.state === 'environment-failure').length,
    rulesInconclusive: rules.filter((r) => r.state === 'inconclusive').length,
    inconclusiveTests: tests.filter((t) => (t.inconclusive?.length ?? 0) > 0).length,
    rulesTotal: rules.length,
  };
}

/** Every test's leniencies, one entry per row and answer (counts summed), in rule order. */
function buildLeniencies(tests: readonly TestRecord[]): LeniencyEntry[] {
  const entries: LeniencyEntry[] = [];
  for (const t of tests) {
    for (const l of t.leniencies ?? []) {
      const same = entries.find((e) => e.row === l.row && e.accepted === l.accepted);
      if (same) {
        same.count += l.count;
        if (!same.tests.includes(t.title)) same.tests.push(t.title);
      } else entries.push({ ...l, example: { ...l.example }, tests: [t.title] });
    }
  }
  const order = (rule: string): number => RULES.findIndex((r) => r.id === rule);
  return entries.sort((a, b) => order(a.rule) - order(b.rule) || a.row.localeCompare(b.row) || a.accepted.localeCompare(b.accepted));
}

function buildInconclusive(tests: readonly TestRecord[]): InconclusiveReport {
  const entries = tests
    .filter((t) => (t.inconclusive?.length ?? 0) > 0)
    .map((t) => ({ title: t.title, rules: t.rules, reasons: t.inconclusive ?? [] }));
  return { tests: entries.length, entries };
}

/** The part of a report two runs of the same tests must agree on (used by the sharding test). */
export function extractCellStates(report: CoverageReport): Record<string, string> {
  const states: Record<string, string> = {};
  for (const op of report.operations) {
    for (const cell of op.cells) states[`${op.operationId} ${cell.status}`] = cell.state;
    for (const u of op.undocumented) states[`${op.operationId} ${u.status}`] = 'undocumented';
  }
  for (const rule of report.rules) states[`rule ${rule.id}`] = rule.state;
  return states;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
