/** Command-line flags of `npm run bench`; a bad flag is one clear line, never a stack trace. */
import { BenchInputError } from './stats';

export const PHASES = ['validation', 'overhead', 'budget', 'latency'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  /** 1 run each instead of 3, fewer validation iterations: a smoke test of the bench itself. */
  quick: boolean;
  jsonFile: string;
  phases: Phase[];
  /** Runs per measured configuration (3, or 1 with --quick; --runs overrides). */
  runs: number;
  latencyWorkers: number[];
}

export const USAGE =
  'usage: npm run bench -- [--quick] [--json <file>] [--only validation,overhead,budget,latency] [--runs N] [--latency-workers 1,2,4]';

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, jsonFile: 'reports/bench.json', phases: [...PHASES], runs: 3, latencyWorkers: [1, 2, 4] };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new BenchInputError(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--quick':
        options.quick = true;
        break;
      case '--json':
        options.jsonFile = value();
        break;
      case '--only': {
        const phases = value().split(',').map((p) => p.trim());
        const unknown = phases.filter((p) => !(PHASES as readonly string[]).includes(p));
        if (unknown.length) throw new BenchInputError(`--only: unknown phase ${unknown.join(', ')} (phases: ${PHASES.join(', ')})`);
        options.phases = phases as Phase[];
        break;
      }
      case '--runs':
        options.runs = positiveInt(flag, value());
        runsGiven = true;
        break;
      case '--latency-workers':
        options.latencyWorkers = value().split(',').map((w) => positiveInt(flag, w.trim()));
        break;
      case '--help':
      case '-h':
        throw new BenchInputError(USAGE);
      default:
        throw new BenchInputError(`unknown argument ${arg}. ${USAGE}`);
    }
  }
  if (options.quick && !runsGiven) options.runs = 1;
  return options;
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new BenchInputError(`${flag} wants a whole number >= 1, got "${text}"`);
  return n;
}
