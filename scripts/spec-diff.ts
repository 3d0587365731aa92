/**
 * npm run spec:diff -- --against <file or URL> [--base <file or URL>] [--json]
 * Compares the vendored spec (or --base) with another version, for the six operations only, and
 * classifies every change as breaking or not for a client (docs/spec-evolution.md).
 * Exit codes: 0 nothing breaking, 1 something breaking, 2 bad input (one line, no stack trace).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderDiffJson, renderDiffTable } from '../src/spec/render-diff';
import { DEFAULT_SPEC_PATH } from '../src/spec/schema-ids';
import { diffSpecs } from '../src/spec/spec-diff';
import { SpecError } from '../src/spec/spec-error';
import { DEFAULT_FETCH_TIMEOUT_MS, readSpecSource } from '../src/spec/spec-source';

const USAGE = `usage: npm run spec:diff -- --against <file or URL> [--base <file or URL>] [--json] [--timeout-ms <n>]
  --against      the other version of the spec (a file, or an http(s) URL such as <host>/api/v2/openapi.json)
  --base         the version to compare from (default ${DEFAULT_SPEC_PATH})
  --json         machine-readable output for CI
  --timeout-ms   how long to wait for a URL (default ${DEFAULT_FETCH_TIMEOUT_MS})
exit 0: nothing breaking; 1: something breaking; 2: bad input`;

class UsageError extends Error {}

interface DiffArgs {
  against: string;
  base: string;
  json: boolean;
  timeoutMs: number;
}

function readArgs(argv: string[]): DiffArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        against: { type: 'string' },
        base: { type: 'string' },
        json: { type: 'boolean', default: false },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
  if (values.help) return 'help';
  if (!values.against) throw new UsageError('--against <file or URL> is required');
  const timeoutText = values['timeout-ms'] ?? String(DEFAULT_FETCH_TIMEOUT_MS);
  if (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 1) throw new UsageError(`--timeout-ms must be a positive whole number, got "${timeoutText}"`);
  const repoRoot = path.resolve(__dirname, '..');
  return {
    against: values.against,
    base: values.base ?? path.relative(process.cwd(), path.join(repoRoot, DEFAULT_SPEC_PATH)),
    json: values.json === true,
    timeoutMs: Number(timeoutText),
  };
}

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [base, against] = await Promise.all([readSpecSource(args.base, args.timeoutMs), readSpecSource(args.against, args.timeoutMs)]);
  const diff = diffSpecs(base, against);
  process.stdout.write(args.json ? renderDiffJson(diff) : renderDiffTable(diff));
  return diff.breaking > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`spec:diff: ${error.message}\n${USAGE}\n`);
    else if (error instanceof SpecError) process.stderr.write(`spec:diff: ${error.message}\n`);
    else process.stderr.write(`spec:diff: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
