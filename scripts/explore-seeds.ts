/**
 * npm run explore:seeds — explore over many seeds against many servers, without the Playwright runner: the
 * measurement behind "zero false alarms" (every correct alt-server variant of the portability test and the
 * clean reference server must pass every seed) and behind the detection rate of faults (--faults: the
 * reference server with each fault, how many seeds find it). Prints one line per target and every failing
 * seed with its rule; exit 1 when a correct server failed a seed or a seed was stopped by the environment
 * (INCONCLUSIVE: e.g. a long budget spent its rate-limit budget; try --max-rps).
 *
 * --parallel n runs the (target, seed) pairs in n worker processes (this script again, forked; the jobs and
 * the results travel over the IPC channel), each pair on a fresh server of its own.
 */
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { request } from '@playwright/test';
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { readInteger } from '../src/cli/flag-values';
import { loadConfig } from '../src/config/load-config';
import { runExplore, type ExploreOutcome } from '../src/explore/run-explore';
import { startReferenceServer } from '../src/server';
import { isFaultId, type FaultId } from '../src/server/faults';
import { startAltServer } from '../src/alt-server';
import { VARIANTS } from '../src/alt-server/portability-variants';
import { JudgedSession } from '../src/session/judged-session';
import { runCommand } from '../src/cli/run-command';
import { clearRegisteredSecrets } from '../src/contract';

const FLAGS = defineCommand({
  name: 'explore:seeds',
  command: 'npm run explore:seeds',
  flags: {
    seeds: { type: 'string', value: '<n>', description: 'seeds per target (default 20)' },
    'first-seed': {
      type: 'string',
      value: '<n>|random',
      description: 'first seed; seeds run first-seed, first-seed+1, … (default 1; "random" draws one per target and prints it)',
    },
    budget: { type: 'string', value: '<n>', description: 'LD_EXPLORE_REQUESTS per seed (default 150)' },
    faults: {
      type: 'string',
      value: 'id,id',
      description: 'instead of the correct servers: the reference server with each of these faults',
    },
    shrink: {
      type: 'string',
      value: '<n>',
      description: 'requests shrinking a failure may send (default max(1000, 4 × budget); 0 = report the first failure as found, faster)',
    },
    'max-rps': {
      type: 'string',
      value: '<n>',
      description:
        'pace requests (LD_MAX_RPS); default: 90% of a rate-limited variant’s own limit, so its 429 waits do not use up the rate-limit budget',
    },
    targets: {
      type: 'string',
      value: 'ref,1,…',
      description: `which correct servers (default all): "ref" = the clean reference server, 1–${VARIANTS.length} or a variant id (${VARIANTS.map((v) => v.id).join(', ')}) = the portability variants`,
    },
    parallel: { type: 'string', value: '<n>', description: 'worker processes running seeds side by side (default 1; 1–8)' },
  },
});

interface Target {
  name: string;
  correct: boolean;
  /** Requests per second that stay under the target's own rate limit (90% of it); null = none. */
  pace: number | null;
  start: () => Promise<{ url: string; adminToken: string; close: () => Promise<void> }>;
}

/** "ref,2,sparse" → [0, 2, 5] (0 = the reference server, n = VARIANTS[n - 1]); null = every correct server. */
function parseTargets(raw: string | undefined): number[] | null {
  if (raw === undefined) return null;
  return raw.split(',').map((part) => {
    const name = part.trim();
    if (name === 'ref') return 0;
    const byId = VARIANTS.findIndex((v) => v.id === name);
    if (byId >= 0) return byId + 1;
    const n = Number(name);
    if (!/^\d+$/.test(name) || n < 1 || n > VARIANTS.length)
      throw new UsageError(
        `--targets takes "ref", variant numbers 1–${VARIANTS.length} and variant ids (${VARIANTS.map((v) => v.id).join(', ')}), got "${name}"`,
      );
    return n;
  });
}

interface Args {
  help: boolean;
  maxRps: string | undefined;
  seeds: number;
  /** null = a random first seed per target. */
  firstSeed: number | null;
  budget: number;
  shrink: number | undefined;
  faults: FaultId[] | null;
  targets: number[] | null;
  parallel: number;
}

function parse(argv: string[]): Args {
  const { help, values } = parseFlags(FLAGS, argv);
  if (values.faults !== undefined && values.targets !== undefined) throw new UsageError('--faults and --targets exclude each other');
  const faults =
    values.faults
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean) ?? null;
  const unknown = faults?.filter((id) => !isFaultId(id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`unknown fault id(s): ${unknown.join(', ')}`);
  const first = values['first-seed'];
  return {
    help,
    maxRps: values['max-rps'] === undefined ? undefined : String(readInteger(values['max-rps'], '--max-rps', { min: 1 })),
    seeds: values.seeds === undefined ? 20 : readInteger(values.seeds, '--seeds', { min: 1 }),
    firstSeed:
      first === undefined ? 1 : first === 'random' ? null : readInteger(first, '--first-seed', { min: -(2 ** 31), max: 2 ** 31 - 1 }),
    budget: values.budget === undefined ? 150 : readInteger(values.budget, '--budget', { min: 1 }),
    shrink: values.shrink === undefined ? undefined : readInteger(values.shrink, '--shrink', { min: 0 }),
    faults: faults as FaultId[] | null,
    targets: parseTargets(values.targets),
    parallel: values.parallel === undefined ? 1 : readInteger(values.parallel, '--parallel', { min: 1, max: 8 }),
  };
}

