import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../client/errors';
import { ConfigurationStop } from '../config/user-facing-error';
import type { RunErrorItem } from '../domain/run-summary';

/**
 * Errors outside any test, typed where they are caught. Global set-up and teardown run in Playwright's main
 * process and can hand the reporters nothing but an Error; so each writes what it threw, with its kind, to
 * `run-errors.json` in the reports directory (like H1's end-of-run-h1.json), and the coverage reporter
 * (summary.json `runErrors`) and the suite-run reader (src/harness/run-suite.ts) read the kind from there,
 * never from the message's wording.
 */
export const RUN_ERRORS_FILE = 'run-errors.json';

interface RunErrorsFile {
  runId: string;
  errors: RunErrorItem[];
}

/** The kind of what stopped global set-up or teardown, from the error's type: the environment's, or the run's. */
export function runErrorKind(error: unknown): RunErrorItem['kind'] {
  return error instanceof EnvironmentError ? 'environment' : 'run';
}

/** `configuration` when what stopped the run is the run's configuration (a ConfigurationStop), from its type. */
export function runErrorCause(error: unknown): Pick<RunErrorItem, 'cause'> {
  return error instanceof ConfigurationStop ? { cause: 'configuration' } : {};
}

/** Global set-up's first step: an earlier run's errors must not be read as this run's. */
export function clearRunErrors(reportsDir: string): void {
  fs.rmSync(path.join(reportsDir, RUN_ERRORS_FILE), { force: true });
}

/** Adds one error of this run (set-up and teardown can both fail in one run). */
export function recordRunError(reportsDir: string, runId: string, item: RunErrorItem): void {
  const errors = readRunErrors(reportsDir, runId);
  fs.mkdirSync(reportsDir, { recursive: true });
  const file: RunErrorsFile = { runId, errors: [...errors, item] };
  fs.writeFileSync(path.join(reportsDir, RUN_ERRORS_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * This run's errors; none when the file is missing, unreadable or another run's. `runId` null: whichever run wrote
 * it, for a caller that removed the file before starting the run (the suite-run reader does not know the child's id).
 */
export function readRunErrors(reportsDir: string, runId: string | undefined | null): RunErrorItem[] {
  if (runId === undefined || runId === '') return [];
  let parsed: Partial<RunErrorsFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(reportsDir, RUN_ERRORS_FILE), 'utf8')) as Partial<RunErrorsFile>;
  } catch {
    return [];
  }
  if ((runId !== null && parsed.runId !== runId) || !Array.isArray(parsed.errors)) return [];
  return parsed.errors.filter(
    (e): e is RunErrorItem =>
      typeof e === 'object' &&
      e !== null &&
      (e.kind === 'environment' || e.kind === 'run') &&
      (e.phase === 'configuration' || e.phase === 'global set-up' || e.phase === 'global teardown') &&
      typeof e.message === 'string' &&
      (e.cause === undefined || e.cause === 'configuration'),
  );
}

/**
 * The kind of one of Playwright's global errors (its JSON report's `errors`): the recorded error whose message it
 * carries (Playwright prints a user-facing error's message as it was thrown), else `run`.
 */
export function kindOfGlobalError(message: string, recorded: readonly RunErrorItem[]): RunErrorItem['kind'] {
  return recorded.find((e) => message.includes(e.message))?.kind ?? 'run';
}
