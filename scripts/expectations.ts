/**
 * npm run expectations -- --from <reports dir> --out <file>
 *
 * Writes the failures of a finished run (its summary.json) as known-deviation entries into <file>
 * (YAML, see docs/known-deviations.md), one per test, rule, operation and status (a test's contract checks
 * that failed on one response are one cause, one entry), merging into an existing file without duplicates.
 * Every new entry's reason is a TODO for a person to fill in; until then every run warns about it (and
 * LD_EXPECTATIONS_STRICT=1 fails). Exit 0 on success, 2 on bad usage or input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { BaselineError } from '../src/expectations/baseline';
import { ExpectationsError } from '../src/expectations/expectations-file';
import { formatSignature } from '../src/expectations/failure-signature';
import { recordExpectations } from '../src/expectations/record-expectations';

const FLAGS = defineCommand({
  name: 'expectations',
  command: 'npm run expectations',
  flags: {
    from: { type: 'string', value: '<reports dir>', description: 'reports directory of a finished run (its summary.json is read)' },
    out: { type: 'string', value: '<file>', description: 'known-deviations YAML file to create or merge into (LD_EXPECTATIONS)' },
  },
  notes: [
    'One entry per test, rule, operation and status: the contract checks that failed on one response are one entry.',
    'New entries get reason "TODO: …": fill it in before committing (every run warns; LD_EXPECTATIONS_STRICT=1 fails). Format: docs/known-deviations.md',
  ],
});

function readFlags(argv: readonly string[]): { help: boolean; from: string; out: string } {
  const { help, values } = parseFlags(FLAGS, argv);
  if (help) return { help, from: '', out: '' };
  if (!values.from) throw new UsageError('--from <reports dir> is required');
  if (!values.out) throw new UsageError('--out <file> is required');
  return { help, from: values.from, out: values.out };
}

function main(): number {
  const { from, out } = exitOnUsageError(FLAGS, () => readFlags(process.argv.slice(2)));
  const outFile = path.resolve(out);
  const result = recordExpectations(from, outFile);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, result.text);
  for (const entry of result.added) console.log(`added: ${entry.test}: ${formatSignature(entry.failure)}`);
  console.log(
    `expectations: ${result.added.length} entr${result.added.length === 1 ? 'y' : 'ies'} added to ${out}, ${result.alreadyListed} already listed, ${result.skippedEnvironment} environment failure(s) not recorded` +
      (result.added.length ? '; fill in each TODO reason before committing' : ''),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof ExpectationsError || error instanceof BaselineError) {
    console.error(`expectations: ${error.message.replace(/^LD_(EXPECTATIONS|BASELINE):? ?/, '')}`);
  } else {
    console.error(`expectations: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 2;
}
