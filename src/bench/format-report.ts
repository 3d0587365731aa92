/** The bench's console table: plain text, fixed-width columns, every number with its unit. */
import type { BenchResult } from './bench-result';
import { TARGETS } from './targets';

export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ms = (v: number): string => `${v.toFixed(1)} ms`;

/** The slowest test at zero latency: usually one with a deliberate expiry wait, which no floor has. */
function longestTest(durations: Record<string, number>): string[][] {
  const [id, duration] = Object.entries(durations).sort(([, a], [, b]) => b - a)[0] ?? [];
  return id === undefined || duration === undefined
    ? []
    : [[`  slowest test: ${id.length > 70 ? `${id.slice(0, 67)}...` : id}`, s(duration)]];
}

export function formatBenchReport(r: BenchResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Machine: ${m.cores} cores, ${m.cpuModel}, node ${m.node}, ${m.platform}, ${m.totalMemoryMb} MB; load average at start ${m.loadAverageAtStart.join(' / ')} (1/5/15 min); started ${m.startedAt}`,
  );
  out.push(
    `Mode: ${r.options.quick ? 'QUICK (smoke test of the bench: 1 run each, fewer iterations)' : `full (${r.options.runs} runs each)`}; phases: ${r.options.phases.join(', ')}`,
  );
  for (const note of r.notes) out.push(`NOTE: ${note}`);

  if (r.validation) {
    const c = r.validation.compile.median;
    out.push(
      '',
      `1. Validation cost (median of ${r.validation.compile.runs.length} fresh process(es); ${r.validation.iterationsEach} validations each, median of batches)`,
    );
    out.push(
      formatTable([
        ['measure', 'value'],
        ['module import (ajv + contract library, incl. tsx transpile)', ms(c.importMs)],
        ['schema load (read files, addSchema lenient + strict)', ms(c.loadMs)],
        [`compile ${c.validators} lenient validators (six operations)`, ms(c.compileMs)],
        ['load + compile (target ≤ 150 ms)', ms(c.loadMs + c.compileMs)],
        ['compile the strict variants too (not on the default path)', ms(c.strictCompileMs)],
        ...r.validation.throughput.map((t) => [
          t.name,
          `${t.medianUs.toFixed(2)} µs (batches ${t.minUs.toFixed(2)}–${t.maxUs.toFixed(2)})`,
        ]),
      ]),
    );
  }

  if (r.overhead) {
    const o = r.overhead;
    out.push(
      '',
      `2. Overhead over two floors (${o.plan.total} requests, ${o.workers} workers; medians of ${o.suiteRuns.length}, all four alternated run by run)`,
    );
    const matches = o.floorRuns.map((f) => `${f.statusMatches}/${f.requests}`).join(', ');
    const opt = (v: number | null): string => (v === null ? '-' : s(v));
    out.push(
      formatTable([
        ['measure', 'value'],
        ['full conformance run, wall (spawn to exit)', `${s(o.suiteMedianMs)}  [runs: ${o.suiteRuns.map((x) => s(x.wallMs)).join(', ')}]`],
        ["  process start-up before Playwright's clock", o.suiteReportMedianMs === null ? '-' : s(o.suiteMedianMs - o.suiteReportMedianMs)],
        ['  global set-up (config check, probe, ledger)', opt(o.globalSetupMedianMs)],
        ['  global teardown (final clean-up sweep)', opt(o.globalTeardownMedianMs)],
        ['  junit + coverage + html reporters (full run − run with list,json only)', s(o.suiteMedianMs - o.leanReporterMedianMs)],
        ['  inside tests (Σ test durations / workers)', s(o.suiteInTestsMedianMs)],
        ...longestTest(o.zeroLatencyDurations),
        [
          'suite with list,json reporters only, wall',
          `${s(o.leanReporterMedianMs)}  [runs: ${o.leanReporterRuns.map((x) => s(x.wallMs)).join(', ')}]`,
        ],
        [
          'bare Playwright floor, wall (same tests × requests, no checks, list + HTML + JUnit reporters)',
          `${s(o.bareMedianMs)}  [runs: ${o.bareRuns.map((x) => s(x.wallMs)).join(', ')}]`,
        ],
        [`ratio run / bare Playwright (target ≤ ${TARGETS.overheadRatio}×)`, `${o.ratioToBare.toFixed(2)}×`],
        [
          'bare fetch floor, wall (same requests, no test runner)',
          `${s(o.floorMedianMs)}  [runs: ${o.floorRuns.map((x) => s(x.wallMs)).join(', ')}]`,
        ],
        ['fetch floor requests that got the intended status', matches],
        ['ratio run / fetch floor (for reference: fixed costs of any test runner)', `${o.ratio.toFixed(1)}×`],
      ]),
    );
    if (o.plan.substituted.length) {
      out.push(
        `  substituted in the floor (not provokable on purpose, sent as the success case): ${o.plan.substituted.map((x) => `${x.operationId} ${x.status} ×${x.count}`).join(', ')}`,
      );
    }
    const failing = o.suiteRuns.filter((x) => (x.stats?.unexpected ?? 0) > 0);
    if (failing.length)
      out.push(
        `  the suite had failing tests in ${failing.length} run(s) (timings still count): ${failing[0]?.failedTitles.slice(0, 3).join('; ')}`,
      );
  }

  if (r.budget) {
    const b = r.budget;
    out.push(
      '',
      `3. Request budget of one default run (one proxied run, default workers, explore included; example suite ≤ ${TARGETS.requestsPerRun}, all ≤ ${TARGETS.requestsTotal})`,
    );
    out.push(
      formatTable([
        ['capability (by tag)', 'requests'],
        ...Object.entries(b.byCapability).map(([capability, n]) => [
          capability === 'example' ? 'example suite (no capability tag)' : `@${capability}`,
          String(n),
        ]),
      ]),
    );
    out.push(
      formatTable([
        ['operation', 'requests (observations)'],
        ...Object.entries(b.observed.byOperation).map(([op, n]) => [op, String(n)]),
        ['total received by tests', String(b.observed.total)],
        ['API requests at the server (tests + global set-up/teardown)', String(b.serverApiRequests)],
        ['peak requests in any 10 s window (sliding, at the server)', String(b.peakPer10s)],
        ['mean requests/s over the run', b.meanRps.toFixed(1)],
      ]),
    );
    out.push(
      `  by status: ${Object.entries(b.observed.byOperationStatus)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    );
  }

  if (r.latency) {
    const l = r.latency;
    out.push('', `4. Latency scaling (${l.latencyMs} ms added per response; medians of ${l.rows[0]?.runs.length ?? 0})`);
    out.push(
      formatTable([
        ['workers', 'run wall', 'critical path', 'work/N', 'lower bound', 'run/critical', 'run/lower bound', 'peak req/10 s'],
        ...l.rows.map((row) => [
          String(row.workers),
          s(row.medianWallMs),
          s(row.critical.criticalPathMs),
          s(row.critical.workBoundMs),
          s(row.critical.lowerBoundMs),
          `${row.ratio.toFixed(2)}×`,
          `${row.ratioToLowerBound.toFixed(2)}×`,
          String(row.peakPer10s),
        ]),
      ]),
    );
    for (const row of l.rows) {
      if (!row.bare) continue;
      const b = row.bare;
      out.push(
        `  bare Playwright at ${l.latencyMs} ms, ${row.workers} workers (the run's tests × ${b.requests} requests and waits, no checks): ${s(b.medianWallMs)} [runs: ${b.wallMs.map(s).join(', ')}]` +
          ` vs its own lower bound ${s(b.lowerBoundMs)} → Playwright's own start-up and per-test cost ${s(b.playwrightOverheadMs)};` +
          ` the suite's own beyond its lower bound: ${s(row.medianWallMs - row.critical.lowerBoundMs - b.playwrightOverheadMs)}`,
      );
    }
    const c = l.rows[0]?.critical;
    if (c)
      out.push(
        `  longest chain: ${c.longestTestId ?? '-'} — ${c.longestTestRequests} requests, ${(c.longestTestWaitsMs / 1000).toFixed(2)} s waits`,
      );
    for (const line of l.formula) out.push(`  ${line}`);
  }

  if (r.concurrency) {
    const c = r.concurrency;
    out.push(
      '',
      `5. Linearizability checker (simulated overlapping histories, ${(c.unknownRate * 100).toFixed(0)} % of answers lost; median of ${c.runs} run(s); time limit ${s(c.timeLimitMs)}, over it: unknown)`,
    );
    out.push(
      formatTable([
        ['requests', 'tokens', 'clients', 'linearizable history', 'with a lost update (witness shrinking included)'],
        ...c.rows.map((row) => [
          String(row.operations),
          String(row.tokens),
          String(row.clients),
          `${row.linearizableVerdict} in ${ms(row.linearizableMs)}`,
          `${row.lostUpdateVerdict} in ${ms(row.lostUpdateMs)}${row.witnessSteps === null ? '' : `, witness of ${row.witnessSteps}`}`,
        ]),
      ]),
    );
  }

  out.push('', 'Targets');
  out.push(
    formatTable([
      ['target', 'limit', 'measured', 'verdict'],
      ...r.targets.map((t) => [
        t.description,
        `≤ ${t.limit} ${t.unit}`,
        t.value === null ? '-' : `${t.value.toFixed(t.unit === 'requests' ? 0 : t.unit === 'ms' ? 1 : 2)} ${t.unit}`,
        t.verdict,
      ]),
    ]),
  );
  for (const t of r.targets.filter((x) => x.verdict !== 'PASS')) out.push(`  ${t.verdict} ${t.id}: ${t.reason}`);
  for (const e of r.errors) out.push(`BENCH ERROR in ${e.phase}: ${e.message}`);
  return out.join('\n');
}
