import { defineCommand, parseFlags, UsageError } from '../cli/parse-flags';
import { readInteger } from '../cli/flag-values';

export const DIFF_FLAGS = defineCommand({
  name: 'diff',
  command: 'npm run diff --',
  flags: {
    a: {
      type: 'string',
      value: '<url|embedded>',
      description: 'the current version: an API origin (token in LD_ACCESS_TOKEN_A) or embedded',
    },
    b: { type: 'string', value: '<url|embedded>', description: 'the candidate: an API origin (token in LD_ACCESS_TOKEN_B) or embedded' },
    seed: { type: 'string', value: '<n>', description: 'seed of the plan (default: random, printed)' },
    budget: { type: 'string', value: '<n>', description: 'requests per pass (default 30 when both sides are embedded, 12 otherwise)' },
    plan: { type: 'string', value: '<file>', description: 'replay a plan an earlier run wrote instead of building one' },
    calibrate: { type: 'boolean', description: 'also send the plan to A a second time (default on when A is embedded)' },
    ignore: { type: 'string', value: '<file>', description: 'accepted differences: ignore: [{operation, location, reason}]' },
    out: { type: 'string', value: '<dir>', description: 'where plan.json, diff.json and diff.html go (default <LD_REPORTS_DIR>/diff)' },
  },
  notes: [
    '`embedded` starts the reference server; `embedded:<change>` starts it with a change no rule names (for trying the tool).',
    'Exit codes: 0 nothing but noise differs, 1 differences, 2 bad input or a run the targets did not let finish.',
  ],
});

export interface DiffArgs {
  help: boolean;
  a: string;
  b: string;
  seed: number | null;
  budget: number | null;
  plan: string | null;
  calibrate: boolean;
  ignore: string | null;
  out: string | null;
}

export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const { help, values } = parseFlags(DIFF_FLAGS, argv);
  if (help) return { help, a: '', b: '', seed: null, budget: null, plan: null, calibrate: false, ignore: null, out: null };
  if (values.a === undefined || values.b === undefined) throw new UsageError('--a and --b are required (each an API origin or embedded).');
  if (values.plan !== undefined && (values.seed !== undefined || values.budget !== undefined)) {
    throw new UsageError('--plan replays a recorded plan: it takes no --seed or --budget.');
  }
  return {
    help,
    a: values.a,
    b: values.b,
    seed: values.seed === undefined ? null : readInteger(values.seed, '--seed', { min: -(2 ** 31), max: 2 ** 31 - 1 }),
    budget: values.budget === undefined ? null : readInteger(values.budget, '--budget', { min: 1, max: 10_000 }),
    plan: values.plan ?? null,
    calibrate: values.calibrate ?? false,
    ignore: values.ignore ?? null,
    out: values.out ?? null,
  };
}
