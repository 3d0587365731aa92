/**
 * Many nights' summary.json → the history (history-model.ts). Pure: the loader (load-summaries.ts) hands it
 * validated summaries, the tests hand it generated ones. Decisions, each documented in docs/history.md:
 * - a series is one target and one API version: nights are compared only within their series, side by side;
 * - a night is a series' UTC day; summaries of one series and day started within SHARD_WINDOW_MS of each other are
 *   one run's shards and are combined; a later run that day (a rerun) replaces the earlier one;
 * - new / fixed / still failing compare a night with the series' previous night that ran tests (a stopped night —
 *   unreachable, a configuration error — says nothing about the suite's failures);
 * - a day without a night is a gap: the grid shows `no-run`, no comparison spans it silently (comparedWith names the day).
 */
import type { FailureItem, RuleStatusItem, RunSummary } from '../domain/run-summary';
import type { ExploreRun, FlippedTest, GridState, HistoryReport, Night, OperationLatencyPoint, Series } from './history-model';

export interface SummaryInput {
  /** Where the summary came from (a path), for the night's `sources`. */
  source: string;
  summary: RunSummary;
}

export const GRID_NIGHTS = 30;
/** Shards of one run start together; a rerun starts after the first has finished. */
export const SHARD_WINDOW_MS = 30 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const STOPPED: ReadonlySet<string> = new Set(['config-error', 'unreachable', 'setup-failed', 'no-tests']);
/** When shards disagree on a rule, the worse state wins: one shard's failure is the night's failure. */
const STATE_RANK: Record<RuleStatusItem['state'], number> = {
  failed: 5,
  'known-deviation': 4,
  'environment-failure': 3,
  inconclusive: 2,
  passed: 1,
  'not-run': 0,
};

export function buildHistory(inputs: readonly SummaryInput[], options: { now?: Date; skipped?: readonly string[] } = {}): HistoryReport {
  const bySeries = new Map<string, { target: string; apiVersion: string | null; inputs: SummaryInput[] }>();
  for (const input of inputs) {
    const target = describeTarget(input.summary);
    const key = `${target} · API ${input.summary.apiVersion ?? 'unknown'}`;
    const entry = bySeries.get(key) ?? { target, apiVersion: input.summary.apiVersion, inputs: [] };
    entry.inputs.push(input);
    bySeries.set(key, entry);
  }
  const series: Series[] = [...bySeries.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, s]) => ({ key, target: s.target, apiVersion: s.apiVersion, nights: buildNights(s.inputs) }));
  const allDays = series.flatMap((s) => s.nights.map((n) => n.day)).sort();
  const days = allDays.length ? dayRange(allDays[0] ?? '', allDays[allDays.length - 1] ?? '') : [];
  return {
    historyVersion: 1,
    generatedAt: (options.now ?? new Date()).toISOString(),
    days,
    gridDays: days.slice(-GRID_NIGHTS),
    rules: ruleCatalogue(inputs),
    operations: [...new Set(series.flatMap((s) => s.nights.flatMap((n) => Object.keys(n.latency))))],
    series,
    flipped: series.flatMap(flippedTests).sort((a, b) => b.flips - a.flips || a.test.localeCompare(b.test)),
    skipped: [...(options.skipped ?? [])],
  };
}

/** The grid cell of a rule on a day: the night's state, or `no-run` when the series has no night that day. */
export function gridState(series: Series, day: string, ruleId: string): GridState {
  const night = nightsByDay(series).get(day);
  return night ? (night.rules[ruleId] ?? 'not-run') : 'no-run';
}

/** One lookup table per series: the page asks for 30 days × every rule (a year's nights made `find` the cost). */
const dayIndex = new WeakMap<Series, Map<string, Night>>();

function nightsByDay(series: Series): Map<string, Night> {
  let index = dayIndex.get(series);
  if (!index) {
    index = new Map(series.nights.map((n) => [n.day, n]));
    dayIndex.set(series, index);
  }
  return index;
}

function describeTarget(summary: RunSummary): string {
  if (!summary.target) return 'target unknown';
  return summary.target.kind === 'embedded' ? 'embedded reference server' : (summary.target.host ?? 'remote');
}

