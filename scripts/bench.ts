/**
 * `npm run bench` — what the suite costs: validation (compile time, µs per body), overhead over the bare
 * request floor, the request budget of a run (per operation, peak per 10 s) and latency scaling vs the
 * critical path. Writes reports/bench.json (or --json <file>) and prints a table with PASS/MISS per target.
 * A missed target is a measurement: the exit code is non-zero only when the bench itself broke.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exitOnUsageError } from '../src/cli/parse-flags';
import { abortOnInterrupt, INTERRUPTED_EXIT_CODE } from '../src/harness/interrupt';
import { Progress } from '../src/harness/progress';
import { BENCH_FLAGS, parseBenchArgs, type BenchOptions, type Phase } from '../src/bench/bench-options';
import type { BenchResult } from '../src/bench/bench-result';
import { benchBudget } from '../src/bench/budget-bench';
import { benchConcurrency, concurrencyShapes } from '../src/bench/concurrency-bench';
import { formatBenchReport } from '../src/bench/format-report';
import { BENCH_LATENCY_MS, benchLatency, type ZeroLatencyBaseline } from '../src/bench/latency-bench';
import { collectMachineInfo } from '../src/bench/machine-info';
import { benchOverhead, medianDurations, runFloorOnFreshServer } from '../src/bench/overhead-bench';
import { buildRequestPlan } from '../src/bench/request-plan';
import { BenchInputError } from '../src/bench/stats';
import { runSuiteOnFreshServer, type BenchContext } from '../src/bench/suite-run';
import { evaluateTargets, TARGETS } from '../src/bench/targets';
import { measureCompile, measureValidation } from '../src/bench/validation-bench';
import { readReportsDir } from '../src/config/load-config';
import { runCommand } from '../src/cli/run-command';

const REPO_ROOT = path.resolve(__dirname, '..');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const CRITICAL_PATH_FORMULA = [
  "critical path = max over tests t of ( requests(t) × latency + waits(t) )   [a test's requests are sequential; tests are independent]",
  'waits(t)      = duration of t in the zero-latency runs − requests(t) × median bare request time   [its expiry sleeps + its own local work]',
  'work/N        = Σ over tests of ( requests(t) × latency + waits(t) ) / N workers;   lower bound = max(critical path, work/N)',
  "waits(t) includes the test's local work at zero latency, so the critical path is slightly long and run/critical slightly kind.",
];

async function main(): Promise<number> {
  const options = exitOnUsageError(BENCH_FLAGS, () => parseBenchArgs(process.argv.slice(2)));
  const signal = abortOnInterrupt('bench', log);
  const progress = new Progress(countSteps(options), { write: log });
  const step = (message: string): void => void progress.step(message);
  const started = Date.now();
  const reportsRoot = path.join(readReportsDir(), 'bench-runs');
  const machine = collectMachineInfo();
  const result: BenchResult = {
    machine,
    notes: machineNotes(machine.loadAverageAtStart[0], machine.cores),
    options: { quick: options.quick, runs: options.runs, phases: options.phases },
    targets: [],
    errors: [],
  };
  const phase = async (name: Phase, fn: () => Promise<void>): Promise<void> => {
    if (!options.phases.includes(name) || signal.aborted) return;
    log(`[bench] ${name} …`);
    try {
      await fn();
    } catch (error) {
      if (signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      result.errors.push({ phase: name, message });
      log(`[bench] ${name} broke: ${message}`);
    }
  };

  await phase('validation', async () => {
    const throughputOptions = options.quick
      ? { batches: 20, batchSize: 500, warmupIterations: 2000 }
      : { batches: 100, batchSize: 1000, warmupIterations: 10_000 };
    const compile = await measureCompile(options.quick ? 1 : 5, signal);
    const throughput = await measureValidation(throughputOptions);
    result.validation = { compile, throughput, iterationsEach: throughputOptions.batches * throughputOptions.batchSize };
    step('validation: compile time and throughput measured');
  });

  let baseline: ZeroLatencyBaseline | null = null;
  await phase('overhead', async () => {
    result.overhead = await benchOverhead({ runs: options.runs, reportsRoot, log, signal, step });
    baseline = { durations: result.overhead.zeroLatencyDurations, bareRequestMs: result.overhead.bareRequestMs };
  });

  await phase('budget', async () => {
    result.budget = await benchBudget({ reportsRoot, log, signal, step });
  });

  await phase('latency', async () => {
    baseline ??= await measureBaseline({ reportsRoot, log, signal, step });
    result.latency = {
      latencyMs: BENCH_LATENCY_MS,
      formula: CRITICAL_PATH_FORMULA,
      baselineMissing: false,
      rows: await benchLatency({
        runs: options.runs,
        workerCounts: options.latencyWorkers,
        bareAtWorkers: TARGETS.latencyWorkers,
        reportsRoot,
        baseline,
        log,
        signal,
        step,
      }),
    };
  });

  await phase('concurrency', async () => {
    result.concurrency = benchConcurrency({ quick: options.quick, runs: options.runs, step, signal });
    return Promise.resolve();
  });

  if (signal.aborted) {
    // A partial bench.json would read as a finished measurement: write nothing.
    log(
      `bench: interrupted after ${((Date.now() - started) / 1000).toFixed(0)} s; nothing written, every run stopped and its server closed`,
    );
    return INTERRUPTED_EXIT_CODE;
  }

  result.targets = evaluateTargets(result);
  result.finishedAt = new Date().toISOString();
  result.durationMs = Date.now() - started;
  const jsonFile = path.resolve(REPO_ROOT, options.jsonFile);
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `${formatBenchReport(result)}\n\nWrote ${path.relative(REPO_ROOT, jsonFile)} (${(result.durationMs / 1000).toFixed(0)} s)\n`,
  );
  return result.errors.length ? 1 : 0;
}

/** Without the overhead phase, one zero-latency run and one floor run give the critical path its waits. */
async function measureBaseline(ctx: BenchContext & { step: (message: string) => void }): Promise<ZeroLatencyBaseline> {
  ctx.log('  (latency without the overhead phase: one zero-latency run + one floor run for the baseline)');
  const run = await runSuiteOnFreshServer({ server: {}, reportsDir: path.join(ctx.reportsRoot, 'baseline'), signal: ctx.signal });
  ctx.step(`latency baseline: zero-latency suite run, ${(run.wallMs / 1000).toFixed(2)} s wall`);
  const floor = await runFloorOnFreshServer({}, buildRequestPlan(run.tests), run.workers ?? 2, ctx.signal);
  ctx.step(`latency baseline: floor run, ${(floor.wallMs / 1000).toFixed(3)} s`);
  return { durations: medianDurations([run.tests]), bareRequestMs: floor.medianRequestMs };
}

