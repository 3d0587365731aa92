import { SAFE_NAME_PART } from '../config/run-id';

export interface CleanupArgs {
  /** Name prefix; tokens named `<prefix>` followed by a separator (or nothing) are candidates. */
  prefix: string | undefined;
  olderThanMs: number;
  dryRun: boolean;
  help: boolean;
}

export class CleanupArgsError extends Error {
  override readonly name = 'CleanupArgsError';
}

export const CLEANUP_USAGE =
  'usage: npm run cleanup -- [--prefix <prefix>] --older-than <age> [--dry-run]\n' +
  '  --prefix      token-name prefix to remove (default: LD_RUN_PREFIX, "ldct"); only names starting with it and a separator are touched\n' +
  '  --older-than  minimum age by the SERVER clock: a number with a unit, e.g. 90s, 30m, 2h, 1d (0s = any age)\n' +
  '  --dry-run     list what would be deleted, delete nothing';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `--older-than` values like `90s`, `30m`, `2h`, `1d`, `1.5h`. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new CleanupArgsError(`--older-than "${text}" is not a duration: use a number with a unit (ms, s, m, h, d), e.g. 2h or 30m.`);
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1_000));
}

export function parseCleanupArgs(argv: readonly string[]): CleanupArgs {
  const args: CleanupArgs = { prefix: undefined, olderThanMs: NaN, dryRun: false, help: false };
  let olderThanSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const takeValue = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new CleanupArgsError(`${flag} needs a value.\n${CLEANUP_USAGE}`);
      return next;
    };
    switch (flag) {
      case '--prefix': {
        const prefix = takeValue();
        if (!SAFE_NAME_PART.test(prefix)) {
          throw new CleanupArgsError(`--prefix "${prefix}" is not a run prefix: use letters, digits, "-" or "_", starting with a letter or digit.`);
        }
        args.prefix = prefix;
        break;
      }
      case '--older-than':
        args.olderThanMs = parseDuration(takeValue());
        olderThanSeen = true;
        break;
      case '--dry-run':
        args.dryRun = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new CleanupArgsError(`unknown argument "${raw}".\n${CLEANUP_USAGE}`);
    }
  }
  if (!args.help && !olderThanSeen) {
    // Required: a default age could delete the tokens of a run that is still going.
    throw new CleanupArgsError(`--older-than is required (e.g. --older-than 2h), so a cleanup never removes the tokens of a run still in progress.\n${CLEANUP_USAGE}`);
  }
  return args;
}
