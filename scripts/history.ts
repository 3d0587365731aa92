/**
 * `npm run history -- --from <reports dirs | summary.json files | nightly artifact folders…> --out reports/history`:
 * the nightly over time as one self-contained page (history.html) and the same data as history.json
 * (src/history, docs/history.md). A skipped input is one line on stderr; exit 0 with a page, 2 on bad usage or
 * when no input is a valid summary.json.
 */
import { defineCommand, exitOnUsageError, parseFlags, UsageError } from '../src/cli/parse-flags';
import { runCommand } from '../src/cli/run-command';
import { HistoryInputError } from '../src/history/load-summaries';
import { writeHistory } from '../src/history/write-history';

const HISTORY_FLAGS = defineCommand({
  name: 'history',
  command: 'npm run history',
  flags: {
    from: {
      type: 'string',
      value: '<path,path…>',
      description: 'summary.json files, reports directories or folders of downloaded nightly reports (space- or comma-separated)',
    },
    out: { type: 'string', value: '<dir>', description: 'where history.html, history.json and nights/ go (default reports/history)' },
    keep: {
      type: 'string',
      value: '<days>',
      description: "days of summaries kept in <out>/nights/ for the next night's history (default 90)",
    },
  },
  notes: ['Example: npm run history -- --from previous-report/history/nights,reports --out reports/history'],
});

function main(): number {
  const options = exitOnUsageError(HISTORY_FLAGS, () => {
    const parsed = parseFlags(HISTORY_FLAGS, joinFromPaths(process.argv.slice(2)));
    const from = (parsed.values.from ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (!parsed.help && from.length === 0) throw new UsageError('give --from <paths>');
    const keepText = parsed.values.keep ?? '90';
    const keep = Number(keepText);
    if (!/^[1-9][0-9]*$/.test(keepText)) throw new UsageError(`--keep must be a whole number of days above 0, got "${keepText}"`);
    return { ...parsed, from, out: parsed.values.out ?? 'reports/history', keep };
  });
  const result = writeHistory(options);
  for (const line of result.history.skipped) process.stderr.write(`history: skipped ${line}\n`);
  const nights = result.history.series.reduce((n, s) => n + s.nights.length, 0);
  process.stdout.write(
    `history: ${nights} nights in ${result.history.series.length} series → ${result.htmlFile} (data: ${result.jsonFile}; ${result.kept} summaries kept)\n`,
  );
  return 0;
}

/** `--from a b c` (as a shell glob expands) → `--from a,b,c`: the words after --from up to the next flag are its paths. */
function joinFromPaths(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg !== '--from') {
      out.push(arg);
      continue;
    }
    const paths: string[] = [];
    while (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('-')) paths.push(argv[++i] ?? '');
    out.push(arg, paths.join(','));
  }
  return out;
}

runCommand('history', main, { isExpected: (error) => error instanceof HistoryInputError });
