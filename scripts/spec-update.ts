/**
 * npm run spec:update -- <file or URL> [--source <text>] [--commit <text>] [--root <dir>]
 * Replaces specs/launchdarkly-openapi.json with the new file (bytes unchanged), regenerates
 * schemas/, rewrites the provenance in specs/README.md and prints what changed for the six
 * operations (docs/spec-evolution.md). Exit 0 when updated; 2 on bad input, with nothing written.
 */
import path from 'node:path';
import { readInteger } from '../src/cli/flag-values';
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { renderDiffTable } from '../src/spec/render-diff';
import { SpecError } from '../src/spec/spec-error';
import { DEFAULT_FETCH_TIMEOUT_MS } from '../src/spec/spec-source';
import { updateVendoredSpec, type UpdateOptions } from '../src/spec/update-spec';
import { runCommand } from '../src/cli/run-command';

const SPEC_UPDATE_FLAGS = defineCommand({
  name: 'spec:update',
  command: 'npm run spec:update',
  positionals: [{ name: 'file or URL', description: 'the new spec (required), e.g. https://app.launchdarkly.com/api/v2/openapi.json' }],
  flags: {
    source: { type: 'string', value: '<text>', description: 'Source row of the provenance (default: the URL; a file keeps the row)' },
    commit: {
      type: 'string',
      value: '<text>',
      description: 'Commit row of the provenance (default: the download date for a URL; a file keeps the row)',
    },
    root: { type: 'string', value: '<dir>', description: 'repository root holding specs/ and schemas/ (default: this repository)' },
    'timeout-ms': { type: 'string', value: '<n>', description: `how long to wait for a URL (default ${DEFAULT_FETCH_TIMEOUT_MS})` },
  },
});

function readArgs(argv: string[]): UpdateOptions {
  const { values, positionals } = parseFlags(SPEC_UPDATE_FLAGS, argv);
  const [source] = positionals;
  if (!source) throw new UsageError('the new spec (a file or URL) is required');
  return {
    source,
    root: path.resolve(values.root ?? path.join(__dirname, '..')),
    ...(values.source !== undefined ? { sourceNote: values.source } : {}),
    ...(values.commit !== undefined ? { commitNote: values.commit } : {}),
    timeoutMs:
      values['timeout-ms'] === undefined ? DEFAULT_FETCH_TIMEOUT_MS : readInteger(values['timeout-ms'], '--timeout-ms', { min: 1 }),
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  exitOnUsageError(SPEC_UPDATE_FLAGS, () => parseFlags(SPEC_UPDATE_FLAGS, argv)); // --help, unknown flags
  const options = exitOnUsageError(SPEC_UPDATE_FLAGS, () => readArgs(argv));
  const result = await updateVendoredSpec(options);
  process.stdout.write(renderDiffTable(result.diff));
  if (result.unchanged) process.stdout.write('the new file is byte for byte the vendored one: nothing changed\n');
  for (const file of result.schemasRemoved) process.stdout.write(`removed schemas/${file}\n`);
  process.stdout.write(
    `updated specs/launchdarkly-openapi.json, ${result.schemasWritten} files in schemas/, provenance rows ${result.provenanceRows.join(', ')} in specs/README.md\n`,
  );
  if (result.keptSourceRows && !result.unchanged) {
    process.stdout.write(
      'note: the Source/Commit rows of specs/README.md were kept as they were: pass --source and --commit to record where this file came from\n',
    );
  }
  if (result.diff.breaking > 0)
    process.stdout.write('review the breaking changes above before committing: tests may need to follow the new contract\n');
  return 0;
}

runCommand('spec:update', main, { isExpected: (error) => error instanceof SpecError });