/** Time per request allowed for (as the explore test does), with a floor for short budgets. */
const MS_PER_REQUEST = 150;

/**
 * A paced seed cannot go faster than its pace: at variant 2's 13 requests/s and 40 ms latency a seed took ~150 ms a
 * request and every one was stopped at 150 s after ~950 of its 1000 requests (docs/explore.md). Allow half as much
 * again as the pace and 100 ms of round trip, so a paced seed spends its budget.
 */
function msPerRequest(maxRps: string | undefined): number {
  return maxRps === undefined ? MS_PER_REQUEST : Math.max(MS_PER_REQUEST, 1.5 * (1000 / Number(maxRps) + 100));
}

async function exploreOnce(
  url: string,
  adminToken: string,
  seed: number,
  budget: number,
  shrinkBudget: number | undefined,
  maxRps: string | undefined,
): Promise<ExploreOutcome> {
  const context = await request.newContext();
  try {
    const config = loadConfig({
      LD_BASE_URL: url,
      LD_ACCESS_TOKEN: adminToken,
      LD_RUN_ID: `seed${Math.abs(seed)}`,
      LD_REQUEST_TIMEOUT_MS: '5000',
      ...(maxRps === undefined ? {} : { LD_MAX_RPS: maxRps }),
    });
    // The judged session without a test: the same client, judgement and server clock as the suite's fixture.
    const session = new JudgedSession({ request: context, config });
    return await runExplore({
      session,
      budget,
      seed,
      prefix: config.tokenNamePrefix,
      timeLimitMs: Math.max(120_000, budget * msPerRequest(maxRps)),
      ...(shrinkBudget === undefined ? {} : { shrinkBudget }),
    });
  } finally {
    await context.dispose();
  }
}

function targets(faults: FaultId[] | null, chosen: number[] | null): Target[] {
  if (faults)
    return faults.map((fault) => ({
      name: `reference server, fault ${fault}`,
      correct: false,
      pace: null,
      start: () => startReferenceServer({ fault, log: () => undefined }),
    }));
  const all: Target[] = [
    { name: 'reference server (clean)', correct: true, pace: null, start: () => startReferenceServer({ log: () => undefined }) },
    ...VARIANTS.map(({ id, given, options }, i) => ({
      name: `alt server ${i + 1} (${id}): ${given}`,
      correct: true,
      pace: options.rateLimit ? Math.max(1, Math.floor((0.9 * options.rateLimit.max * 1000) / options.rateLimit.windowMs)) : null,
      start: () => startAltServer(options),
    })),
  ];
  return chosen === null ? all : chosen.map((i) => all[i] as Target);
}

/** One seed against one target: what a worker is sent. */
interface Job {
  target: number;
  seed: number;
}

/** What a worker answers for a job: the outcome, reduced to what the report prints. */
interface JobResult extends Job {
  requests: number;
  environment: string | null;
  failure: string | null;
  interrupted: boolean;
  ms: number;
}

async function runJob(args: Args, job: Job): Promise<JobResult> {
  const target = targets(args.faults, args.targets)[job.target] as Target;
  const started = Date.now();
  // A fresh server per seed: every seed meets the same starting state, as in a real run.
  const server = await target.start();
  try {
    const maxRps = args.maxRps ?? (target.pace === null ? undefined : String(target.pace));
    const outcome = await exploreOnce(server.url, server.adminToken, job.seed, args.budget, args.shrink, maxRps);
    const { explored, shrinking, cleanup } = outcome.requests;
    return {
      ...job,
      requests: explored + shrinking + cleanup,
      // The environment (network, or rate limits that cut explore short: issue 23) stopped the seed: no verdict either way.
      environment: outcome.environmentError
        ? (outcome.environmentError.message.split('\n')[0] ?? '')
        : outcome.rateLimited !== null
          ? `rate limited: ${outcome.rateLimited}`
          : null,
      failure: outcome.failure
        ? `${outcome.failure.rule}: ${outcome.failure.message.split('\n')[0]?.slice(0, 300) ?? ''} (${outcome.failure.steps.length} steps)`
        : null,
      interrupted: outcome.interrupted,
      ms: Date.now() - started,
    };
  } finally {
    await server.close();
    // The seed's server is gone and its secrets with it. The redaction registry is process-wide and every
    // redaction walks all of it: kept across seeds, each seed ran slower than the last (14 s → 79 s for the
    // same 1000 requests after a dozen seeds in one worker).
    clearRegisteredSecrets();
  }
}

