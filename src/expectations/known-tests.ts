/**
 * Lists the suite's tests without running anything (`playwright test --list` with a title-printing
 * reporter), so global setup can reject a known-deviation entry that names a test that does not exist —
 * before the first request is sent.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { ExpectationEntry } from './expectations-file';
import { TITLE_LIST_MARKER } from './title-list-reporter';

const REPO_ROOT = path.resolve(__dirname, '../..');
const PLAYWRIGHT_CLI = path.join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export function listSuiteTests(configFile: string): string[] {
  const reporter = path.join(__dirname, 'title-list-reporter.ts');
  const stdout = execFileSync(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile, '--list', '--reporter', reporter], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith(TITLE_LIST_MARKER));
  if (!line) throw new Error("could not list the suite's tests (playwright test --list printed no titles)");
  return JSON.parse(line.slice(TITLE_LIST_MARKER.length)) as string[];
}

/** One line naming the first entry whose test does not exist, with the closest existing title; null if all exist. */
export function findUnknownTest(entries: readonly ExpectationEntry[], titles: readonly string[], file: string): string | null {
  const known = new Set(titles);
  const index = entries.findIndex((entry) => !known.has(entry.test));
  const entry = entries[index];
  if (!entry) return null;
  const leaf = entry.test.split(' › ').at(-1) ?? entry.test;
  const similar = titles.find((t) => t.endsWith(leaf)) ?? titles.find((t) => t.split(' › ')[0] === entry.test.split(' › ')[0]);
  return `LD_EXPECTATIONS ${file}: deviations[${index}].test names no test of the suite: "${entry.test}"${similar ? ` (did you mean "${similar}"?)` : ''}`;
}
