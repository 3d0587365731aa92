/**
 * The one way the project's commands read their flags: a thin layer over `node:util`'s parseArgs
 * that gives every command the same usage format, the same error lines and the same exit code.
 *
 *   const FLAGS = defineCommand({ name: 'bench', command: 'npm run bench', flags: { runs: { type: 'string', value: '<n>', description: '…' } } });
 *   const { help, values } = parseFlags(FLAGS, argv);      // throws UsageError with one line
 *   …in the script: exitOnUsageError(FLAGS, () => parseMyOptions(argv))  →  "<name>: <line>\n<usage>", exit 2
 *
 * `--flag value` and `--flag=value` both work; the last occurrence of a flag wins; `-h`/`--help` is
 * built in and wins over anything else on the line (so a user can always ask how to call it).
 */
import { parseArgs } from 'node:util';

/** A bad flag, flag value or environment value of a command: one line, shown with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in the usage for a string flag, e.g. `<n>` or `id,id`. */
  value?: string;
  description: string;
}

export interface CommandSpec<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  /** Prefix of every error line, e.g. `serve`. */
  name: string;
  /** How a person types it, e.g. `npm run serve`. */
  command: string;
  /** Flag names without the leading dashes. */
  flags: F;
  /** Optional positional arguments, in order (none by default: a stray word is an error). */
  positionals?: { name: string; description: string }[];
  /** Lines printed after the flags (environment variables, examples). */
  notes?: string[];
}

export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedFlags<F extends Record<string, FlagSpec>> {
  help: boolean;
  values: FlagValues<F>;
  positionals: string[];
}

/** Identity with the flag names kept as literal types, so `values.port` is checked by the compiler. */
export function defineCommand<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>): CommandSpec<F> {
  return spec;
}

export function parseFlags<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>, argv: readonly string[]): ParsedFlags<F> {
  const args = joinNegativeValues(spec, argv);
  const options = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, { type: flag.type }]));
  // Not strict: parseArgs' own errors are multi-line and worded per case; the tokens let us word them once.
  const { tokens } = parseArgs({
    args,
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true, values: {}, positionals: [] };

  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (positionals.length >= (spec.positionals?.length ?? 0)) throw new UsageError(`unexpected argument "${token.value}"`);
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const flag = spec.flags[token.name];
    if (!flag) throw new UsageError(`unknown argument "${args[token.index] ?? token.rawName}"`);
    if (flag.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    // parseArgs (not strict) takes `--fault --port` as --fault without a value; so does an empty `--json=`.
    if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new UsageError(`${token.rawName} needs a value`);
    }
    values[token.name] = token.value;
  }
  return { help: false, values: values as FlagValues<F>, positionals };
}

/** A negative number after a string flag is its value (`--clock-skew-ms -3600000`), not a flag. */
function joinNegativeValues(spec: CommandSpec, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (spec.flags[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** `usage: <command> -- [options]` and one aligned line per flag, then the notes. */
export function formatUsage(spec: CommandSpec): string {
  const rows = Object.entries(spec.flags).map(([name, flag]) => [
    `--${name}${flag.type === 'string' ? ` ${flag.value ?? '<value>'}` : ''}`,
    flag.description,
  ]);
  rows.push(['-h, --help', 'print this help and exit']);
  for (const p of spec.positionals ?? []) rows.push([`[${p.name}]`, p.description]);
  const width = Math.max(...rows.map(([left]) => (left ?? '').length)) + 2;
  const positionals = (spec.positionals ?? []).map((p) => ` [${p.name}]`).join('');
  return [
    `usage: ${spec.command} -- [options]${positionals}`,
    ...rows.map(([left, right]) => `  ${(left ?? '').padEnd(width)}${right ?? ''}`),
    ...(spec.notes ?? []).map((line) => `  ${line}`),
  ].join('\n');
}

/** The project's convention for a bad command line: `<name>: <one line>`, then the usage, on stderr. */
export function formatUsageError(spec: CommandSpec, error: UsageError): string {
  return `${spec.name}: ${error.message}\n${formatUsage(spec)}\n`;
}

/**
 * For scripts: runs `parse`; `--help` (a result with `help: true`) prints the usage and exits 0,
 * a UsageError prints the error line + usage and exits 2. Anything else propagates.
 */
export function exitOnUsageError<T>(spec: CommandSpec, parse: () => T): T {
  let parsed: T;
  try {
    parsed = parse();
  } catch (e: unknown) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(formatUsageError(spec, e));
    process.exit(2);
  }
  if (isHelp(parsed)) {
    process.stdout.write(`${formatUsage(spec)}\n`);
    process.exit(0);
  }
  return parsed;
}

function isHelp(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { help?: unknown }).help === true;
}
