/**
 * `npm run conformance`'s exit code (issue 24.4): Playwright's own says 1 for a contract failure, an unreachable
 * target and a rate-limited night alike, so the thin wrapper (scripts/conformance.ts) decides it from this run's
 * summary.json instead (src/domain/run-status.ts): 0 passed, 1 a contract failure, 2 a usage or configuration error,
 * 3 environment failures only (an unreachable target included), 130 interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXIT_CODES, exitCodeFor, type ExitFacts } from '../domain/run-status';
import { INTERRUPTED_EXIT_CODE } from './interrupt';

export const SUMMARY_JSON = 'summary.json';

/** summary.json when this run wrote it (modified since `startedAtMs`), else null: an earlier run's says nothing. */
export function readThisRunsSummary(reportsDir: string, startedAtMs: number): ExitFacts | null {
  const file = path.join(reportsDir, SUMMARY_JSON);
  try {
    if (fs.statSync(file).mtimeMs < startedAtMs - 1000) return null;
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ExitFacts>;
    if (typeof parsed.status !== 'string') return null;
    return {
      status: parsed.status,
      contractFailures: Number(parsed.contractFailures ?? 0),
      environmentFailures: Number(parsed.environmentFailures ?? 0),
      tests: { failed: Number(parsed.tests?.failed ?? 0) },
      failures: Array.isArray(parsed.failures) ? parsed.failures : [],
      runErrors: Array.isArray(parsed.runErrors) ? parsed.runErrors : [],
    };
  } catch {
    return null;
  }
}

export interface ChildEnd {
  /** Playwright's exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The wrapper's exit code: from this run's summary when there is one, else Playwright's own (`--list`, `--help`, a
 * crash before any reporter). A summary that says passed never hides a non-zero exit of Playwright (a reporter's
 * error): that is 1.
 */
export function conformanceExitCode(summary: ExitFacts | null, child: ChildEnd): number {
  if (child.code === null) return INTERRUPTED_EXIT_CODE;
  if (!summary) return child.code;
  const code = exitCodeFor(summary);
  return code === EXIT_CODES.passed && child.code !== 0 ? EXIT_CODES.failure : code;
}
