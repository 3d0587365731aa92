/** Command-line flags of `npm run bench`; a bad flag is one clear line + the usage, exit 2. */
import { readChoices, readInteger, readList } from '../cli/flag-values';
import { defineCommand, parseFlags } from '../cli/parse-flags';

export const PHASES = ['validation', 'overhead', 'budget', 'latency', 'concurrency'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  /** 1 run each instead of 3, fewer validation iterations: a smoke test of the bench itself. */
  quick: boolean;
  jsonFile: string;
  phases: Phase[];
  /** Runs per measured configuration (3, or 1 with --quick; --runs overrides). */
  runs: number;
  latencyWorkers: number[];
  help?: true;
}

export const BENCH_FLAGS = defineCommand({
  name: 'bench',
  command: 'npm run bench',
  flags: {
    quick: { type: 'boolean', description: 'one run per configuration and fewer iterations: a smoke test of the bench itself' },
    json: { type: 'string', value: '<file>', description: 'where the results go (default reports/bench.json)' },
    only: { type: 'string', value: '<phases>', description: `run only these phases, comma-separated: ${PHASES.join(', ')}` },
    runs: { type: 'string', value: '<n>', description: 'runs per measured configuration (default 3, 1 with --quick)' },
    'latency-workers': { type: 'string', value: '1,2,4', description: 'worker counts of the latency phase' },
  },
});

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { help, values } = parseFlags(BENCH_FLAGS, argv);
  const quick = values.quick ?? false;
  const options: BenchOptions = {
    quick,
    jsonFile: values.json ?? 'reports/bench.json',
    phases: values.only === undefined ? [...PHASES] : readChoices(values.only, '--only', PHASES, 'phase'),
    runs: values.runs === undefined ? (quick ? 1 : 3) : readInteger(values.runs, '--runs', { min: 1 }),
    latencyWorkers:
      values['latency-workers'] === undefined
        ? [1, 2, 4]
        : readList(values['latency-workers']).map((w) => readInteger(w, '--latency-workers', { min: 1 })),
  };
  return help ? { ...options, help } : options;
}
