/**
 * npm run explore:seeds — explore over many seeds against many servers, in one process (no Playwright
 * runner): the measurement behind "zero false alarms" (every correct alt-server variant of the
 * portability test and the clean reference server must pass every seed) and behind the detection rate of
 * faults (--faults: the reference server with each fault, how many seeds find it). Prints one line per
 * target and every failing seed with its rule; exit 1 when a correct server failed a seed or a seed was
 * stopped by the environment (INCONCLUSIVE: e.g. a long budget spent its rate-limit budget; try --max-rps).
 */
import { request } from '@playwright/test';
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { loadConfig } from '../src/config/load-config';
import { runExplore, type ExploreOutcome } from '../src/explore/run-explore';
import { startReferenceServer } from '../src/server';
import { isFaultId, type FaultId } from '../src/server/faults';
import { startAltServer } from '../src/alt-server';
import { VARIANTS } from '../src/alt-server/portability-variants';
import { JudgedSession } from '../src/session/judged-session';
import { runCommand } from '../src/cli/run-command';

const FLAGS = defineCommand({
  name: 'explore:seeds',
  command: 'npm run explore:seeds',
  flags: {
    seeds: { type: 'string', value: '<n>', description: 'seeds per target (default 20)' },
    'first-seed': { type: 'string', value: '<n>', description: 'first seed; seeds run first-seed, first-seed+1, … (default 1)' },
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
        'pace requests (LD_MAX_RPS) — for long budgets against the rate-limited variants, whose 429 waits otherwise use up the rate-limit budget',
    },
    targets: {
      type: 'string',
      value: 'ref,1,…',
      description: `which correct servers (default all): "ref" = the clean reference server, 1–${VARIANTS.length} = the portability variants in order`,
    },
  },
});

interface Target {
  name: string;
  correct: boolean;
  start: () => Promise<{ url: string; adminToken: string; close: () => Promise<void> }>;
}

function whole(raw: string | undefined, name: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return Number(raw);
}

/** "ref,2,5" → [0, 2, 5] (0 = the reference server, n = VARIANTS[n - 1]); null = every correct server. */
function parseTargets(raw: string | undefined): number[] | null {
  if (raw === undefined) return null;
  return raw.split(',').map((part) => {
    const name = part.trim();
    if (name === 'ref') return 0;
    const n = Number(name);
    if (!/^\d+$/.test(name) || n < 1 || n > VARIANTS.length)
      throw new UsageError(`--targets takes "ref" and variant numbers 1–${VARIANTS.length}, got "${name}"`);
    return n;
  });
}

interface Args {
  help: boolean;
  maxRps: string | undefined;
  seeds: number;
  firstSeed: number;
  budget: number;
  shrink: number | undefined;
  faults: FaultId[] | null;
  targets: number[] | null;
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
  return {
    help,
    maxRps: values['max-rps'] === undefined ? undefined : String(whole(values['max-rps'], 'max-rps', 0, 1)),
    seeds: whole(values.seeds, 'seeds', 20, 1),
    firstSeed: whole(values['first-seed'], 'first-seed', 1, -(2 ** 31)),
    budget: whole(values.budget, 'budget', 150, 1),
    shrink: values.shrink === undefined ? undefined : whole(values.shrink, 'shrink', 0, 0),
    faults: faults as FaultId[] | null,
    targets: parseTargets(values.targets),
  };
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
      timeLimitMs: 120_000,
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
      start: () => startReferenceServer({ fault, log: () => undefined }),
    }));
  const all: Target[] = [
    { name: 'reference server (clean)', correct: true, start: () => startReferenceServer({ log: () => undefined }) },
    ...VARIANTS.map(({ given, options }, i) => ({
      name: `alt server ${i + 1}: ${given}`,
      correct: true,
      start: () => startAltServer(options),
    })),
  ];
  return chosen === null ? all : chosen.map((i) => all[i] as Target);
}

async function main(): Promise<number> {
  const args = exitOnUsageError(FLAGS, () => parse(process.argv.slice(2)));
  let falseAlarms = 0;
  for (const target of targets(args.faults, args.targets)) {
    const started = Date.now();
    const failing: string[] = [];
    // The environment (rate-limit budget, network) stopped a seed: no verdict on the server either way.
    let environmental = 0;
    let requests = 0;
    for (let seed = args.firstSeed; seed < args.firstSeed + args.seeds; seed++) {
      // A fresh server per seed: every seed meets the same starting state, as in a real run.
      const server = await target.start();
      try {
        const outcome = await exploreOnce(server.url, server.adminToken, seed, args.budget, args.shrink, args.maxRps);
        requests += outcome.requests.explored + outcome.requests.shrinking + outcome.requests.cleanup;
        if (outcome.environmentError || outcome.rateLimited !== null) environmental++;
        if (outcome.rateLimited !== null) failing.push(`seed ${seed}: rate limited: ${outcome.rateLimited}`);
        if (outcome.environmentError) failing.push(`seed ${seed}: environment: ${outcome.environmentError.message.split('\n')[0] ?? ''}`);
        if (outcome.failure)
          failing.push(
            `seed ${seed}: ${outcome.failure.rule}: ${outcome.failure.message.split('\n')[0]?.slice(0, 200) ?? ''} (${outcome.failure.steps.length} steps)`,
          );
      } finally {
        await server.close();
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const alarms = failing.length - environmental;
    const verdict = target.correct
      ? alarms > 0
        ? 'FALSE ALARM'
        : environmental > 0
          ? 'INCONCLUSIVE'
          : 'PASS'
      : `detected ${alarms}/${args.seeds}${environmental > 0 ? ` (${environmental} stopped by the environment)` : ''}`;
    console.log(
      `${verdict.padEnd(16)} ${target.name}: ${args.seeds} seeds from ${args.firstSeed}, budget ${args.budget}, ${requests} requests, ${seconds} s`,
    );
    for (const line of failing) console.log(`    ${line}`);
    if (target.correct) falseAlarms += failing.length;
  }
  return falseAlarms === 0 ? 0 : 1;
}

runCommand('explore:seeds', main, { errorExitCode: 1, exitAtOnce: true });
