/**
 * The history's inputs: summary.json files, reports directories holding one, or folders of downloaded nightly
 * artifacts (each a reports directory: `<dir>/<run>/summary.json`, and the history's own kept nights,
 * `<dir>/nights/*.json`). Every file is validated against report-schemas/summary.schema.json with ajv, as the tests
 * hold every writer to it; a file that is not JSON, not a summary, or of another major version is skipped with one
 * line saying why — one bad night never stops the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SUMMARY_SCHEMA_VERSION } from '../coverage/run-summary';
import { validateSummary } from '../coverage/validate-summary';
import type { RunSummary } from '../domain/run-summary';
import type { SummaryInput } from './build-history';

export class HistoryInputError extends Error {
  override name = 'HistoryInputError';
}

export interface LoadedSummaries {
  inputs: SummaryInput[];
  /** One line per skipped file: `<path>: <why>`. */
  skipped: string[];
}

/** The summary.json versions this history reads: today's, and 2, which differs only by a kind it never used. */
const READABLE_VERSIONS: readonly number[] = [2, SUMMARY_SCHEMA_VERSION];

/** How deep a directory is searched for summaries: an artifact folder of run folders of reports (with nights/). */
const MAX_DEPTH = 3;

export function loadSummaries(paths: readonly string[]): LoadedSummaries {
  const files: string[] = [];
  const inputs: SummaryInput[] = [];
  const skipped: string[] = [];
  for (const given of paths) {
    const stat = statOrNull(given);
    // A missing path is one skipped line, like a bad file: the nightly's first night has no earlier report.
    if (!stat) skipped.push(`${given}: no such file or directory`);
    else if (stat.isFile()) files.push(given);
    else files.push(...findSummaries(given, 0));
  }
  const seen = new Set<string>();
  for (const file of [...new Set(files.map((f) => path.resolve(f)))].sort()) {
    const read = readSummary(file);
    if (typeof read === 'string') {
      skipped.push(`${shown(file)}: ${read}`);
      continue;
    }
    // The same run reached twice (today's reports and the kept copy of it): one night, not two shards.
    const identity = `${read.generatedAt}|${read.startedAt ?? ''}|${JSON.stringify(read.target)}|${read.requests}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    inputs.push({ source: shown(file), summary: read });
  }
  return { inputs, skipped };
}

/** A summary, or why the file is not one (one line). */
export function readSummary(file: string): RunSummary | string {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return error instanceof SyntaxError ? 'not JSON' : `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const version = typeof doc === 'object' && doc !== null ? (doc as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === undefined) return 'not a summary.json (no schemaVersion)';
  if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version))
    return `summary.json version ${JSON.stringify(version)}, this history reads versions ${READABLE_VERSIONS.join(' and ')}`;
  // Version 3 only added the failure kind `explore` (docs/summary-json.md): a version 2 summary is a version 3 one
  // that never uses it, so it is validated by today's schema under today's number; months of kept nights stay read.
  const problems = validateSummary({ ...(doc as object), schemaVersion: SUMMARY_SCHEMA_VERSION });
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return `not a valid summary.json: ${problems[0] ?? ''}${more}`;
  }
  return doc as RunSummary;
}

function findSummaries(dir: string, depth: number): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && (entry.name === 'summary.json' || path.basename(dir) === 'nights') && entry.name.endsWith('.json'))
      found.push(full);
    // history/ is the page's own output beside summary.json: its nights/ are inputs, its history.json is not.
    else if (entry.isDirectory() && depth < MAX_DEPTH && !IGNORED_DIRS.has(entry.name)) found.push(...findSummaries(full, depth + 1));
  }
  return found;
}

/** Folders of a reports directory that never hold a summary (Playwright's HTML report, its data, the traces). */
const IGNORED_DIRS = new Set(['html', 'data', 'trace', 'screenshots', 'test-results', 'node_modules', '.git']);

/** A path as a person reads it: relative below the working directory, absolute elsewhere. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') ? file : relative;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}
