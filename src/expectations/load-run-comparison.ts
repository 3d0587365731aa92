/**
 * Loads the files behind LD_EXPECTATIONS and LD_BASELINE at the edges that use them — global setup (to stop a
 * bad file before any request), the fixtures (known deviations) and the reporters (summary.json) — so the
 * configuration only reads variables. A bad file is a ConfigError with the loader's one-line message.
 */
import { ConfigError } from '../config/config-error';
import type { SuiteConfig } from '../config/suite-config';
import { BaselineError, loadBaselineSummary, type BaselineSummary } from './baseline';
import { ExpectationsError, loadExpectationsFile, type ExpectationEntry } from './expectations-file';

/** The known deviations of LD_EXPECTATIONS, with the file they came from (named in reports). */
export interface KnownDeviations {
  file: string;
  entries: ExpectationEntry[];
}

export interface RunComparison {
  expectations: KnownDeviations | null;
  baseline: { dir: string; summary: BaselineSummary } | null;
}

type Settings = Pick<SuiteConfig, 'expectationsFile' | 'baselineDir'>;

/** LD_EXPECTATIONS loaded and validated; null when unset. Throws ConfigError (one line). */
export function loadKnownDeviations(settings: Pick<Settings, 'expectationsFile'>): KnownDeviations | null {
  const file = settings.expectationsFile ?? null;
  if (file === null) return null;
  return asConfigError(() => ({ file, entries: loadExpectationsFile(file) }));
}

/** Both files, expectations first (the order the configuration checked them in). Throws ConfigError (one line). */
export function loadRunComparison(settings: Settings): RunComparison {
  const expectations = loadKnownDeviations(settings);
  const dir = settings.baselineDir ?? null;
  const baseline = dir === null ? null : { dir, summary: asConfigError(() => loadBaselineSummary(dir)) };
  return { expectations, baseline };
}

function asConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error: unknown) {
    if (error instanceof ExpectationsError || error instanceof BaselineError) throw new ConfigError(error.message);
    throw error;
  }
}