/** Runs the jobs in `workers` forked copies of this script, each taking the next job when it is done with one. */
async function runInWorkers(jobs: Job[], workers: number, argv: string[], onResult: (r: JobResult) => JobResult): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, jobs.length) }, async () => {
      const child = fork(__filename, argv, {
        env: { ...process.env, EXPLORE_SEEDS_WORKER: '1' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const done = new Promise<void>((resolve, reject) => {
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker process exited with code ${String(code)}`))));
      });
      const send = (): void => {
        const job = jobs[next++];
        if (job) child.send(job);
        else child.disconnect();
      };
      child.on('message', (message: JobResult) => {
        results.push(onResult(message));
        send();
      });
      send();
      await done;
    }),
  );
  return results;
}

/** The worker side: runs each job the parent sends and answers with its result; ends when the parent disconnects. */
async function worker(args: Args): Promise<number> {
  const queue: Job[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  process.on('message', (job: Job) => {
    queue.push(job);
    wake?.();
  });
  process.on('disconnect', () => {
    closed = true;
    wake?.();
  });
  for (;;) {
    const job = queue.shift();
    if (job) {
      const result = await runJob(args, job);
      if (process.connected) process.send?.(result);
      continue;
    }
    if (closed) return 0;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = exitOnUsageError(FLAGS, () => parse(argv));
  if (process.env.EXPLORE_SEEDS_WORKER === '1') return worker(args);
  const chosen = targets(args.faults, args.targets);
  const firstSeeds = chosen.map(() => args.firstSeed ?? randomInt(-(2 ** 31), 2 ** 31 - args.seeds));
  const jobs: Job[] = chosen.flatMap((_t, target) =>
    Array.from({ length: args.seeds }, (_, i): Job => ({ target, seed: (firstSeeds[target] ?? 1) + i })),
  );
  const started = Date.now();
  // One line per finished seed on stderr, so a long measurement shows how far it got (stdout keeps the summary).
  let finished = 0;
  const progress = (r: JobResult): JobResult => {
    finished++;
    const verdict = r.failure !== null ? `FAIL ${r.failure.slice(0, 120)}` : r.environment !== null ? 'ENVIRONMENT' : 'pass';
    const target = chosen[r.target]?.name.split(':')[0] ?? '';
    console.error(
      `[${finished}/${jobs.length}] ${target} seed ${r.seed}: ${verdict} (${r.requests} requests, ${(r.ms / 1000).toFixed(0)} s)`,
    );
    return r;
  };
  const results =
    args.parallel > 1
      ? await runInWorkers(jobs, args.parallel, argv, progress)
      : await jobs.reduce<Promise<JobResult[]>>(
          async (acc, job) => [...(await acc), progress(await runJob(args, job))],
          Promise.resolve([]),
        );
  let falseAlarms = 0;
  for (const [index, target] of chosen.entries()) {
    const mine = results.filter((r) => r.target === index).sort((a, b) => a.seed - b.seed);
    const failing = mine.flatMap((r) => [
      ...(r.environment !== null ? [`seed ${r.seed}: environment: ${r.environment}`] : []),
      ...(r.failure !== null ? [`seed ${r.seed}: ${r.failure}`] : []),
    ]);
    // The environment (rate-limit budget, network) stopped a seed: no verdict on the server either way.
    const environmental = mine.filter((r) => r.environment !== null).length;
    const alarms = mine.filter((r) => r.failure !== null).length;
    const interrupted = mine.filter((r) => r.interrupted).length;
    const requests = mine.reduce((n, r) => n + r.requests, 0);
    const seconds = (mine.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(0);
    const verdict = target.correct
      ? alarms > 0
        ? 'FALSE ALARM'
        : environmental > 0
          ? 'INCONCLUSIVE'
          : 'PASS'
      : `detected ${alarms}/${args.seeds}${environmental > 0 ? ` (${environmental} stopped by the environment)` : ''}`;
    const first = firstSeeds[index] ?? 1;
    console.log(
      `${verdict.padEnd(16)} ${target.name}: ${args.seeds} seeds from ${first}, budget ${args.budget}, ${requests} requests, ${seconds} s of seed time${interrupted > 0 ? `, ${interrupted} stopped by the time limit` : ''}`,
    );
    for (const line of failing) console.log(`    ${line}`);
    if (target.correct) falseAlarms += failing.length;
  }
  console.log(
    `explore:seeds: ${jobs.length} runs in ${((Date.now() - started) / 1000).toFixed(0)} s wall (${args.parallel} worker${args.parallel === 1 ? '' : 's'})`,
  );
  return falseAlarms === 0 ? 0 : 1;
}

runCommand('explore:seeds', main, { errorExitCode: 1, exitAtOnce: true });
