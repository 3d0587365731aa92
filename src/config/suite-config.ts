import type { OperationId } from '../domain/operations';

/**
 * LD_LATENCY_P95_MS: the highest acceptable p95 latency of the target, in ms, for every operation
 * (`all`) and/or per operation. A breach is an environment failure of the run, never a contract failure.
 */
export interface LatencyThresholds {
  all: number | null;
  perOperation: Partial<Record<OperationId, number>>;
}

/** The suite's resolved configuration, as produced by `loadConfig` (see `.env.example` for the variables). */
export interface SuiteConfig {
  /** Origin of the target, no trailing slash, e.g. `https://staging.example.com`. */
  baseUrl: string;
  /** The raw access token sent in `Authorization` (no scheme word). A secret: never print it. */
  accessToken: string;
  /**
   * The admin token of ANOTHER member (LD_OTHER_MEMBER_TOKEN; on the embedded target LD_EMBEDDED_OTHER_MEMBER_TOKEN,
   * the reference server's second member), or null when not given. A secret like accessToken: never print it.
   * The authorization matrix creates (and deletes) its own token with it, as "another member's token" (B6).
   */
  otherMemberToken?: string | null;
  /** `remote` when LD_BASE_URL is set, otherwise the embedded reference server. */
  target: 'embedded' | 'remote';
  /** LD_API_VERSION: the `LD-API-Version` header on every request the suite sends (default 20240415). */
  apiVersion: string;
  runId: string;
  runPrefix: string;
  /** `${runPrefix}-${runId}`: every token this run creates is named `${tokenNamePrefix}-…`. */
  tokenNamePrefix: string;
  requestTimeoutMs: number;
  /** Pacing for THIS process (LD_MAX_RPS divided by the worker count); null = no pacing. */
  maxRps: number | null;
  /** LD_MAX_RPS as configured, for the whole run; null = no pacing. */
  maxRpsTotal: number | null;
  /** Worker count the pacing share was computed with (LD_WORKERS, default 2). */
  workers: number;
  /** Total time one test (one client and its derived clients) may spend waiting on 429s. */
  rateLimitBudgetMs: number;
  /**
   * The whole run's time bound (LD_RUN_TIMEOUT_MS), as the moment global set-up fixed for it (LD_RUN_DEADLINE,
   * epoch ms, handed to the workers): past it the client sends nothing more. Null: no bound, or a process that
   * must finish its work whatever the time (global teardown's sweep, npm run cleanup).
   */
  runDeadline: RunDeadline | null;
  strict: boolean;
  /** LD_SPEC_DRIFT: compare the spec the target serves with the vendored one (a warning, never a failure). */
  specDrift: boolean;
  allowProduction: boolean;
  /** The target is a LaunchDarkly production host (see production-guard.ts). */
  productionHost: boolean;
  /** Absolute path of LD_REPORTS_DIR (default `reports`). */
  reportsDir: string;
  /**
   * LD_SECRET_STORE, set by global setup (never by a person): the run's secret store outside reports/, where
   * workers record every issued or reset secret for the end-of-run H2 scan (src/secrets/secret-store.ts).
   * null outside a run (scripts, unit tests).
   */
  secretStoreDir?: string | null;
  /** LD_LATENCY_P95_MS; null = latency is reported but never judged. */
  latencyP95Ms: LatencyThresholds | null;
  /** LD_EXPECTATIONS: the known-deviations file, as given; null when unset (loaded at the edges: load-run-comparison.ts). */
  expectationsFile?: string | null;
  /** LD_EXPECTATIONS_STRICT=1: an entry that matched nothing, or whose reason is still the TODO placeholder, fails the run. */
  expectationsStrict?: boolean;
  /** LD_BASELINE: absolute path of an earlier run's reports directory (holding summary.json, loaded at the edges); null when unset. */
  baselineDir?: string | null;
  /**
   * LD_HOSTILE_INPUTS (default 1): the hostile-input campaign (near-miss credentials, control characters, ill-formed
   * Unicode, charset variants: tests/access-tokens/hostile-inputs.spec.ts); 0 skips it, saying so.
   */
  hostileInputs: boolean;
  /** Requests explore may send (LD_EXPLORE_REQUESTS, default 150); 0 turns explore off. */
  exploreRequests: number;
  /** Explore's fast-check seed (LD_EXPLORE_SEED); null = a fresh one, printed. */
  exploreSeed: number | null;
  /**
   * LD_CONCURRENCY: clients the @concurrency scenarios run side by side (default 4 against the embedded server, 2
   * against a remote one); 0 skips them, saying so.
   */
  concurrency: number;
  /** LD_CONCURRENCY_REQUESTS: the most requests one @concurrency scenario sends, clean-up included (default 40 embedded, 24 remote). */
  concurrencyRequests: number;
}

export interface RunDeadline {
  /** Epoch ms after which no request is sent. */
  at: number;
  /** LD_RUN_TIMEOUT_MS, for the message. */
  boundMs: number;
}
