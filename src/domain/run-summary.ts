/**
 * The shape of reports/summary.json (documented field by field in docs/summary-json.md): types only, on
 * the bottom floor, because two floors read it — the coverage model builds it (src/coverage/run-summary.ts)
 * and the baseline comparison reads an earlier run's (src/expectations/baseline.ts). With the types here
 * neither imports the other (they used to import each other: expectations ⇄ reporting).
 */
import type { FailureKind, FailureSignature } from './failure-signature';

/** The run's test counts, as coverage.json's summary has them. */
export interface TestCounts {
  total: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
  knownDeviations: number;
}

export interface FailureItem {
  test: string;
  kind: FailureKind;
  signature: FailureSignature;
  message: string;
  /** Covered by a known deviation (LD_EXPECTATIONS). */
  known: boolean;
}

export interface DeviationItem {
  test: string;
  signature: FailureSignature;
  reason: string;
  link?: string;
  expires?: string;
}

/** An entry whose reason is still the placeholder `npm run expectations` writes: nobody has said why it is accepted. */
export interface TodoDeviationItem extends DeviationItem {
  /** Where in the file: "deviations[3]". */
  entry: string;
}

export interface CellItem {
  operation: string;
  status: number;
  /** Tests that saw an undocumented status (absent for unreached cells). */
  tests?: string[];
}

export interface BaselineItem {
  test: string;
  kind: FailureKind;
  signature: FailureSignature;
}

export interface CellKeyItem {
  operation: string;
  status: number;
}

export interface Classified<T> {
  new: T[];
  stillFailing: T[];
  fixed: T[];
}

/** summary.json's `baseline` (LD_BASELINE): this run against an earlier one. */
export interface BaselineComparison extends Classified<BaselineItem> {
  /** The baseline's reports directory, as given. */
  from: string;
  baselineGeneratedAt: string;
  undocumentedStatuses: Classified<CellKeyItem>;
  unreachedCells: Classified<CellKeyItem>;
}

/**
 * Where the run's requests went (summary.json `target`): the kind, and for a remote target its host (hostname[:port])
 * only — never a path, a query, userinfo or a token. The embedded server's host is null: its port is new every run.
 */
export interface RunTarget {
  kind: 'embedded' | 'remote';
  host: string | null;
}

/** One behaviour rule's state in this run (coverage.json's rule table: src/coverage/coverage-model.ts RuleState). */
export interface RuleStatusItem {
  id: string;
  title: string;
  state: 'passed' | 'failed' | 'known-deviation' | 'inconclusive' | 'environment-failure' | 'not-run';
}

/** Explore's seed and request budget, as the run used them (replay: LD_EXPLORE_SEED / LD_EXPLORE_REQUESTS). */
export interface ExploreRunItem {
  seed: number;
  budget: number;
}

/** Every `status` summary.json can hold: Playwright's own four, then a stopped run's (src/domain/run-status.ts). */
export type RunStatus = 'passed' | 'failed' | 'timedout' | 'interrupted' | 'config-error' | 'unreachable' | 'setup-failed' | 'no-tests';

export interface RunSummary {
  /**
   * The format's major version (report-schemas/summary.schema.json, docs/summary-json.md): a reader written for N
   * keeps working on every summary of N; added fields keep it, a removed, renamed or retyped field bumps it.
   */
  schemaVersion: number;
  generatedAt: string;
  /** When the run (or, merged, its earliest shard) started; null when it stopped before Playwright started it. */
  startedAt: string | null;
  /** The run's wall time in ms (Playwright's); null when it stopped before Playwright started it. */
  durationMs: number | null;
  /** Where the requests went; null when this writer could not know (a merge without LD_BASE_URL). */
  target: RunTarget | null;
  /** Responses the run judged (every request of the suite that got an answer, set-up and clean-up included). */
  requests: number;
  /** Every rule of specs/behaviour.md with its state in this run (`not-run` for all in a stopped run). */
  rules: RuleStatusItem[];
  /** Explore's seed and budget; null when explore did not run (skipped, filtered out, a stopped run). */
  explore: ExploreRunItem | null;
  /** The `LD-API-Version` the run's requests carried (LD_API_VERSION); null in synthetic runs. Absent in older summaries. */
  apiVersion: string | null;
  /**
   * The run's verdict as this summary's writer saw it: Playwright's status after known deviations, or, when no test
   * ran, what stopped the run (src/domain/run-status.ts: `config-error`, `unreachable`, `setup-failed`, `no-tests`).
   */
  status: RunStatus;
  tests: TestCounts;
  contractFailures: number;
  environmentFailures: number;
  failures: FailureItem[];
  /** Errors outside any test (global set-up, global teardown), each with its kind; not counted in the test counts. */
  runErrors: RunErrorItem[];
  undocumentedStatuses: CellItem[];
  unreachedCells: CellItem[];
  knownDeviations: {
    file: string | null;
    /**
     * How many entries the file holds (0 without LD_EXPECTATIONS): the history page tracks the file's growth. Added
     * after version 2 was published (an added field keeps the version); absent in older summaries and stopped runs.
     */
    entries?: number;
    strict: boolean;
    matched: DeviationItem[];
    unmatched: DeviationItem[];
    expired: DeviationItem[];
    /** Every entry of the file still with the TODO reason, whether or not its test ran (a warning; fails under strict). */
    todo: TodoDeviationItem[];
  };
  baseline?: BaselineComparison;
  /** Copied as they are from coverage.json when present (issues 14, 15, 17). */
  specDrift?: unknown;
  latency?: unknown;
  inconclusive?: unknown;
  /** H1 and H2 judged from the outside at the end of the run (docs/leniency.md). */
  outside?: unknown;
}

/**
 * An error of the run outside any test (global set-up, global teardown), typed where it was caught: `environment`
 * when the environment stopped it (a rate limit, the network), `run` otherwise (configuration, a leaked token,
 * a target that refused the admin token). summary.json `runErrors`; the suite-run reader types Playwright's
 * global errors by it.
 */
export interface RunErrorItem {
  /** `configuration`: playwright.config.ts refused a variable before anything else ran (exit 2, no reporter ran). */
  phase: 'configuration' | 'global set-up' | 'global teardown';
  kind: 'environment' | 'run';
  message: string;
  /**
   * `configuration`: what the person running the suite must fix is its configuration (a variable, a file it names,
   * the production guard, an admin token the target refused). Makes a stopped run's status `config-error`.
   */
  cause?: 'configuration';
}
