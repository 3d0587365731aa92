/**
 * Hands the drift result from global setup (which fetches the served spec) to the coverage
 * reporter (which may run later, in merge-reports on another machine) through
 * `<reports dir>/spec-drift.json`. Global setup removes a stale file when the check is off, so
 * a report never shows an earlier run's drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SPEC_DRIFT_FILE, type SpecDriftReport } from './spec-drift';

const STATES = new Set(['in-sync', 'drifted', 'no-spec', 'unavailable']);

export function writeSpecDrift(reportsDir: string, report: SpecDriftReport): string {
  fs.mkdirSync(reportsDir, { recursive: true });
  const file = path.join(reportsDir, SPEC_DRIFT_FILE);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

export function removeSpecDrift(reportsDir: string): void {
  fs.rmSync(path.join(reportsDir, SPEC_DRIFT_FILE), { force: true });
}

/** The drift result of this run, null when the check was off; a broken file is a problem line. */
export function readSpecDrift(reportsDir: string, problems: string[]): SpecDriftReport | null {
  const file = path.join(reportsDir, SPEC_DRIFT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<SpecDriftReport>;
    if (
      typeof parsed.state === 'string' &&
      STATES.has(parsed.state) &&
      typeof parsed.message === 'string' &&
      Array.isArray(parsed.changes)
    ) {
      return parsed as SpecDriftReport;
    }
    problems.push(`${file} is not a spec drift result (no state, message or changes)`);
  } catch (error) {
    problems.push(`${file} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return null;
}
