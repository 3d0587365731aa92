/**
 * Synthetic nights for the history's tests: summary.json documents of the shape real runs write (each test
 * validates them against report-schemas/summary.schema.json before use), with the knobs the aggregation cares
 * about — which tests fail, rule states, latency, explore, expectations, target and API version.
 */
import { SUMMARY_SCHEMA_VERSION } from '../../../src/coverage/run-summary';
import { OPERATION_IDS } from '../../../src/domain/operations';
import { RULES } from '../../../src/domain/rules';
import type { FailureItem, RuleStatusItem, RunSummary } from '../../../src/domain/run-summary';

export interface NightSpec {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Minutes after 03:17 UTC the run started (shards: the same night, a few minutes apart). */
  minute?: number;
  /** Tests failing that night (one contract failure each, on A2 of getTokens 200). */
  failing?: string[];
  status?: RunSummary['status'];
  rules?: Partial<Record<string, RuleStatusItem['state']>>;
  host?: string | null;
  apiVersion?: string;
  p95Ms?: number;
  explore?: { seed: number; budget: number } | null;
  requests?: number;
}

export function failureOf(test: string): FailureItem {
  return {
    test,
    kind: 'contract',
    signature: { check: 'status_code_conformance', operation: 'getTokens', status: 200 },
    message: 'status 418 is not documented',
    known: false,
  };
}

export function makeSummary(spec: NightSpec): RunSummary {
  const start = new Date(`${spec.day}T03:17:00Z`);
  start.setUTCMinutes(start.getUTCMinutes() + (spec.minute ?? 0));
  const failing = spec.failing ?? [];
  const status = spec.status ?? (failing.length ? 'failed' : 'passed');
  const stopped = ['config-error', 'unreachable', 'setup-failed', 'no-tests'].includes(status);
  const durationMs = 600_000 + (Number(spec.day.slice(8, 10)) % 7) * 10_000;
  const p95 = spec.p95Ms ?? 120;
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt: new Date(start.getTime() + durationMs).toISOString(),
    startedAt: start.toISOString(),
    durationMs,
    target:
      spec.host === undefined
        ? { kind: 'remote', host: 'staging.example.com' }
        : spec.host === null
          ? { kind: 'embedded', host: null }
          : { kind: 'remote', host: spec.host },
    requests: stopped ? 0 : (spec.requests ?? 1400),
    rules: RULES.map((r) => ({ id: r.id, title: r.title, state: stopped ? 'not-run' : (spec.rules?.[r.id] ?? 'passed') })),
    explore: stopped
      ? null
      : spec.explore === undefined
        ? { seed: Number(spec.day.replace(/-/g, '')) % 100_000, budget: 1000 }
        : spec.explore,
    apiVersion: spec.apiVersion ?? '20240415',
    status,
    tests: {
      total: stopped ? 0 : 71,
      passed: stopped ? 0 : 71 - failing.length,
      failed: failing.length,
      flaky: 0,
      skipped: 0,
      knownDeviations: 0,
    },
    contractFailures: failing.length,
    environmentFailures: 0,
    failures: failing.map(failureOf),
    runErrors: stopped ? [{ phase: 'global set-up', kind: 'environment', message: 'cannot reach the target' }] : [],
    undocumentedStatuses: [],
    unreachedCells: [],
    knownDeviations: {
      file: 'expectations/staging.yaml',
      entries: 3,
      strict: false,
      matched: [],
      unmatched: [{ test: 'listing › pages', signature: { operation: 'getTokens', status: 200 }, reason: 'staging pages by 20' }],
      expired: [],
      todo: [],
    },
    latency: stopped
      ? undefined
      : {
          method: 'nearest-rank',
          operations: OPERATION_IDS.map((operationId) => ({
            operationId,
            count: 40,
            p50Ms: p95 / 2,
            p95Ms: p95,
            maxMs: p95 * 2,
            thresholdMs: null,
            breached: false,
          })),
          breaches: [],
        },
  };
}

/**
 * `nights` nights (365: a year of nightlies) ending on `lastDay`, with a missing night (a gap) every 29th day — so they
 * span a little more than a year — a test failing every third night, a failure of the last 40 nights, an unreachable
 * night and a p95 that moves.
 */
export function generateYear(lastDay = '2026-12-07', nights = 365): RunSummary[] {
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  const out: RunSummary[] = [];
  for (let i = 0; out.length < nights; i++) {
    if (i % 29 === 5) continue; // a gap: the nightly did not run
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    const failing = [
      ...(i % 3 === 0 ? ['tokens › flaky list <b>bold</b> & "quoted"'] : []),
      ...(i < 40 ? ['patch › rejects an unknown field'] : []),
    ];
    out.push(
      makeSummary({
        day,
        failing,
        rules: failing.length ? { A2: 'failed', E6: i < 40 ? 'failed' : 'passed' } : {},
        p95Ms: 100 + (i % 50),
        status: i === 100 ? 'unreachable' : undefined,
      }),
    );
  }
  return out.reverse();
}
