/**
 * `npm run --silent baseline:check -- <reports dir>`: can this earlier run's summary.json be LD_BASELINE? The same
 * judgement the run makes when it loads the baseline (src/expectations/baseline.ts), so the nightly's step that picks
 * last night's report can walk back past a stopped night instead of handing it to the merge, which would refuse it.
 * Exit 0 usable (one line naming it), 1 not usable (one line: why), 2 usage.
 */
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { runCommand } from '../src/cli/run-command';
import { BaselineError, loadBaselineSummary } from '../src/expectations/baseline';

const BASELINE_FLAGS = defineCommand({
  name: 'baseline:check',
  command: 'npm run --silent baseline:check',
  flags: {},
  positionals: [{ name: 'reports-dir', description: "an earlier run's reports directory (holding summary.json)" }],
});

function main(): number {
  const dir = exitOnUsageError(BASELINE_FLAGS, () => {
    const parsed = parseFlags(BASELINE_FLAGS, process.argv.slice(2));
    const given = parsed.positionals[0];
    if (!parsed.help && given === undefined) throw new UsageError('give the reports directory of an earlier run');
    return { ...parsed, dir: given ?? '' };
  }).dir;
  try {
    const summary = loadBaselineSummary(dir);
    process.stdout.write(`baseline:check: ${dir} can be LD_BASELINE (generated ${summary.generatedAt || 'at an unknown time'})\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    process.stdout.write(`baseline:check: ${error.message}\n`);
    return 1;
  }
}

runCommand('baseline:check', main);