function startOf(summary: RunSummary): number {
  return Date.parse(summary.startedAt ?? summary.generatedAt);
}

function buildNights(inputs: readonly SummaryInput[]): Night[] {
  const byDay = new Map<string, SummaryInput[]>();
  for (const input of [...inputs].sort((a, b) => startOf(a.summary) - startOf(b.summary))) {
    const day = new Date(startOf(input.summary)).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), input]);
  }
  const nights: Night[] = [];
  for (const [day, runs] of [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    // Cluster by start time: shards start within the window of the cluster's first; the last cluster is the night.
    const clusters: SummaryInput[][] = [];
    for (const run of runs) {
      const last = clusters[clusters.length - 1];
      const first = last?.[0];
      if (last && first && startOf(run.summary) - startOf(first.summary) <= SHARD_WINDOW_MS) last.push(run);
      else clusters.push([run]);
    }
    const chosen = clusters[clusters.length - 1] ?? [];
    nights.push(combineNight(day, chosen, clusters.length - 1));
  }
  let previous: Night | undefined;
  for (const night of nights) {
    if (!night.ranTests) continue;
    night.failures = compareFailures(night, previous);
    previous = night;
  }
  return nights;
}

/** Each night keeps its failure keys while the nights are built; the comparison then replaces them. */
const failureKeys = new WeakMap<Night, Set<string>>();

function combineNight(day: string, shards: readonly SummaryInput[], replacedRuns: number): Night {
  const summaries = shards.map((s) => s.summary);
  const last = summaries[summaries.length - 1];
  if (!last) throw new Error(`no summary for ${day}`);
  const ranTests = summaries.some((s) => !STOPPED.has(s.status));
  const rules: Record<string, RuleStatusItem['state']> = {};
  for (const s of summaries) {
    for (const r of s.rules) {
      const had = rules[r.id];
      if (had === undefined || STATE_RANK[r.state] > STATE_RANK[had]) rules[r.id] = r.state;
    }
  }
  const keys = new Set(summaries.flatMap((s) => s.failures.map(failureKey)));
  const sum = (pick: (s: RunSummary) => number): number => summaries.reduce((total, s) => total + pick(s), 0);
  const durations = summaries.map((s) => s.durationMs).filter((d): d is number => d !== null);
  const night: Night = {
    day,
    startedAt: summaries[0]?.startedAt ?? null,
    generatedAt: last.generatedAt,
    status: worstStatus(summaries.map((s) => s.status)),
    ranTests,
    // Shards run side by side: the night took as long as its longest shard.
    durationMs: durations.length ? Math.max(...durations) : null,
    requests: sum((s) => s.requests),
    tests: {
      total: sum((s) => s.tests.total),
      passed: sum((s) => s.tests.passed),
      failed: sum((s) => s.tests.failed),
      flaky: sum((s) => s.tests.flaky),
      skipped: sum((s) => s.tests.skipped),
      knownDeviations: sum((s) => s.tests.knownDeviations),
    },
    rules,
    failures: { new: [], fixed: [], stillFailing: [], comparedWith: null },
    latency: latencyOf(summaries),
    explore: exploreOf(summaries),
    expectations: {
      file: last.knownDeviations.file,
      entries: last.knownDeviations.entries ?? null,
      matched: last.knownDeviations.matched.length,
      unmatched: last.knownDeviations.unmatched.map((d) => ({ test: d.test, reason: d.reason })),
      expired: last.knownDeviations.expired.map((d) =>
        d.expires ? { test: d.test, reason: d.reason, expires: d.expires } : { test: d.test, reason: d.reason },
      ),
      todo: last.knownDeviations.todo.length,
    },
    sources: shards.map((s) => s.source),
    replacedRuns,
  };
  failureKeys.set(night, keys);
  return night;
}

export function failureKey(failure: Pick<FailureItem, 'test' | 'signature'>): string {
  const s = failure.signature;
  const parts = [s.check ?? s.rule ?? '?', s.operation ?? '', s.status === undefined ? '' : String(s.status)].filter((p) => p !== '');
  return `${failure.test} — ${parts.join(' ')}`;
}

