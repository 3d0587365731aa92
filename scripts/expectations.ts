/**
 * npm run expectations -- --from <reports dir> --out <file>
 *
 * Writes the failures of a finished run (its summary.json) as known-deviation entries into <file>
 * (YAML, see docs/known-deviations.md), merging into an existing file without duplicates. Every new
 * entry's reason is a TODO for a person to fill in. Exit 0 on success, 2 on bad usage or input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BaselineError } from '../src/expectations/baseline';
import { ExpectationsError } from '../src/expectations/expectations-file';
import { formatSignature } from '../src/expectations/failure-signature';
import { recordExpectations } from '../src/expectations/record-expectations';

const USAGE = 'usage: npm run expectations -- --from <reports dir of a finished run> --out <expectations.yaml>';

class UsageError extends Error {}

function readFlags(argv: string[]): { from: string; out: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { from: { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
  }
  const { from, out } = parsed.values;
  if (!from) throw new UsageError('--from <reports dir> is required');
  if (!out) throw new UsageError('--out <file> is required');
  return { from, out };
}

function main(): number {
  const { from, out } = readFlags(process.argv.slice(2));
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
  if (error instanceof UsageError) {
    console.error(`expectations: ${error.message}\n${USAGE}`);
  } else if (error instanceof ExpectationsError || error instanceof BaselineError) {
    console.error(`expectations: ${error.message.replace(/^LD_(EXPECTATIONS|BASELINE):? ?/, '')}`);
  } else {
    console.error(`expectations: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 2;
}
