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

export interface RunSummary {
  schemaVersion: number;
  generatedAt: string;
  /** The `LD-API-Version` the run's requests carried (LD_API_VERSION); null in synthetic runs. Absent in older summaries. */
  apiVersion: string | null;
  /**
   * The run's verdict as this summary's writer saw it: Playwright's status after known deviations, or, when no test
   * ran, what stopped the run (src/domain/run-status.ts: `config-error`, `unreachable`, `setup-failed`, `no-tests`).
   */
  status: string;
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
