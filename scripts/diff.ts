/**
 * The differential run (docs/differential.md): one plan sent to two targets, what differs reported.
 *   npm run diff -- --a https://staging.example.com --b https://candidate.example.com   (LD_ACCESS_TOKEN_A / _B)
 *   npm run diff -- --a embedded --b embedded:extra-field --seed 7 --budget 20
 * Exit codes: 0 only noise, 1 differences, 2 bad input or a run the targets did not let finish. Ctrl-C stops
 * between requests, cleans up on both sides and exits 130.
 */
import { exitOnUsageError } from '../src/cli/parse-flags';
import { runCommand } from '../src/cli/run-command';
import { redactSecrets } from '../src/contract/secrets';
import { DIFF_FLAGS, parseDiffArgs } from '../src/differential/diff-args';
import { runDiffCommand, type EmbeddedServer } from '../src/differential/diff-command';
import { DiffInputError } from '../src/differential/diff-input-error';
import { isUnnamedChange, startReferenceServer, UNNAMED_CHANGE_IDS } from '../src/server';

async function startEmbedded(change: string | null): Promise<EmbeddedServer> {
  if (change !== null && !isUnnamedChange(change)) {
    throw new DiffInputError(`embedded:${change}: not a change the reference server knows (${UNNAMED_CHANGE_IDS.join(', ')}).`);
  }
  return startReferenceServer({ unnamedChange: change, log: () => undefined });
}

async function main(): Promise<number> {
  const args = exitOnUsageError(DIFF_FLAGS, () => parseDiffArgs(process.argv.slice(2)));
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('diff: Ctrl-C: stopping after the request in flight, then cleaning up on every side\n');
    controller.abort();
  });
  const code = await runDiffCommand(args, { startEmbedded, signal: controller.signal, out: (text) => process.stdout.write(text) });
  return controller.signal.aborted ? 130 : code;
}

runCommand('diff', main, {
  errorExitCode: 2,
  redact: redactSecrets,
  isExpected: (error) => error instanceof DiffInputError,
  exitAtOnce: true,
});
