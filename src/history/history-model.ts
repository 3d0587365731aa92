/**
 * The shape of reports/history/history.json: the nightly over time, built from many nights' summary.json
 * (docs/history.md). The HTML page (render-history-html.ts) shows exactly this data; a reader of the JSON gets the
 * same numbers the page draws.
 */
import type { RuleStatusItem, RunStatus } from '../domain/run-summary';

/** A rule's state in one night's column; `no-run` when the series has no night that day (a gap). */
export type GridState = RuleStatusItem['state'] | 'no-run';

/** How a failed test changed since the series' previous night that ran tests. */
export interface FailureChanges {
  /** Failures (test + signature) this night has and the previous one had not. */
  new: string[];
  /** Failures the previous night had and this one has not. */
  fixed: string[];
  stillFailing: string[];
  /** The night compared with (its day); null on the series' first night that ran tests. */
  comparedWith: string | null;
}

export interface OperationLatencyPoint {
  p50Ms: number | null;
  p95Ms: number | null;
  count: number;
}

export interface ExploreRun {
  seed: number;
  budget: number;
  outcome: 'passed' | 'failed' | 'inconclusive';
  /** The command that replays the night's explore run locally (docs/explore.md). */
  replay: string;
}

export interface ExpectationsState {
  file: string | null;
  /** Entries in the file (summary.json `knownDeviations.entries`); null in summaries written before it was recorded. */
  entries: number | null;
  matched: number;
  unmatched: { test: string; reason: string }[];
  expired: { test: string; reason: string; expires?: string }[];
  todo: number;
}

/** One night of one series: one run, or the combined shard summaries of one run. */
export interface Night {
  /** UTC day, YYYY-MM-DD, of the run's start (or of its summary when the start is unknown). */
  day: string;
  startedAt: string | null;
  generatedAt: string;
  status: RunStatus;
  /** Whether tests ran (a stopped run — configuration error, unreachable target — is no comparison point). */
  ranTests: boolean;
  durationMs: number | null;
  requests: number;
  tests: { total: number; passed: number; failed: number; flaky: number; skipped: number; knownDeviations: number };
  rules: Record<string, RuleStatusItem['state']>;
  failures: FailureChanges;
  latency: Record<string, OperationLatencyPoint>;
  explore: ExploreRun | null;
  expectations: ExpectationsState;
  /** The summaries combined into this night (more than one: a sharded run's shard summaries). */
  sources: string[];
  /** Earlier runs of the same series that day, replaced by this later one (a rerun). */
  replacedRuns: number;
}

/** A test whose outcome changed between nights that ran tests. */
export interface FlippedTest {
  series: string;
  test: string;
  /** Changes failed → not failed or back. */
  flips: number;
  /** Per night that ran tests, oldest first: `F` failed, `.` not failed. */
  timeline: string;
  lastDay: string;
}

/** The nights of one target and API version: runs are compared only within a series. */
export interface Series {
  key: string;
  target: string;
  apiVersion: string | null;
  nights: Night[];
}

export interface HistoryReport {
  historyVersion: 1;
  generatedAt: string;
  /** Every day from the first night to the last (a missing night is a day no series has). */
  days: string[];
  /** The grid's days: the last 30 of `days`. */
  gridDays: string[];
  /** Every rule id any night knew, in catalogue order as the nights list them. */
  rules: { id: string; title: string }[];
  operations: string[];
  series: Series[];
  flipped: FlippedTest[];
  /** Inputs skipped, one line each (a corrupt or foreign file). */
  skipped: string[];
}
