import { defineCommand, parseFlags, UsageError } from '../cli/parse-flags';
import { SAFE_NAME_PART } from '../config/run-id';

export interface CleanupArgs {
  /** Name prefix; tokens named `<prefix>` followed by a separator (or nothing) are candidates. */
  prefix: string | undefined;
  olderThanMs: number;
  dryRun: boolean;
  help: boolean;
}

export const CLEANUP_FLAGS = defineCommand({
  name: 'cleanup',
  command: 'npm run cleanup',
  flags: {
    prefix: {
      type: 'string',
      value: '<prefix>',
      description: 'token-name prefix to remove (default: LD_RUN_PREFIX, "ldct"); only names starting with it and a separator are touched',
    },
    'older-than': {
      type: 'string',
      value: '<age>',
      description: 'required: minimum age by the SERVER clock, a number with a unit, e.g. 90s, 30m, 2h, 1d (0s = any age)',
    },
    'dry-run': { type: 'boolean', description: 'list what would be deleted, delete nothing' },
  },
});

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `--older-than` values like `90s`, `30m`, `2h`, `1d`, `1.5h`. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new UsageError(`--older-than "${text}" is not a duration: use a number with a unit (ms, s, m, h, d), e.g. 2h or 30m.`);
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1_000));
}

export function parseCleanupArgs(argv: readonly string[]): CleanupArgs {
  const { help, values } = parseFlags(CLEANUP_FLAGS, argv);
  if (help) return { prefix: undefined, olderThanMs: NaN, dryRun: false, help: true };
  if (values.prefix !== undefined && !SAFE_NAME_PART.test(values.prefix)) {
    throw new UsageError(
      `--prefix "${values.prefix}" is not a run prefix: use letters, digits, "-" or "_", starting with a letter or digit.`,
    );
  }
  if (values['older-than'] === undefined) {
    // Required: a default age could delete the tokens of a run that is still going.
    throw new UsageError(
      '--older-than is required (e.g. --older-than 2h), so a cleanup never removes the tokens of a run still in progress.',
    );
  }
  return { prefix: values.prefix, olderThanMs: parseDuration(values['older-than']), dryRun: values['dry-run'] ?? false, help: false };
}