function compareFailures(night: Night, previous: Night | undefined): Night['failures'] {
  const now = failureKeys.get(night) ?? new Set<string>();
  if (!previous) return { new: [...now].sort(), fixed: [], stillFailing: [], comparedWith: null };
  const before = failureKeys.get(previous) ?? new Set<string>();
  return {
    new: [...now].filter((k) => !before.has(k)).sort(),
    fixed: [...before].filter((k) => !now.has(k)).sort(),
    stillFailing: [...now].filter((k) => before.has(k)).sort(),
    comparedWith: previous.day,
  };
}

const STATUS_RANK = ['passed', 'no-tests', 'failed', 'timedout', 'interrupted', 'setup-failed', 'unreachable', 'config-error'];

function worstStatus(statuses: readonly RunSummary['status'][]): RunSummary['status'] {
  return [...statuses].sort((a, b) => STATUS_RANK.indexOf(b) - STATUS_RANK.indexOf(a))[0] ?? 'no-tests';
}

/**
 * summary.json's `latency` is coverage.json's latency report copied as it is (src/coverage/latency.ts); read
 * defensively, since the schema leaves it open. Shards: the p50/p95 of the shard with the most responses per
 * operation (percentiles do not combine; a merged nightly summary already has them over every shard).
 */
function latencyOf(summaries: readonly RunSummary[]): Record<string, OperationLatencyPoint> {
  const out: Record<string, OperationLatencyPoint> = {};
  for (const s of summaries) {
    const latency = s.latency;
    if (!isRecord(latency) || !Array.isArray(latency.operations)) continue;
    for (const op of latency.operations) {
      if (!isRecord(op) || typeof op.operationId !== 'string') continue;
      const point = { p50Ms: numberOrNull(op.p50Ms), p95Ms: numberOrNull(op.p95Ms), count: typeof op.count === 'number' ? op.count : 0 };
      const had = out[op.operationId];
      if (!had || point.count > had.count) out[op.operationId] = point;
    }
  }
  return out;
}

const EXPLORE_TEST = /@explore\b/;

function exploreOf(summaries: readonly RunSummary[]): ExploreRun | null {
  const ran = summaries.find((s) => s.explore !== null);
  if (!ran?.explore) return null;
  const { seed, budget } = ran.explore;
  const failed = ran.failures.some((f) => EXPLORE_TEST.test(f.test));
  const gaveUp = inconclusiveTitles(ran).some((t) => EXPLORE_TEST.test(t));
  return {
    seed,
    budget,
    outcome: failed ? 'failed' : gaveUp ? 'inconclusive' : 'passed',
    replay: `LD_EXPLORE_SEED=${seed} LD_EXPLORE_REQUESTS=${budget} npx playwright test --grep @explore`,
  };
}

function inconclusiveTitles(summary: RunSummary): string[] {
  const inconclusive = summary.inconclusive;
  if (!isRecord(inconclusive) || !Array.isArray(inconclusive.entries)) return [];
  return inconclusive.entries.flatMap((e) => (isRecord(e) && typeof e.title === 'string' ? [e.title] : []));
}

function flippedTests(series: Series): FlippedTest[] {
  const ran = series.nights.filter((n) => n.ranTests);
  const failedOn = ran.map((n) => new Set([...n.failures.new, ...n.failures.stillFailing].map(testOfKey)));
  const tests = new Set(failedOn.flatMap((set) => [...set]));
  const flipped: FlippedTest[] = [];
  for (const test of tests) {
    const timeline = failedOn.map((set) => (set.has(test) ? 'F' : '.')).join('');
    let flips = 0;
    let lastDay = '';
    for (let i = 1; i < timeline.length; i++) {
      if (timeline[i] !== timeline[i - 1]) {
        flips++;
        lastDay = ran[i]?.day ?? lastDay;
      }
    }
    if (flips > 0) flipped.push({ series: series.key, test, flips, timeline, lastDay });
  }
  return flipped;
}

function testOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf(' — '));
}

function ruleCatalogue(inputs: readonly SummaryInput[]): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const { summary } of inputs) for (const r of summary.rules) if (!seen.has(r.id)) seen.set(r.id, r.title);
  return [...seen.entries()].map(([id, title]) => ({ id, title }));
}

function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