/** The runs the chosen phases make, for the `[k/N]` progress lines. */
function countSteps(options: BenchOptions): number {
  const has = (phase: Phase): boolean => options.phases.includes(phase);
  return (
    (has('validation') ? 1 : 0) +
    (has('overhead') ? 4 * options.runs : 0) + // suite, suite with lean reporters, bare Playwright, fetch floor
    (has('budget') ? 1 : 0) +
    // latency: one suite run per worker count and run, plus the bare-Playwright floor beside each run at the target's worker count
    (has('latency')
      ? (options.latencyWorkers.length + (options.latencyWorkers.includes(TARGETS.latencyWorkers) ? 1 : 0)) * options.runs +
        (has('overhead') ? 0 : 2)
      : 0) +
    (has('concurrency') ? concurrencyShapes(options.quick).length : 0)
  );
}

function machineNotes(load1: number, cores: number): string[] {
  const notes = ['Shared machine: every number is a median, but other processes still add noise; compare runs on the same machine only.'];
  if (process.env.LD_MAX_RPS)
    notes.push(`LD_MAX_RPS=${process.env.LD_MAX_RPS} is set: the client paces every conformance run, so run times include that pacing.`);
  if (load1 >= 0.5 * cores)
    notes.push(`The machine was busy at start (1-min load ${load1} on ${cores} cores): these numbers are noisy and likely pessimistic.`);
  return notes;
}

runCommand('bench', main, { isExpected: (error) => error instanceof BenchInputError });
