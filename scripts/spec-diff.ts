/**
 * npm run spec:diff -- --against <file or URL> [--base <file or URL>] [--json]
 * Compares the vendored spec (or --base) with another version, for the six operations only, and
 * classifies every change as breaking or not for a client (docs/spec-evolution.md).
 * Exit codes: 0 nothing breaking, 1 something breaking, 2 bad input (one line, no stack trace).
 */
import path from 'node:path';
import { readInteger } from '../src/cli/flag-values';
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { renderDiffJson, renderDiffTable } from '../src/spec/render-diff';
import { DEFAULT_SPEC_PATH } from '../src/spec/schema-ids';
import { diffSpecs } from '../src/spec/spec-diff';
import { SpecError } from '../src/spec/spec-error';
import { DEFAULT_FETCH_TIMEOUT_MS, readSpecSource } from '../src/spec/spec-source';
import { runCommand } from '../src/cli/run-command';

const SPEC_DIFF_FLAGS = defineCommand({
  name: 'spec:diff',
  command: 'npm run spec:diff',
  flags: {
    against: {
      type: 'string',
      value: '<file or URL>',
      description: 'the other version of the spec, e.g. <host>/api/v2/openapi.json (required)',
    },
    base: { type: 'string', value: '<file or URL>', description: `the version to compare from (default ${DEFAULT_SPEC_PATH})` },
    json: { type: 'boolean', description: 'machine-readable output for CI' },
    'timeout-ms': { type: 'string', value: '<n>', description: `how long to wait for a URL (default ${DEFAULT_FETCH_TIMEOUT_MS})` },
  },
  notes: ['exit 0: nothing breaking; 1: something breaking; 2: bad input'],
});

interface DiffArgs {
  against: string;
  base: string;
  json: boolean;
  timeoutMs: number;
}

function readArgs(argv: string[]): DiffArgs {
  const { values } = parseFlags(SPEC_DIFF_FLAGS, argv);
  if (!values.against) throw new UsageError('--against <file or URL> is required');
  const repoRoot = path.resolve(__dirname, '..');
  return {
    against: values.against,
    base: values.base ?? path.relative(process.cwd(), path.join(repoRoot, DEFAULT_SPEC_PATH)),
    json: values.json ?? false,
    timeoutMs:
      values['timeout-ms'] === undefined ? DEFAULT_FETCH_TIMEOUT_MS : readInteger(values['timeout-ms'], '--timeout-ms', { min: 1 }),
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  exitOnUsageError(SPEC_DIFF_FLAGS, () => parseFlags(SPEC_DIFF_FLAGS, argv)); // --help, unknown flags
  const args = exitOnUsageError(SPEC_DIFF_FLAGS, () => readArgs(argv));
  const [base, against] = await Promise.all([readSpecSource(args.base, args.timeoutMs), readSpecSource(args.against, args.timeoutMs)]);
  const diff = diffSpecs(base, against);
  process.stdout.write(args.json ? renderDiffJson(diff) : renderDiffTable(diff));
  return diff.breaking > 0 ? 1 : 0;
}

runCommand('spec:diff', main, { isExpected: (error) => error instanceof SpecError });
